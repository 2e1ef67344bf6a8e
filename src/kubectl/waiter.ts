/**
 * How a command lets virtual time pass. kubectl blocks in a few places (`delete` until objects
 * are gone, `rollout status`, watches); in the simulator "blocking" means advancing the cluster's
 * virtual clock. The headless runner steps the simulation synchronously; the browser can supply a
 * Waiter that resolves as its driver advances time and the learner presses Ctrl-C.
 */
import type { Cluster } from '../sim/index.ts';

/** Lets virtual time pass on behalf of a blocking command. */
export interface Waiter {
  /**
   * Lets time pass until `done()` holds, `timeoutMs` of virtual time have passed, or nothing can
   * change any more. Resolves with whether `done()` held.
   */
  until(done: () => boolean, timeoutMs: number): Promise<boolean>;
  /** Lets time pass until the simulation has no pending work, then `graceMs` more (watches). */
  settle(graceMs: number, timeoutMs: number): Promise<void>;
  /** Lets exactly `ms` of virtual time pass (`sleep`). */
  sleep(ms: number): Promise<void>;
}

/**
 * The headless waiter: runs the simulation's scheduled tasks one by one, so the clock jumps
 * straight to the moment the condition becomes true.
 */
export function steppingWaiter(cluster: Cluster): Waiter {
  return {
    until(done, timeoutMs) {
      const deadline = cluster.now() + Math.max(0, timeoutMs);
      // The step budget guards against a simulation that keeps scheduling work at one instant.
      for (let budget = 1_000_000; budget > 0; budget--) {
        if (done()) return Promise.resolve(true);
        if (cluster.pendingTasks() === 0 || cluster.now() >= deadline) break;
        cluster.step();
      }
      return Promise.resolve(done());
    },
    sleep(ms) {
      cluster.advance(ms);
      return Promise.resolve();
    },
    settle(graceMs, timeoutMs) {
      cluster.runUntilIdle(timeoutMs);
      cluster.advance(graceMs);
      return Promise.resolve();
    },
  };
}
