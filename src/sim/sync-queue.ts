/**
 * The work queue of a controller that syncs objects by key, used the way upstream controllers use
 * client-go's workqueue: a key waits at most once (queuing it again while it waits changes
 * nothing), its sync runs one controller delay later, and from the moment that sync starts the
 * key can be queued again. What waits is exactly the controller's pending `sync` tasks on the
 * clock, so a restored cluster rebuilds the queue from them.
 */
import type { Task } from './clock/virtual-clock.ts';
import type { Runtime } from './runtime.ts';

/** The `op` of a queued sync task. */
export const SYNC_OP = 'sync';

/** The keys a controller has queued for a sync. */
export class SyncQueue {
  readonly #rt: Runtime;
  readonly #target: string;
  readonly #waiting = new Set<string>();

  /** A queue whose tasks go to the component named `target`. */
  constructor(rt: Runtime, target: string) {
    this.#rt = rt;
    this.#target = target;
  }

  /** Rebuilds which keys wait from the clock's pending tasks (after a restore). */
  restore(pending: readonly Task[]): void {
    for (const t of pending) {
      if (t.target === this.#target && t.op === SYNC_OP) this.#waiting.add(t.key);
    }
  }

  /** Queues a sync of `key`, unless one already waits. */
  add(key: string): void {
    if (this.#waiting.has(key)) return;
    this.#waiting.add(key);
    this.#rt.schedule({ target: this.#target, op: SYNC_OP, key }, this.#rt.timings.controllerDelay);
  }

  /** The sync of `task` starts: a change from now on queues its key again. */
  started(task: Task): void {
    if (task.op === SYNC_OP) this.#waiting.delete(task.key);
  }
}
