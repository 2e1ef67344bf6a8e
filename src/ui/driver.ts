import { atom, type ReadableAtom } from 'nanostores';
import { timed } from './stores/timing.ts';

/** What the driver needs from a simulated cluster: its virtual clock. */
export interface SimulationClock {
  /** Virtual milliseconds since the cluster started. */
  now(): number;
  /**
   * Runs everything scheduled in the next `ms` virtual milliseconds and returns how far the clock
   * moved: less than `ms` when `stopEarly` (asked between two scheduled events) said to stop.
   */
  advance(ms: number, stopEarly?: () => boolean): number;
  /** Runs the next scheduled event; false when nothing is scheduled. */
  step(): boolean;
}

/** A source of animation frames (`requestAnimationFrame` in the browser, a fake in tests). */
export interface FrameScheduler {
  request(callback: (timestampMs: number) => void): number;
  cancel(handle: number): void;
}

/** The speeds the time controls offer, slowest first. */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 20] as const;

/** One of the offered speeds. */
export type Speed = (typeof SPEEDS)[number];

/**
 * The longest real gap, in milliseconds, that one frame turns into virtual time. A tab that was in
 * the background for a minute must not make a minute of cluster history happen in one jump.
 */
export const MAX_FRAME_GAP_MS = 100;

/**
 * Real milliseconds of simulation a frame may spend before the rest of its virtual time waits
 * for the next frame. What is left of a 16.7 ms frame goes to the views, style, layout and paint.
 * Measured with `npm run bench:web` (100 pods starting at 20×, software rendering): with 5 ms,
 * about one frame in twenty was late; with 3 ms, one in thirty, and the scale takes about as long.
 */
export const FRAME_BUDGET_MS = 3;

/** Options for tests: where real time comes from, and the simulation budget per frame. */
export interface DriverOptions {
  /** Real time in milliseconds (`performance.now` in the browser). */
  readonly realTime?: () => number;
  /** Real milliseconds of simulation per frame; {@link FRAME_BUDGET_MS} by default. */
  readonly budgetMs?: number;
}

/**
 * Runs virtual time at a chosen multiple of real time, one slice per animation frame, so the
 * simulation only ever does a frame's worth of work between two paints and never blocks input.
 * When a frame's simulation work passes its budget, the virtual time still owed is carried to the
 * next frame (up to one {@link MAX_FRAME_GAP_MS} gap's worth: beyond that, virtual time runs
 * slower than asked rather than ever blocking the page). Pausing stops the frames; stepping runs
 * exactly one scheduled event.
 */
export class SimulationDriver {
  readonly #clock: SimulationClock;
  readonly #frames: FrameScheduler;
  readonly #playing = atom(false);
  readonly #speed = atom<Speed>(1);
  readonly #now = atom(0);
  #handle: number | undefined;
  #lastFrame: number | undefined;
  #advancing = false;
  /**
   * Virtual time owed but not yet advanced: the fraction of a millisecond (the clock runs in whole
   * milliseconds) and what a frame over its budget left for the next one.
   */
  #carry = 0;
  readonly #realTime: () => number;
  readonly #budgetMs: number;

  /** Whether virtual time is running. */
  readonly playing: ReadableAtom<boolean> = this.#playing;
  /** Virtual seconds per real second. */
  readonly speed: ReadableAtom<Speed> = this.#speed;
  /** The cluster's virtual time after the last frame or step, in milliseconds. */
  readonly now: ReadableAtom<number> = this.#now;

  constructor(clock: SimulationClock, frames: FrameScheduler, options: DriverOptions = {}) {
    this.#clock = clock;
    this.#frames = frames;
    this.#realTime = options.realTime ?? (() => performance.now());
    this.#budgetMs = options.budgetMs ?? FRAME_BUDGET_MS;
    this.#now.set(clock.now());
  }

  /** Starts running virtual time. */
  play(): void {
    if (this.#playing.get()) return;
    this.#playing.set(true);
    this.#lastFrame = undefined;
    this.#handle = this.#frames.request(this.#frame);
  }

  /** Stops virtual time; nothing happens in the cluster until play or step. */
  pause(): void {
    if (!this.#playing.get()) return;
    this.#playing.set(false);
    // Time owed from before the pause is not made up afterwards (only the fraction is kept).
    this.#carry -= Math.floor(this.#carry);
    if (this.#handle !== undefined) this.#frames.cancel(this.#handle);
    this.#handle = undefined;
  }

  /** Runs the next scheduled event (pausing first). Returns false when nothing was scheduled. */
  step(): boolean {
    this.pause();
    this.#advancing = true;
    try {
      const ran = this.#clock.step();
      return ran;
    } finally {
      this.#advancing = false;
      this.#now.set(this.#clock.now());
    }
  }

  /** True while the driver itself is moving time (changes then come from the simulation). */
  get advancing(): boolean {
    return this.#advancing;
  }

  /** Re-reads the clock (after the cluster was replaced by a rewind). */
  sync(): void {
    this.#now.set(this.#clock.now());
  }

  /** Sets the speed, snapping to the nearest offered value. */
  setSpeed(speed: number): void {
    const nearest = SPEEDS.reduce((best, candidate) =>
      Math.abs(candidate - speed) < Math.abs(best - speed) ? candidate : best,
    );
    this.#speed.set(nearest);
  }

  /** Stops the frames for good. */
  dispose(): void {
    this.pause();
  }

  readonly #frame = (timestamp: number): void => {
    if (!this.#playing.get()) return;
    if (this.#lastFrame !== undefined) {
      const realGap = Math.min(Math.max(timestamp - this.#lastFrame, 0), MAX_FRAME_GAP_MS);
      const speed = this.#speed.get();
      const owed = Math.min(realGap * speed + this.#carry, MAX_FRAME_GAP_MS * speed + 1);
      let whole = Math.floor(owed);
      const fraction = owed - whole;
      if (whole > 0) {
        const started = this.#realTime();
        this.#advancing = true;
        try {
          // The budget is checked between two events, so only one event bigger than the whole
          // budget can make a frame late (a Parallel set creating 100 pods in one sync).
          timed('simulation', () => {
            whole -= this.#clock.advance(whole, () => this.#realTime() - started >= this.#budgetMs);
          });
        } finally {
          this.#advancing = false;
        }
      }
      this.#carry = whole + fraction;
      this.#now.set(this.#clock.now());
    }
    this.#lastFrame = timestamp;
    this.#handle = this.#frames.request(this.#frame);
  };
}

/** The browser's animation frames. */
export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};
