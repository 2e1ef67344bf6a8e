import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtual-clock.ts';

const task = (key: string) => ({ target: 't', op: 'o', key });

describe('VirtualClock', () => {
  it('runs tasks in time order, ties in insertion order', () => {
    const c = new VirtualClock();
    c.schedule(task('b'), 10);
    c.schedule(task('a'), 5);
    c.schedule(task('c'), 10);
    c.schedule(task('d'), 5);
    const order: string[] = [];
    for (let t = c.popDue(100); t; t = c.popDue(100)) order.push(`${t.key}@${c.now()}`);
    expect(order).toEqual(['a@5', 'd@5', 'b@10', 'c@10']);
  });

  it('does not run tasks beyond the limit and never moves time backwards', () => {
    const c = new VirtualClock();
    c.schedule(task('late'), 50);
    expect(c.popDue(49)).toBeUndefined();
    c.moveTo(30);
    c.moveTo(10);
    expect(c.now()).toBe(30);
    expect(c.popDue(60)?.key).toBe('late');
    expect(c.now()).toBe(50);
  });

  it('keeps order with many tasks (heap property)', () => {
    const c = new VirtualClock();
    const times = Array.from({ length: 500 }, (_, i) => (i * 7919) % 101);
    times.forEach((t, i) => c.schedule(task(String(i)), t));
    let last = -1;
    let lastSeq = -1;
    for (let t = c.popDue(1e9); t; t = c.popDue(1e9)) {
      const i = Number(t.key);
      const at = times[i] ?? -1;
      expect(at).toBeGreaterThanOrEqual(last);
      if (at === last) expect(i).toBeGreaterThan(lastSeq);
      last = at;
      lastSeq = i;
    }
  });

  it('round-trips its state, including the queue', () => {
    const c = new VirtualClock();
    c.schedule(task('x'), 3);
    c.schedule(task('y'), 1);
    const restored = VirtualClock.fromState(
      JSON.parse(JSON.stringify(c.getState())) as ReturnType<VirtualClock['getState']>,
    );
    expect(restored.getState()).toEqual(c.getState());
    expect(restored.popDue(10)?.key).toBe('y');
  });
});
