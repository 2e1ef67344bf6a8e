/**
 * Background work (checkpoints, saves, packing history) that must not make an animation frame
 * late. The browser's idle callbacks say how long the current idle period lasts; while time runs
 * the page draws every frame, so an idle period is what is left of a frame (a few milliseconds),
 * and a task longer than that would push the next frame back. An {@link IdleTask} remembers how
 * long it took last time and waits for an idle period at least that long, or until it has waited
 * `maxWaitMs`, whichever comes first.
 */

/** The part of `IdleDeadline` the task reads. */
export interface IdleDeadlineLike {
  readonly didTimeout: boolean;
  timeRemaining(): number;
}

/** Where idle periods come from (`requestIdleCallback` in the browser, a fake in tests). */
export interface IdleScheduler {
  /** Returns a handle for `cancel` (a number in browsers, an object for Node's timers). */
  request(callback: (deadline: IdleDeadlineLike) => void, timeoutMs: number): unknown;
  cancel(handle: unknown): void;
  now(): number;
}

/**
 * The browser's idle callbacks. Where there are none (Safari), a short timer stands in: the
 * deadline it passes claims a long idle period, so the task runs then.
 */
export const browserIdle: IdleScheduler = {
  request(callback, timeoutMs) {
    if (typeof requestIdleCallback === 'function')
      return requestIdleCallback(callback, { timeout: Math.max(1, timeoutMs) });
    return setTimeout(
      () => callback({ didTimeout: false, timeRemaining: () => 50 }),
      Math.min(timeoutMs, 50),
    );
  },
  cancel(handle) {
    if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle as number);
    else clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
  now: () => performance.now(),
};

/** Options of an {@link IdleTask}. */
export interface IdleTaskOptions {
  /** How long the task is expected to take before it has run once, in milliseconds. */
  readonly expectedMs: number;
  /** The longest the task waits for an idle period long enough; then it runs anyway. */
  readonly maxWaitMs: number;
  readonly scheduler?: IdleScheduler;
}

/**
 * One kind of background work, run when the page has time for it. Asking again while it waits
 * replaces the work to do (the latest state is what matters) without restarting the wait.
 */
export class IdleTask {
  readonly #scheduler: IdleScheduler;
  readonly #maxWaitMs: number;
  #expectedMs: number;
  #work: (() => unknown) | undefined;
  #handle: unknown;
  #since = 0;

  constructor(options: IdleTaskOptions) {
    this.#scheduler = options.scheduler ?? browserIdle;
    this.#maxWaitMs = options.maxWaitMs;
    this.#expectedMs = options.expectedMs;
  }

  /** How long the task is now expected to take (what the last run took). */
  get expectedMs(): number {
    return this.#expectedMs;
  }

  /** True while work waits for its idle period. */
  get waiting(): boolean {
    return this.#work !== undefined;
  }

  /** Runs `work` in the next idle period long enough for it. */
  schedule(work: () => unknown): void {
    const waiting = this.#work !== undefined;
    this.#work = work;
    if (waiting) return;
    this.#since = this.#scheduler.now();
    this.#request();
  }

  /** Forgets the waiting work. */
  cancel(): void {
    if (this.#handle !== undefined) this.#scheduler.cancel(this.#handle);
    this.#handle = undefined;
    this.#work = undefined;
  }

  #request(): void {
    const waited = this.#scheduler.now() - this.#since;
    this.#handle = this.#scheduler.request((deadline) => {
      this.#handle = undefined;
      const overdue = this.#scheduler.now() - this.#since >= this.#maxWaitMs;
      if (deadline.didTimeout || overdue || deadline.timeRemaining() >= this.#expectedMs) {
        this.#run();
      } else {
        this.#request();
      }
    }, this.#maxWaitMs - waited);
  }

  #run(): void {
    const work = this.#work;
    this.#handle = undefined;
    this.#work = undefined;
    if (work === undefined) return;
    const started = this.#scheduler.now();
    try {
      work();
    } finally {
      this.#expectedMs = this.#scheduler.now() - started;
    }
  }
}
