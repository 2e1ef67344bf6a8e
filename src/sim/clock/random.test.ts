import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';
import { IdSource } from './ids.ts';
import { formatGoDuration, toRfc3339, fromRfc3339 } from './time.ts';

describe('Random', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Random(1);
    const b = new Random(1);
    const c = new Random(2);
    const seq = (r: Random) => Array.from({ length: 5 }, () => r.nextUint32());
    const sa = seq(a);
    expect(seq(b)).toEqual(sa);
    expect(seq(c)).not.toEqual(sa);
  });

  it('continues exactly from a saved state', () => {
    const a = new Random(99);
    a.next();
    const b = Random.fromState(a.getState());
    expect(b.nextUint32()).toBe(a.nextUint32());
  });

  it('draws integers within inclusive bounds', () => {
    const r = new Random(5);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(50, 53);
      expect(v).toBeGreaterThanOrEqual(50);
      expect(v).toBeLessThanOrEqual(53);
      seen.add(v);
    }
    expect(seen.size).toBe(4);
  });
});

describe('IdSource', () => {
  it('makes lowercase v4 UUIDs, increasing resourceVersions and per-node pod IPs', () => {
    const ids = new IdSource(new Random(1));
    const uid = ids.uid();
    expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.uid()).not.toBe(uid);
    expect([ids.nextResourceVersion(), ids.nextResourceVersion()]).toEqual(['1', '2']);
    expect([
      ids.podIp('kind-worker', 1),
      ids.podIp('kind-worker', 1),
      ids.podIp('kind-worker2', 2),
    ]).toEqual(['10.244.1.2', '10.244.1.3', '10.244.2.2']);
    expect(ids.suffix(5)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe('time', () => {
  it('formats virtual time as RFC 3339 from the 2026-01-01 epoch', () => {
    expect(toRfc3339(0)).toBe('2026-01-01T00:00:00Z');
    expect(toRfc3339(61_999)).toBe('2026-01-01T00:01:01Z');
    expect(fromRfc3339('2026-01-01T00:01:01Z')).toBe(61_000);
  });

  it('formats durations like Go', () => {
    expect(formatGoDuration(548)).toBe('548ms');
    expect(formatGoDuration(2310)).toBe('2.31s');
    expect(formatGoDuration(12000)).toBe('12s');
    expect(formatGoDuration(61_500)).toBe('1m1.5s');
  });
});
