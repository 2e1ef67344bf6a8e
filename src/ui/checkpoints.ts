import type { ClusterSnapshot } from '../sim/index.ts';
import type { SavedStoreState } from './stores/cluster-store.ts';

/** The whole workspace state at one moment of virtual time. */
export interface Checkpoint {
  readonly atMs: number;
  readonly cluster: ClusterSnapshot;
  readonly store: SavedStoreState;
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
  #checkpoints: Checkpoint[] = [];

  /** Keeps at most `limit` checkpoints (the first one is always kept). */
  constructor(limit = 400) {
    this.#limit = Math.max(2, limit);
  }

  /** Adds a checkpoint; one at the same moment as the newest replaces it. */
  record(checkpoint: Checkpoint): void {
    const last = this.#checkpoints[this.#checkpoints.length - 1];
    if (last && last.atMs >= checkpoint.atMs) this.#checkpoints.pop();
    this.#checkpoints.push(checkpoint);
    if (this.#checkpoints.length > this.#limit) this.#checkpoints.splice(1, 1);
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
    this.#checkpoints = this.#checkpoints.filter((checkpoint) => checkpoint.atMs <= atMs);
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
