/**
 * `sts-lab` with no script: the workspace's shell in a real terminal. Virtual time runs at
 * wall-clock speed (or `--speed N` times it), so `kubectl get pods -w` shows pods starting in
 * real time, and Ctrl-C ends a waiting command as in a real shell.
 */
import { createCluster, type Cluster } from '../sim/index.ts';
import { createShell, DrivenWaiter, type Ticks } from '../shell/index.ts';
import { LineEditor } from '../shell/line-editor.ts';
import { createCompleter } from '../shell/completion.ts';
import type { EditHook } from '../kubectl/index.ts';

/** The terminal and clock the session runs on (process.stdin/stdout and timers in `sts-lab`). */
export interface InteractiveIo {
  /** Subscribes to keystrokes and pasted text; returns a function that unsubscribes. */
  onInput(listener: (data: string) => void): () => void;
  write(text: string): void;
  /** Calls `tick` every `ms` real milliseconds until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
  /** Real milliseconds, for measuring how much time to let pass. */
  now(): number;
}

/** Options of an interactive session. */
export interface InteractiveOptions {
  readonly io: InteractiveIo;
  readonly seed: number;
  /** Virtual seconds per real second. */
  readonly speed: number;
  readonly readFile: (path: string) => string | undefined;
  /** File names offered by Tab completion. */
  readonly listFiles: () => readonly string[];
  /** Lists a real directory's files (`kubectl apply -f DIR`). */
  readonly listDirectory?: (path: string) => readonly string[] | undefined;
  /** The editor `kubectl edit` opens. */
  readonly edit?: EditHook;
}

/** How often the clock advances, in real milliseconds. */
const TICK_MS = 50;

/** Runs an interactive session; resolves with the exit code when the learner leaves. */
export function runInteractive(options: InteractiveOptions): Promise<number> {
  const { io } = options;
  const cluster: Cluster = createCluster({ seed: options.seed });
  const listeners = new Set<(value: number) => void>();
  const ticks: Ticks = {
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const waiter = new DrivenWaiter(ticks, () => cluster.now());
  const shell = createShell({
    cluster,
    readFile: options.readFile,
    waiter,
    listFiles: options.listFiles,
    ...(options.listDirectory ? { listDirectory: options.listDirectory } : {}),
    ...(options.edit ? { edit: options.edit } : {}),
  });

  let last = io.now();
  let carry = 0;
  const stopClock = io.every(TICK_MS, () => {
    const now = io.now();
    // Whole virtual milliseconds only; the fraction is carried to the next tick.
    const owed = Math.min(now - last, 1000) * options.speed + carry;
    last = now;
    const whole = Math.floor(owed);
    carry = owed - whole;
    if (whole > 0) cluster.advance(whole);
    for (const listener of [...listeners]) listener(cluster.now());
  });

  const write = (text: string): void => io.write(text.replace(/\r?\n/g, '\r\n'));
  return new Promise<number>((resolve) => {
    let stopInput: () => void = () => undefined;
    const leave = (code: number): void => {
      stopInput();
      stopClock();
      waiter.interrupt();
      resolve(code);
    };
    const editor = new LineEditor({
      output: { write: (data) => io.write(data) },
      prompt: () => shell.prompt(),
      onCancel: () => shell.cancelInput(),
      completer: createCompleter({ cluster, files: options.listFiles }),
      onSubmit: async (line) => {
        const trimmed = line.trim();
        // `exit` leaves sts-lab only at the top level; inside `kubectl exec -it` it ends that session.
        if (
          !shell.continuing &&
          shell.prompt() === '$ ' &&
          (trimmed === 'exit' || trimmed.startsWith('exit '))
        ) {
          leave(Number(trimmed.split(/\s+/)[1] ?? 0) || 0);
          return;
        }
        if (trimmed === 'clear' && !shell.continuing) {
          io.write('\x1b[2J\x1b[3J\x1b[H');
          return;
        }
        await shell.run(line, { write: (_stream, text) => write(text) });
      },
    });
    stopInput = io.onInput((data) => {
      if (editor.busy && data.includes('\x03')) {
        io.write('^C\r\n');
        waiter.interrupt();
        return;
      }
      // Ctrl-D on an empty line leaves, as in bash.
      if (data === '\x04' && !editor.busy && editor.line === '') {
        io.write('exit\r\n');
        leave(0);
        return;
      }
      editor.input(data);
    });
    write(
      `StatefulSet Lab: a simulated Kubernetes 1.35 cluster with 3 worker nodes (seed ${options.seed}).\n` +
        `Time runs at ${options.speed}× wall-clock speed. Type kubectl commands; Tab completes; ` +
        `Ctrl-C stops a watch; exit or Ctrl-D leaves.\n`,
    );
    editor.start();
  });
}
