import type { Waiter } from '../kubectl/index.ts';

/** Something that announces each time virtual time moves (the browser driver, a CLI timer). */
export interface Ticks {
  /** Calls `listener` after every advance; returns a function that stops the calls. */
  listen(listener: (value: number) => void): () => void;
}

/**
 * A kubectl Waiter for live time (the browser's workspace, the interactive `sts-lab`): blocking commands (`delete` until the pod is gone, `get -w`,
 * `sleep`, `rollout status`) wait for the workspace's own virtual time, which the driver moves at
 * the learner's chosen speed (or not at all while paused). `interrupt()` (Ctrl-C) ends every
 * wait at once, as it ends the command in a real terminal.
 */
export class DrivenWaiter implements Waiter {
  readonly #now: Ticks;
  readonly #clock: () => number;
  readonly #pending = new Set<() => void>();

  /** `now` ticks as something advances time; `clock` reads the cluster's time directly. */
  constructor(now: Ticks, clock: () => number) {
    this.#now = now;
    this.#clock = clock;
  }

  #interrupted = false;

  /** Ends every wait in progress (they resolve as not done). */
  interrupt(): void {
    if (this.#pending.size > 0) this.#interrupted = true;
    for (const end of [...this.#pending]) end();
  }

  /** True when the last wait was ended by `interrupt()`. */
  interrupted(): boolean {
    return this.#interrupted;
  }

  /** True while some command is waiting. */
  get waiting(): boolean {
    return this.#pending.size > 0;
  }

  until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    const deadline = this.#clock() + Math.max(0, timeoutMs);
    return this.#wait(() => (done() ? true : this.#clock() >= deadline ? false : undefined));
  }

  settle(_graceMs: number, timeoutMs: number): Promise<void> {
    // A watch in a terminal runs until Ctrl-C (or kubectl's request timeout).
    const deadline = this.#clock() + Math.max(0, timeoutMs);
    return this.#wait(() => (this.#clock() >= deadline ? false : undefined)).then(() => undefined);
  }

  async sleep(ms: number): Promise<void> {
    const until = this.#clock() + Math.max(0, ms);
    await this.#wait(() => (this.#clock() >= until ? true : undefined));
  }

  /** Re-checks `check` whenever time moves; resolves with its answer, or false when interrupted. */
  #wait(check: () => boolean | undefined): Promise<boolean> {
    this.#interrupted = false;
    return new Promise<boolean>((resolve) => {
      let unsubscribe: () => void = () => undefined;
      const end = (value: boolean): void => {
        unsubscribe();
        this.#pending.delete(interrupt);
        resolve(value);
      };
      const interrupt = (): void => end(false);
      this.#pending.add(interrupt);
      unsubscribe = this.#now.listen(() => {
        const answer = check();
        if (answer !== undefined) end(answer);
      });
    });
  }
}
