/**
 * The minimal shell in front of kubectl: one line at a time, `#` comments, quoting, `;`, `&&`,
 * `||`, `kubectl` and its alias `k`, `sleep N` (virtual seconds), `echo`, `cat FILE`, `true`,
 * `false`. Output goes to a sink as it is produced, so a transcript keeps stdout and stderr in
 * order. Pipes, variables, loops and here-documents are a later step.
 */
import type { Cluster } from '../sim/index.ts';
import { runKubectl, steppingWaiter } from '../kubectl/index.ts';
import type { KubectlResult, OutputSink, Waiter } from '../kubectl/index.ts';
import { splitLine } from './words.ts';

/** What a shell is bound to. */
export interface ShellOptions {
  readonly cluster: Cluster;
  /** The shell's files by name (the editor's files; in sts-lab also the built-in examples). */
  readonly readFile?: (path: string) => string | undefined;
  /** How blocking commands let virtual time pass (default: step the simulation). */
  readonly waiter?: Waiter;
}

/** A shell bound to a cluster. */
export interface Shell {
  /** Runs one line; output also goes to `sink` as it is produced. Never rejects. */
  run(line: string, sink?: OutputSink): Promise<KubectlResult>;
}

/** Creates a shell bound to `opts.cluster`. */
export function createShell(opts: ShellOptions): Shell {
  const waiter = opts.waiter ?? steppingWaiter(opts.cluster);
  const runOne = async (
    words: readonly string[],
    sink: OutputSink | undefined,
  ): Promise<KubectlResult> => {
    const [cmd = '', ...args] = words;
    let stdout = '';
    let stderr = '';
    const out = (s: string): void => {
      stdout += s;
      sink?.write('stdout', s);
    };
    const err = (s: string): void => {
      stderr += s;
      sink?.write('stderr', s);
    };
    switch (cmd) {
      case 'kubectl':
      case 'k':
        return runKubectl(
          args,
          {
            cluster: opts.cluster,
            ...(opts.readFile ? { readFile: opts.readFile } : {}),
            ...(sink ? { sink } : {}),
          },
          { waiter },
        );
      case 'sleep': {
        const arg = args[0];
        const m = arg === undefined ? null : /^(\d+(?:\.\d+)?)([smh]?)$/.exec(arg);
        if (m === null) {
          err(
            arg === undefined
              ? 'sleep: missing operand\n'
              : `sleep: invalid time interval '${arg}'\n`,
          );
          return { stdout, stderr, exitCode: 1 };
        }
        const unit = m[2] === 'm' ? 60_000 : m[2] === 'h' ? 3_600_000 : 1000;
        await waiter.sleep(Number(m[1]) * unit);
        return { stdout, stderr, exitCode: 0 };
      }
      case 'echo': {
        const noNewline = args[0] === '-n';
        out((noNewline ? args.slice(1) : args).join(' ') + (noNewline ? '' : '\n'));
        return { stdout, stderr, exitCode: 0 };
      }
      case 'cat': {
        let code = 0;
        for (const f of args) {
          const text = opts.readFile?.(f);
          if (text === undefined) {
            err(`cat: ${f}: No such file or directory\n`);
            code = 1;
          } else out(text);
        }
        return { stdout, stderr, exitCode: code };
      }
      case 'true':
        return { stdout, stderr, exitCode: 0 };
      case 'false':
        return { stdout, stderr, exitCode: 1 };
      default:
        err(`${cmd}: command not found\n`);
        return { stdout, stderr, exitCode: 127 };
    }
  };
  return {
    async run(line, sink) {
      const split = splitLine(line);
      if (!split.ok) {
        const msg = `sh: ${split.message}\n`;
        sink?.write('stderr', msg);
        return { stdout: '', stderr: msg, exitCode: 2 };
      }
      let stdout = '';
      let stderr = '';
      let exitCode = 0;
      for (const c of split.commands) {
        if (c.joiner === '&&' && exitCode !== 0) continue;
        if (c.joiner === '||' && exitCode === 0) continue;
        const r = await runOne(c.words, sink);
        stdout += r.stdout;
        stderr += r.stderr;
        exitCode = r.exitCode;
      }
      return { stdout, stderr, exitCode };
    },
  };
}
