/** The real terminal for the interactive `sts-lab`: raw keys from stdin, output to stdout. */
import { readdirSync } from 'node:fs';
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
