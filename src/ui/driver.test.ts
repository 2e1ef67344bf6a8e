import { describe, expect, it } from 'vitest';
import {
  MAX_FRAME_GAP_MS,
  SimulationDriver,
  type FrameScheduler,
  type SimulationClock,
} from './driver.ts';

/**
 * A clock with one scheduled event every `everyMs` virtual milliseconds. It records each span it
 * was asked to advance, and each event it ran; `onEvent` lets a test charge real time per event.
 */
function fakeClock(
  everyMs = 1000,
  onEvent: () => void = () => undefined,
): SimulationClock & { advanced: number[]; events: number[] } {
  let now = 0;
  const advanced: number[] = [];
  const events: number[] = [];
  const nextEvent = (): number => Math.floor(now / everyMs) * everyMs + everyMs;
  return {
    advanced,
    events,
    now: () => now,
    advance(ms, stopEarly) {
      advanced.push(ms);
      const start = now;
      const deadline = now + ms;
      let ran = false;
      while (nextEvent() <= deadline) {
        if (ran && stopEarly?.() === true) return now - start;
        now = nextEvent();
        events.push(now);
        onEvent();
        ran = true;
      }
      now = deadline;
      return ms;
    },
    step() {
      now = nextEvent();
      events.push(now);
      return true;
    },
  };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Frames that run only when the test says so. */
function manualFrames(): FrameScheduler & { tick(at: number): void; pending(): number } {
  let next = 1;
  const waiting = new Map<number, (t: number) => void>();
  return {
    request(callback) {
      const handle = next++;
      waiting.set(handle, callback);
      return handle;
    },
    cancel(handle) {
      waiting.delete(handle);
    },
    tick(at) {
      const callbacks = [...waiting.values()];
      waiting.clear();
      for (const callback of callbacks) callback(at);
    },
    pending: () => waiting.size,
  };
}

describe('SimulationDriver', () => {
  it('turns real frame gaps into virtual time at the chosen speed', () => {
    const clock = fakeClock();
    const frames = manualFrames();
    const driver = new SimulationDriver(clock, frames);
    driver.setSpeed(5);
    driver.play();
    frames.tick(1000); // first frame only records the time
    frames.tick(1016);
    expect(sum(clock.advanced)).toBe(80);
    frames.tick(1032);
    expect(sum(clock.advanced)).toBe(160);
    expect(driver.now.get()).toBe(160);
  });

  it('advances whole milliseconds only, carrying fractions to the next frame', () => {
    const clock = fakeClock();
    const frames = manualFrames();
    const driver = new SimulationDriver(clock, frames);
    driver.setSpeed(0.25);
    driver.play();
    for (const at of [0, 10, 20, 30, 40, 50]) frames.tick(at);
    expect(clock.advanced).toEqual([2, 3, 2, 3, 2]);
    expect(clock.advanced.every(Number.isInteger)).toBe(true);
  });

  it('caps a long gap (a background tab) instead of jumping ahead', () => {
    const clock = fakeClock();
    const frames = manualFrames();
    const driver = new SimulationDriver(clock, frames);
    driver.play();
    frames.tick(0);
    frames.tick(60_000);
    expect(sum(clock.advanced)).toBe(MAX_FRAME_GAP_MS);
  });

  it('stops between two events when a frame spends its simulation budget, and carries the rest', () => {
    let real = 0;
    // An event every 10 virtual ms, each costing 3 ms of real time.
    const clock = fakeClock(10, () => (real += 3));
    const frames = manualFrames();
    const driver = new SimulationDriver(clock, frames, { realTime: () => real, budgetMs: 8 });
    driver.setSpeed(20);
    driver.play();
    frames.tick(0);
    frames.tick(20); // 400 ms owed: three events (9 ms ≥ 8) and the frame stops
    expect(clock.events).toEqual([10, 20, 30]);
    expect(driver.now.get()).toBe(30);
    frames.tick(40); // what was carried + 400 new: three more events, never skipping one
    expect(clock.events).toEqual([10, 20, 30, 40, 50, 60]);
    expect(driver.now.get()).toBe(60);
    // Every event runs once, in order, however the frames cut the span.
    expect(clock.advanced).toEqual([400, 770]);
    // A pause forgets the debt instead of replaying it later.
    driver.pause();
    driver.play();
    frames.tick(1000);
    frames.tick(1001);
    expect(clock.advanced.slice(2)).toEqual([20]);
  });

  it('runs at least one event per frame, however slow that event is', () => {
    let real = 0;
    const clock = fakeClock(10, () => (real += 50));
    const frames = manualFrames();
    const driver = new SimulationDriver(clock, frames, { realTime: () => real, budgetMs: 5 });
    driver.setSpeed(20);
    driver.play();
    frames.tick(0);
    for (let frame = 1; frame <= 3; frame++) frames.tick(frame * 16);
    expect(clock.events).toEqual([10, 20, 30]);
  });

  it('does nothing while paused, and pausing cancels the next frame', () => {
    const clock = fakeClock();
    const frames = manualFrames();
    const driver = new SimulationDriver(clock, frames);
    driver.play();
    frames.tick(0);
    driver.pause();
    expect(frames.pending()).toBe(0);
    expect(driver.playing.get()).toBe(false);
    frames.tick(16);
    expect(clock.advanced).toEqual([]);
  });

  it('steps one event at a time and pauses to do so', () => {
    const clock = fakeClock();
    const frames = manualFrames();
    const driver = new SimulationDriver(clock, frames);
    driver.play();
    expect(driver.step()).toBe(true);
    expect(driver.playing.get()).toBe(false);
    expect(driver.now.get()).toBe(1000);
  });

  it.each([
    [0.1, 0.25],
    [0.3, 0.25],
    [0.8, 1],
    [3, 2],
    [4, 5],
    [100, 20],
  ])('snaps speed %d to %d', (asked, expected) => {
    const driver = new SimulationDriver(fakeClock(), manualFrames());
    driver.setSpeed(asked);
    expect(driver.speed.get()).toBe(expected);
  });

  it('resumes without replaying the paused interval', () => {
    const clock = fakeClock();
    const frames = manualFrames();
    const driver = new SimulationDriver(clock, frames);
    driver.play();
    frames.tick(0);
    frames.tick(16);
    driver.pause();
    driver.play();
    frames.tick(10_000);
    frames.tick(10_016);
    expect(clock.advanced).toEqual([16, 16]);
  });
});
