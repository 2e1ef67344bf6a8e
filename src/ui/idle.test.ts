import { describe, expect, it } from 'vitest';
import { IdleTask, type IdleDeadlineLike, type IdleScheduler } from './idle.ts';

/** Idle periods the test hands out one at a time, on a clock the test moves. */
function fakeIdle(): IdleScheduler & {
  clock: number;
  /** Gives the waiting callback an idle period of `ms` (or a timeout when `timedOut`). */
  period(ms: number, timedOut?: boolean): void;
  readonly waiting: number;
  timeouts: number[];
} {
  let next = 1;
  const callbacks = new Map<number, (deadline: IdleDeadlineLike) => void>();
  const fake = {
    clock: 0,
    timeouts: [] as number[],
    request(callback: (deadline: IdleDeadlineLike) => void, timeoutMs: number) {
      const handle = next++;
      callbacks.set(handle, callback);
      fake.timeouts.push(timeoutMs);
      return handle;
    },
    cancel(handle: number) {
      callbacks.delete(handle);
    },
    now: () => fake.clock,
    period(ms: number, timedOut = false) {
      const pending = [...callbacks.values()];
      callbacks.clear();
      for (const callback of pending) callback({ didTimeout: timedOut, timeRemaining: () => ms });
    },
    get waiting() {
      return callbacks.size;
    },
  };
  return fake;
}

describe('IdleTask', () => {
  it('waits for an idle period as long as the task took last time', () => {
    const idle = fakeIdle();
    const task = new IdleTask({ expectedMs: 5, maxWaitMs: 1000, scheduler: idle });
    const ran: string[] = [];
    task.schedule(() => {
      ran.push('first');
      idle.clock += 12; // this run takes 12 ms
    });
    idle.period(3); // too short for 5 ms
    expect(ran).toEqual([]);
    idle.period(6);
    expect(ran).toEqual(['first']);
    expect(task.expectedMs).toBe(12);
    task.schedule(() => ran.push('second'));
    idle.period(10); // shorter than the 12 ms the last run took
    expect(ran).toEqual(['first']);
    idle.period(15);
    expect(ran).toEqual(['first', 'second']);
  });

  it('runs anyway once it has waited its longest, so a busy page still saves', () => {
    const idle = fakeIdle();
    const task = new IdleTask({ expectedMs: 20, maxWaitMs: 1000, scheduler: idle });
    let runs = 0;
    task.schedule(() => runs++);
    idle.clock = 400;
    idle.period(2);
    expect(runs).toBe(0);
    // Each new request asks the browser to time out when the longest wait is over.
    expect(idle.timeouts).toEqual([1000, 600]);
    idle.clock = 1000;
    idle.period(2);
    expect(runs).toBe(1);
    task.schedule(() => runs++);
    idle.period(0, true); // the browser's own timeout
    expect(runs).toBe(2);
  });

  it('keeps only the latest work while waiting, and runs it once', () => {
    const idle = fakeIdle();
    const task = new IdleTask({ expectedMs: 1, maxWaitMs: 1000, scheduler: idle });
    const ran: number[] = [];
    task.schedule(() => ran.push(1));
    task.schedule(() => ran.push(2));
    expect(idle.waiting).toBe(1);
    idle.period(10);
    idle.period(10);
    expect(ran).toEqual([2]);
    expect(task.waiting).toBe(false);
  });

  it('forgets waiting work on cancel', () => {
    const idle = fakeIdle();
    const task = new IdleTask({ expectedMs: 1, maxWaitMs: 1000, scheduler: idle });
    const ran: string[] = [];
    task.schedule(() => ran.push('cancelled'));
    task.cancel();
    expect(idle.waiting).toBe(0);
    idle.period(100);
    expect(ran).toEqual([]);
    task.schedule(() => ran.push('later'));
    idle.period(100);
    expect(ran).toEqual(['later']);
  });
});
