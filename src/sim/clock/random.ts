/**
 * Seeded pseudo-random numbers (sfc32, seeded through splitmix32). Every bit of jitter in the
 * simulator comes from here, so the same seed replays to the same bytes, and the whole state is
 * four integers that a snapshot can carry.
 */

/** The serialisable state of a Random: four unsigned 32-bit integers. */
export type RandomState = readonly [number, number, number, number];

/** A small, fast, seedable generator whose state can be saved and restored exactly. */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** Seeds the generator from one integer (expanded with splitmix32 so small seeds differ well). */
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = next();
    // Warm up: the first outputs of sfc32 are weakly mixed.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Builds a generator that continues exactly from a saved state. */
  static fromState(state: RandomState): Random {
    const r = new Random(0);
    [r.#a, r.#b, r.#c, r.#d] = state;
    return r;
  }

  /** The current state, for snapshots. */
  getState(): RandomState {
    return [this.#a, this.#b, this.#c, this.#d];
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = (this.#b ^ (this.#b >>> 9)) >>> 0;
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

/** What the simulator draws from: a Random, or a SplitRandom choosing between two. */
export interface RandomSource {
  /** The next unsigned 32-bit integer. */
  nextUint32(): number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
}

/**
 * Two seeded streams behind one source: the cluster's main stream, and the stream of the system
 * pods (kube-system, local-path-storage). Work about system objects runs inside `system(fn)`, so
 * whatever it draws (uids, name suffixes, delays) comes from the second stream and the main
 * stream, which every existing session replays, never sees it.
 */
export class SplitRandom implements RandomSource {
  readonly main: Random;
  readonly systemStream: Random;
  #depth = 0;

  /** Combines the main stream and the system stream. */
  constructor(main: Random, systemStream: Random) {
    this.main = main;
    this.systemStream = systemStream;
  }

  /** True while system work runs. */
  get inSystem(): boolean {
    return this.#depth > 0;
  }

  /** Runs `fn` drawing from the system stream (nests). */
  system<T>(fn: () => T): T {
    this.#depth += 1;
    try {
      return fn();
    } finally {
      this.#depth -= 1;
    }
  }

  /** Runs `fn` drawing from the system stream when `yes`, else as the caller does. */
  systemIf<T>(yes: boolean, fn: () => T): T {
    return yes ? this.system(fn) : fn();
  }

  /** The next unsigned 32-bit integer of the current stream. */
  nextUint32(): number {
    return (this.#depth > 0 ? this.systemStream : this.main).nextUint32();
  }

  /** A float in [0, 1) from the current stream. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, max] (both inclusive) from the current stream. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}
