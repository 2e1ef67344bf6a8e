import { describe, expect, it } from 'vitest';
import {
  MAX_FRAME_GAP_MS,
  MAX_SLICE_MS,
  SimulationDriver,
  type FrameScheduler,
  type SimulationClock,
} from './driver.ts';

/** A clock that records what it was asked to do, with one scheduled event every second. */
function fakeClock(): SimulationClock & { advanced: number[] } {
  let now = 0;
  const advanced: number[] = [];
  return {
    advanced,
    now: () => now,
    advance(ms) {
      advanced.push(ms);
      now += ms;
    },
    step() {
      now = Math.floor(now / 1000) * 1000 + 1000;
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
    // In slices, so a frame can stop when its budget is spent.
    expect(Math.max(...clock.advanced)).toBeLessThanOrEqual(MAX_SLICE_MS);
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

  it('carries virtual time to the next frame when a frame spends its simulation budget', () => {
    let real = 0;
    const clock = fakeClock();
    const slow: SimulationClock = {
      ...clock,
      advance(ms) {
        clock.advance(ms);
        real += 5; // every slice costs 5 ms of real time
      },
    };
    const frames = manualFrames();
    const driver = new SimulationDriver(slow, frames, { realTime: () => real, budgetMs: 8 });
    driver.setSpeed(20);
    driver.play();
    frames.tick(0);
    frames.tick(20); // 400 ms owed: two slices fit the budget, the rest waits for the next frame
    expect(clock.advanced).toEqual([MAX_SLICE_MS, MAX_SLICE_MS]);
    frames.tick(40); // what was carried + 400 new, again two slices
    expect(clock.advanced.slice(2)).toEqual([MAX_SLICE_MS, MAX_SLICE_MS]);
    expect(driver.now.get()).toBe(4 * MAX_SLICE_MS);
    // A pause forgets the debt instead of replaying it later.
    driver.pause();
    driver.play();
    frames.tick(1000);
    frames.tick(1001);
    expect(clock.advanced.slice(4)).toEqual([20]);
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
