/** The real terminal for the interactive `sts-lab`: raw keys from stdin, output to stdout. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditHook } from '../kubectl/index.ts';
import type { InteractiveIo } from './interactive.ts';

/** Wraps process.stdin/stdout (stdin must be a TTY: keys arrive one by one, unechoed). */
export function nodeTerminal(): InteractiveIo {
  return {
    onInput(listener) {
      const onData = (chunk: Buffer | string): void => listener(chunk.toString());
      process.stdin.setRawMode(true);
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', onData);
      process.stdin.resume();
      return () => {
        process.stdin.off('data', onData);
        process.stdin.setRawMode(false);
        process.stdin.pause();
      };
    },
    write: (text) => void process.stdout.write(text),
    every(ms, tick) {
      const handle = setInterval(tick, ms);
      return () => clearInterval(handle);
    },
    now: () => performance.now(),
  };
}

/** YAML files in a directory, for Tab completion (the built-in examples are added by the caller). */
export function yamlFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  } catch {
    return [];
  }
}

/**
 * `kubectl edit` in a real terminal, as kubectl's editor.go does it: the text goes to a temporary
 * `kubectl-edit-*.yaml`, `$KUBE_EDITOR`, `$EDITOR` or `vi` edits it (through `$SHELL -c` when the
 * setting has spaces), and the saved text comes back (undefined when the file was not written).
 * When the editor cannot be started the hook rejects with kubectl's message.
 */
export function nodeEditor(env: NodeJS.ProcessEnv = process.env): EditHook {
  return (_object, text) => {
    const setting = env['KUBE_EDITOR'] || env['EDITOR'] || 'vi';
    const dir = mkdtempSync(join(tmpdir(), 'kubectl-edit-'));
    const file = join(dir, 'kubectl-edit-object.yaml');
    try {
      writeFileSync(file, text);
      const args = setting.includes(' ')
        ? [env['SHELL'] || '/bin/bash', '-c', `${setting} ${JSON.stringify(file)}`]
        : [setting, file];
      const shown = setting.includes(' ')
        ? [env['SHELL'] || '/bin/bash', '-c', setting].join(' ')
        : setting;
      const raw = process.stdin.isTTY && process.stdin.isRaw;
      if (raw) process.stdin.setRawMode(false);
      const run = spawnSync(args[0] ?? 'vi', args.slice(1), { stdio: 'inherit' });
      if (raw) process.stdin.setRawMode(true);
      const err = run.error as NodeJS.ErrnoException | undefined;
      if (err?.code === 'ENOENT') {
        return Promise.reject(new Error(`unable to launch the editor ${JSON.stringify(shown)}`));
      }
      if (err !== undefined || run.status !== 0) {
        return Promise.reject(
          new Error(`there was a problem with the editor ${JSON.stringify(shown)}`),
        );
      }
      const saved = readFileSync(file, 'utf8');
      return Promise.resolve(saved === text ? undefined : saved);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
