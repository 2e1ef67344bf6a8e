/**
 * Background jobs (`kubectl get pods -w &`): the docs' "watch in one terminal, act in another"
 * pattern in one terminal. A background command must not drive virtual time itself (the
 * foreground command or the browser's driver does), so it gets a passive Waiter: its conditions
 * are checked whenever the cluster changes or the shell finishes a foreground command, and it
 * gives up when the job is killed (`kill %1`).
 */
import type { Cluster, Disposable } from '../sim/index.ts';
import type { Waiter } from '../kubectl/index.ts';

/** A Waiter that waits for others to move time, and stops when killed. */
export class BackgroundWaiter implements Waiter {
  readonly #cluster: Cluster;
  readonly #checks = new Set<() => void>();
  readonly #subscription: Disposable;
  #killed = false;

  /** Creates a waiter that re-checks its conditions on every change of `cluster`. */
  constructor(cluster: Cluster) {
    this.#cluster = cluster;
    this.#subscription = cluster.onChange(() => this.poll());
  }

  /** True once the job was killed. */
  get killed(): boolean {
    return this.#killed;
  }

  /** Re-checks every pending condition (time may have moved without an object changing). */
  poll(): void {
    for (const check of [...this.#checks]) check();
  }

  /** Ends every wait of the job (the command then finishes as if interrupted). */
  kill(): void {
    this.#killed = true;
    this.poll();
  }

  /** Stops listening to the cluster. */
  dispose(): void {
    this.#subscription.dispose();
    this.#checks.clear();
  }

  /** True once the job was killed: its waits end at once. */
  interrupted(): boolean {
    return this.#killed;
  }

  /** Resolves when `done()` holds, the timeout passed in virtual time, or the job is killed. */
  until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = this.#cluster.now() + Math.max(0, timeoutMs);
    return new Promise((resolve) => {
      const check = (): void => {
        const ok = !this.#killed && done();
        if (ok || this.#killed || this.#cluster.now() >= deadline) {
          this.#checks.delete(check);
          resolve(ok);
        }
      };
      this.#checks.add(check);
      check();
    });
  }

  /** A background watch ends only when killed (or after `timeoutMs`). */
  async settle(_graceMs: number, timeoutMs: number): Promise<void> {
    await this.until(() => false, timeoutMs);
  }

  /** Waits until `ms` of virtual time have passed. */
  async sleep(ms: number): Promise<void> {
    await this.until(() => false, ms);
  }
}

/** A background job of the shell. */
export interface Job {
  readonly id: number;
  readonly pid: number;
  /** The command as the learner typed it (for `jobs` and the notices). */
  readonly command: string;
  readonly waiter: BackgroundWaiter;
  /** `Running`, then `Done`, `Exit N` or `Terminated`. */
  state: string;
  /** True once the end of the job was reported. */
  reported: boolean;
}

/** bash's job line: `[1]+  Running                 kubectl get pods -w &`. */
export function jobLine(job: Job, marker: string): string {
  const suffix = job.state === 'Running' ? ' &' : '';
  return `[${job.id}]${marker}  ${job.state.padEnd(24)}${job.command}${suffix}\n`;
}
