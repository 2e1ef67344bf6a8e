import type { ClusterSnapshot } from '../sim/index.ts';
import type { SavedStoreState } from './stores/cluster-store.ts';

/** The whole workspace state at one moment of virtual time. */
export interface Checkpoint {
  readonly atMs: number;
  readonly cluster: ClusterSnapshot;
  readonly store: SavedStoreState;
}

/** Hears how a history changes, to keep a saved copy in step. */
export interface CheckpointListener {
  added(checkpoint: Checkpoint): void;
  removed(atMs: number): void;
  truncatedAfter(atMs: number): void;
}

/**
 * The moments a workspace can go back to. Because the simulation is deterministic, any moment
 * between two checkpoints is reached exactly by restoring the earlier one and letting time run
 * on, as long as nothing from outside (a kubectl command) changed the cluster in between: the
 * workspace takes a checkpoint right after every such change, and every few virtual seconds so
 * that going back never replays long stretches.
 */
export class Checkpoints {
  readonly #limit: number;
  readonly #listener: CheckpointListener | undefined;
  #checkpoints: Checkpoint[] = [];

  /**
   * Keeps at most `limit` checkpoints (the first one is always kept), starting with `initial`
   * (a saved history, oldest first). `listener` hears of every change, to save it.
   */
  constructor(limit = 400, initial: readonly Checkpoint[] = [], listener?: CheckpointListener) {
    this.#limit = Math.max(2, limit);
    this.#checkpoints = [...initial].sort((a, b) => a.atMs - b.atMs).slice(-this.#limit);
    this.#listener = listener;
  }

  /** Adds a checkpoint; one at the same moment as the newest (or earlier) replaces it. */
  record(checkpoint: Checkpoint): void {
    let last = this.#checkpoints[this.#checkpoints.length - 1];
    while (last && last.atMs >= checkpoint.atMs) {
      this.#checkpoints.pop();
      if (last.atMs !== checkpoint.atMs) this.#listener?.removed(last.atMs);
      last = this.#checkpoints[this.#checkpoints.length - 1];
    }
    this.#checkpoints.push(checkpoint);
    this.#listener?.added(checkpoint);
    if (this.#checkpoints.length > this.#limit) {
      const [evicted] = this.#checkpoints.splice(1, 1);
      if (evicted) this.#listener?.removed(evicted.atMs);
    }
  }

  /** The latest checkpoint at or before `atMs`. */
  atOrBefore(atMs: number): Checkpoint | undefined {
    for (let i = this.#checkpoints.length - 1; i >= 0; i--) {
      const checkpoint = this.#checkpoints[i];
      if (checkpoint && checkpoint.atMs <= atMs) return checkpoint;
    }
    return undefined;
  }

  /** Forgets everything after `atMs`: going back and acting differently forks the history. */
  truncateAfter(atMs: number): void {
    const before = this.#checkpoints.length;
    this.#checkpoints = this.#checkpoints.filter((checkpoint) => checkpoint.atMs <= atMs);
    if (this.#checkpoints.length !== before) this.#listener?.truncatedAfter(atMs);
  }

  /** The earliest moment one can go back to. */
  get earliest(): number | undefined {
    return this.#checkpoints[0]?.atMs;
  }

  /** The newest checkpoint's moment. */
  get latest(): number | undefined {
    return this.#checkpoints[this.#checkpoints.length - 1]?.atMs;
  }
}
