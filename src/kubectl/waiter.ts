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
   * change any more. Resolves with whether `done()` held. A watch-like command (`rollout status`)
   * passes `idleGraceMs`: when the simulation runs out of work, that much more virtual time passes
   * before giving up, the same rule as `settle` (live waiters ignore it: the learner ends those).
   */
  until(done: () => boolean, timeoutMs: number, idleGraceMs?: number): Promise<boolean>;
  /** Lets time pass until the simulation has no pending work, then `graceMs` more (watches). */
  settle(graceMs: number, timeoutMs: number): Promise<void>;
  /** Lets exactly `ms` of virtual time pass (`sleep`). */
  sleep(ms: number): Promise<void>;
  /**
   * True when the last wait ended because the learner interrupted the command (Ctrl-C, `kill`):
   * a retry loop (`drain`) must stop then. Waiters that cannot be interrupted leave it out.
   */
  interrupted?(): boolean;
  /**
   * True when time only moves because the command itself waits: the headless runner with an idle
   * simulation. A command that would retry forever (`drain` blocked by a budget) stops then, as
   * if interrupted. Live waiters leave it out: there the learner decides.
   */
  stalled?(): boolean;
}

/**
 * The headless waiter: runs the simulation's scheduled tasks one by one, so the clock jumps
 * straight to the moment the condition becomes true.
 */
export function steppingWaiter(cluster: Cluster): Waiter {
  return {
    until(done, timeoutMs, idleGraceMs = 0) {
      const deadline = cluster.now() + Math.max(0, timeoutMs);
      // The step budget guards against a simulation that keeps scheduling work at one instant.
      for (let budget = 1_000_000; budget > 0; budget--) {
        if (done()) return Promise.resolve(true);
        if (cluster.now() >= deadline) break;
        if (cluster.pendingTasks() === 0) {
          // Idle: a watch still sits out its grace (never less than the deadline allows).
          const grace = Math.min(idleGraceMs, deadline - cluster.now());
          if (grace > 0) cluster.advance(grace);
          break;
        }
        cluster.step();
      }
      return Promise.resolve(done());
    },
    sleep(ms) {
      cluster.advance(ms);
      return Promise.resolve();
    },
    stalled: () => cluster.pendingTasks() === 0,
    settle(graceMs, timeoutMs) {
      cluster.runUntilIdle(timeoutMs);
      cluster.advance(graceMs);
      return Promise.resolve();
    },
  };
}
