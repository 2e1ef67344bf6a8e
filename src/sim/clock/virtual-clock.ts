/**
 * The virtual clock and its discrete-event queue. Nothing in the simulator sleeps: work is
 * scheduled as plain-data tasks at a virtual time, and time moves only when the caller asks
 * (advance, step, runUntilIdle). Tasks with the same time run in the order they were scheduled
 * (the insertion sequence breaks ties), which makes every run reproducible.
 */

/** A unit of scheduled work. Plain data (no closures) so a snapshot can carry the whole queue. */
export interface Task {
  /** Which component handles it, e.g. `statefulset`, `kubelet`. */
  readonly target: string;
  /** What the component should do, e.g. `sync`, `pull-done`. */
  readonly op: string;
  /** The object the work is about, usually `namespace/name`. */
  readonly key: string;
  /** The object's uid, when the work must not apply to a newer object with the same name. */
  readonly uid?: string;
}

/** A task with its due time and tie-breaking sequence number. */
export interface ScheduledTask {
  readonly at: number;
  readonly seq: number;
  readonly task: Task;
}

/** The serialisable state of a clock. */
export interface ClockState {
  readonly now: number;
  readonly seq: number;
  readonly queue: readonly ScheduledTask[];
}

function before(x: ScheduledTask, y: ScheduledTask): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}

/** A virtual clock (milliseconds since cluster start) with a binary-heap event queue. */
export class VirtualClock {
  #now = 0;
  #seq = 0;
  #heap: ScheduledTask[] = [];

  /** Restores a clock from a snapshot. */
  static fromState(state: ClockState): VirtualClock {
    const c = new VirtualClock();
    c.#now = state.now;
    c.#seq = state.seq;
    for (const t of state.queue) c.#push({ at: t.at, seq: t.seq, task: { ...t.task } });
    return c;
  }

  /** The state for a snapshot; the queue is listed in run order so snapshots compare equal. */
  getState(): ClockState {
    const queue = this.#heap.slice().sort((x, y) => (before(x, y) ? -1 : 1));
    return { now: this.#now, seq: this.#seq, queue };
  }

  /** Virtual milliseconds since the cluster started. */
  now(): number {
    return this.#now;
  }

  /** Number of tasks waiting. */
  get pending(): number {
    return this.#heap.length;
  }

  /** Every waiting task, in no particular order (for rebuilding de-duplication sets). */
  tasks(): readonly ScheduledTask[] {
    return this.#heap;
  }

  /** Due time of the next task, or undefined when the queue is empty. */
  nextAt(): number | undefined {
    return this.#heap[0]?.at;
  }

  /** Schedules `task` to run `delayMs` from now (negative delays run now). */
  schedule(task: Task, delayMs: number): void {
    const at = this.#now + Math.max(0, Math.round(delayMs));
    this.#push({ at, seq: this.#seq++, task });
  }

  /** Removes and returns the next task if it is due at or before `limit`, moving time to it. */
  popDue(limit: number): Task | undefined {
    const top = this.#heap[0];
    if (top === undefined || top.at > limit) return undefined;
    this.#pop();
    if (top.at > this.#now) this.#now = top.at;
    return top.task;
  }

  /** Moves time forward without running anything (used after the queue drains). */
  moveTo(time: number): void {
    if (time > this.#now) this.#now = time;
  }

  #push(item: ScheduledTask): void {
    const h = this.#heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as ScheduledTask;
      if (!before(item, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = item;
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(h[r] as ScheduledTask, h[l] as ScheduledTask)) c = r;
      const child = h[c] as ScheduledTask;
      if (!before(child, last)) break;
      h[i] = child;
      i = c;
    }
    h[i] = last;
  }
}
