/**
 * What a kubectl invocation needs from its surroundings and what it gives back. Output is written
 * through a sink as it is produced (so a later `-w` can stream, and a transcript keeps stdout and
 * stderr in order) and is also collected into the returned result.
 */
import type { Cluster, KubeObject } from '../sim/index.ts';

/** Which stream a chunk of output belongs to. */
export type Stream = 'stdout' | 'stderr';

/** Receives output chunks in the order they are produced. */
export interface OutputSink {
  write(stream: Stream, text: string): void;
}

/** Reads the shell's files; undefined when the path does not exist. */
export type FileReader = (path: string) => string | undefined;

/** Everything a kubectl command runs against. */
export interface KubectlEnv {
  readonly cluster: Cluster;
  /** The shell's files (`-f db-cluster.yaml`). */
  readonly readFile?: FileReader;
  /**
   * The file names in directory `path` (`-f manifests/`), or undefined when `path` is not a
   * directory; kubectl reads the .yaml, .yml and .json files among them in name order.
   */
  readonly listDirectory?: (path: string) => readonly string[] | undefined;
  /** What `-f -` reads. */
  readonly stdin?: string;
  /** Receives output as it is written. */
  readonly sink?: OutputSink;
  /** Upper bound of virtual time one blocking command may wait (default one hour). */
  readonly maxWaitMs?: number;
  /** Runs commands inside containers (`kubectl exec`, `kubectl run -- CMD`); the shell provides it. */
  readonly exec?: ContainerExec;
  /**
   * `kubectl edit`'s editor: shows `text` (the object as YAML under kubectl's comment header) and
   * resolves with the saved text, or undefined when the learner closes it without saving. Absent
   * where no editor exists (`sts-lab run`): edit then fails as kubectl does without `vi`.
   */
  readonly edit?: EditHook;
}

/**
 * Opens `text` (the YAML of `object`) in an editor; resolves with the saved text or undefined
 * (closed without saving). Rejecting with an Error makes kubectl print its message as the error
 * (`unable to launch the editor "vi"`).
 */
export type EditHook = (object: KubeObject, text: string) => Promise<string | undefined>;

/** The container a command runs in. */
export interface ContainerTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

/** Writes one chunk of a command's output. */
export type StreamWriter = (stream: Stream, text: string) => void;

/** What `kubectl exec` / `kubectl run` ask the shell to run inside a container. */
export interface ExecRequest {
  readonly target: ContainerTarget;
  /** The command after `--` (argv, not a shell line). */
  readonly command: readonly string[];
  /** `-i`: the learner's keyboard is the command's stdin. */
  readonly stdin: boolean;
  /** `-t`: a terminal is allocated (prompts, `ls` in columns). */
  readonly tty: boolean;
  /**
   * Called when an interactive session (a shell with `-it`) ends with `exit`; kubectl prints what
   * it prints after the session (`command terminated with exit code 1`, the `--rm` delete line).
   * Resolves to kubectl's own exit status when it is not the session's (`kubectl run` of a
   * restartPolicy Always pod exits 0 whatever the shell's `exit` code was).
   */
  readonly onExit?: (exitCode: number, write: StreamWriter) => Promise<number | undefined>;
}

/** How a container command ended: an exit code, or an interactive session that goes on. */
export type ExecOutcome = { readonly exitCode: number } | { readonly attached: true };

/** Runs a command inside a container, writing its output through `write`. */
export type ContainerExec = (request: ExecRequest, write: StreamWriter) => Promise<ExecOutcome>;

/** The outcome of one command: errors are data, never exceptions. */
export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Collects output while forwarding it to the sink. */
export class Io {
  #stdout = '';
  #stderr = '';
  readonly #sink: OutputSink | undefined;

  /** Creates an Io that forwards to `sink` when given. */
  constructor(sink?: OutputSink) {
    this.#sink = sink;
  }

  /** Writes to stdout. */
  out(text: string): void {
    if (text === '') return;
    this.#stdout += text;
    this.#sink?.write('stdout', text);
  }

  /** Writes to stderr. */
  err(text: string): void {
    if (text === '') return;
    this.#stderr += text;
    this.#sink?.write('stderr', text);
  }

  /** The collected result with the given exit code. */
  result(exitCode: number): KubectlResult {
    return { stdout: this.#stdout, stderr: this.#stderr, exitCode };
  }
}
