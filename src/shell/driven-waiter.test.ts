import { describe, expect, it } from 'vitest';
import { DrivenWaiter } from './driven-waiter.ts';

/** A fake clock the test moves by hand, ticking its listeners on every advance. */
function clock() {
  let value = 0;
  const listeners = new Set<(value: number) => void>();
  const now = {
    listen(listener: (value: number) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    now,
    advance: (ms: number) => {
      value += ms;
      for (const listener of [...listeners]) listener(value);
    },
    read: () => value,
  };
}

describe('DrivenWaiter', () => {
  it('waits for virtual time, not real time', async () => {
    const c = clock();
    const waiter = new DrivenWaiter(c.now, c.read);
    let slept = false;
    const sleeping = waiter.sleep(5000).then(() => (slept = true));
    c.advance(4000);
    await Promise.resolve();
    expect(slept).toBe(false);
    c.advance(1000);
    await sleeping;
    expect(slept).toBe(true);
  });

  it('resolves until() when the condition holds, or false at the virtual deadline', async () => {
    const c = clock();
    const waiter = new DrivenWaiter(c.now, c.read);
    let gone = false;
    const waiting = waiter.until(() => gone, 60_000);
    c.advance(100);
    gone = true;
    c.advance(100);
    expect(await waiting).toBe(true);
    const timingOut = waiter.until(() => false, 1000);
    c.advance(1000);
    expect(await timingOut).toBe(false);
  });

  it('ends a watch (settle) only on interrupt, like Ctrl-C', async () => {
    const c = clock();
    const waiter = new DrivenWaiter(c.now, c.read);
    let ended = false;
    const watching = waiter.settle(5000, 3_600_000).then(() => (ended = true));
    c.advance(120_000);
    await Promise.resolve();
    expect(ended).toBe(false);
    expect(waiter.waiting).toBe(true);
    waiter.interrupt();
    await watching;
    expect(ended).toBe(true);
    expect(waiter.waiting).toBe(false);
  });
});
