import { atom, type ReadableAtom } from 'nanostores';

/** What the driver needs from a simulated cluster: its virtual clock. */
export interface SimulationClock {
  /** Virtual milliseconds since the cluster started. */
  now(): number;
  /** Runs everything scheduled in the next `ms` virtual milliseconds. */
  advance(ms: number): void;
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
 * Runs virtual time at a chosen multiple of real time, one slice per animation frame, so the
 * simulation only ever does a frame's worth of work between two paints and never blocks input.
 * Pausing stops the frames; stepping runs exactly one scheduled event.
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
  /** Virtual time owed but not yet advanced: the clock runs in whole milliseconds. */
  #carry = 0;

  /** Whether virtual time is running. */
  readonly playing: ReadableAtom<boolean> = this.#playing;
  /** Virtual seconds per real second. */
  readonly speed: ReadableAtom<Speed> = this.#speed;
  /** The cluster's virtual time after the last frame or step, in milliseconds. */
  readonly now: ReadableAtom<number> = this.#now;

  constructor(clock: SimulationClock, frames: FrameScheduler) {
    this.#clock = clock;
    this.#frames = frames;
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
      const owed = realGap * this.#speed.get() + this.#carry;
      const whole = Math.floor(owed);
      this.#carry = owed - whole;
      if (whole > 0) {
        this.#advancing = true;
        try {
          this.#clock.advance(whole);
        } finally {
          this.#advancing = false;
        }
      }
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
