import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/sim/index.ts';
import type { Cluster } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { must, patchSet, podNames } from './helpers.ts';

/** A scripted session: apply, scale, delete a pod, scale down, with waits in between. */
const STEPS: readonly ((c: Cluster) => void)[] = [
  (x) => void x.apply([dbService(), dbStatefulSet()]),
  (x) => x.advance(20_000),
  (x) => void x.runUntilIdle(),
  (x) => void x.writeFile('default', 'db-cluster-0', '/var/lib/database/rows', 'alice\n'),
  (x) => patchSet(x, { spec: { replicas: 5 } }),
  (x) => x.advance(7_000),
  (x) => void must(x.delete('Pod', 'default', 'db-cluster-1')),
  (x) => void x.runUntilIdle(),
  (x) => patchSet(x, { spec: { replicas: 2 } }),
  (x) => void x.runUntilIdle(),
];

/** Runs steps [from, to) of the script. */
function script(c: Cluster, from = 0, to = STEPS.length): void {
  for (const s of STEPS.slice(from, to)) s(c);
}

function fingerprint(c: Cluster): string {
  return JSON.stringify({
    now: c.now(),
    events: c.events(),
    trace: c.trace(),
    snapshot: c.snapshot(),
  });
}

describe('determinism', () => {
  it('replays the same seed to identical event logs, traces and objects', () => {
    const a = createCluster({ seed: 42 });
    const b = createCluster({ seed: 42 });
    script(a);
    script(b);
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(a.events().length).toBeGreaterThan(50);
    expect(a.readFile('default', 'db-cluster-0', '/var/lib/database/rows')).toEqual({
      ok: true,
      value: 'alice\n',
    });
  });

  it('gives different uids and timings for a different seed', () => {
    const a = createCluster({ seed: 1 });
    const b = createCluster({ seed: 2 });
    script(a);
    script(b);
    const uid = (c: Cluster): string =>
      must(c.get('StatefulSet', 'default', 'db-cluster')).metadata.uid ?? '';
    expect(uid(a)).not.toBe(uid(b));
    expect(a.now()).not.toBe(b.now());
  });

  it('continues identically after snapshot → JSON → restore, at every point of the script', () => {
    const reference = createCluster({ seed: 7 });
    script(reference);
    for (const cut of [1, 2, 4, 5, 6, 7, 9]) {
      const partial = createCluster({ seed: 7 });
      script(partial, 0, cut);
      const text = JSON.stringify(partial.snapshot());
      const restored = restoreCluster(JSON.parse(text) as ReturnType<Cluster['snapshot']>);
      expect(JSON.stringify(restored.snapshot())).toBe(text);
      script(restored, cut);
      expect(fingerprint(restored)).toBe(fingerprint(reference));
    }
  });

  it('restores pending timers: a restored cluster in mid-rollout finishes it', () => {
    const c = createCluster({ seed: 9 });
    c.apply([dbService(), dbStatefulSet()]);
    c.advance(3_000);
    const snap = c.snapshot();
    expect(snap.clock.queue.length).toBeGreaterThan(0);
    const r = restoreCluster(snap);
    r.runUntilIdle();
    c.runUntilIdle();
    expect(r.now()).toBe(c.now());
    expect(must(r.list('Pod', { namespace: 'default' })).map((p) => p.metadata.name)).toEqual([
      'db-cluster-0',
      'db-cluster-1',
      'db-cluster-2',
    ]);
  });

  it('runs the same events in the same order when advance stops early and is called again', () => {
    const whole = createCluster({ seed: 7 });
    const cut = createCluster({ seed: 7 });
    for (const c of [whole, cut]) c.apply([dbService(), dbStatefulSet({ replicas: 5 })]);
    whole.advance(60_000);
    // Stop at every chance, as a browser frame whose time is spent does.
    let left = 60_000;
    let rounds = 0;
    while (left > 0) {
      const moved = cut.advance(left, () => true);
      expect(moved).toBeGreaterThanOrEqual(0);
      left -= moved;
      rounds++;
    }
    expect(rounds).toBeGreaterThan(20);
    expect(cut.now()).toBe(60_000);
    expect(fingerprint(cut)).toBe(fingerprint(whole));
    expect(podNames(cut)).toEqual([0, 1, 2, 3, 4].map((i) => `db-cluster-${i}`));
  });

  it('keeps a snapshot as it was while the cluster goes on changing', () => {
    const c = createCluster({ seed: 3 });
    script(c, 0, 4);
    const snapshot = c.snapshot();
    const before = JSON.stringify(snapshot);
    script(c, 4);
    expect(JSON.stringify(snapshot)).toBe(before);
    // And a cluster restored from it changes without touching the snapshot either.
    const restored = restoreCluster(snapshot);
    script(restored, 4);
    expect(JSON.stringify(snapshot)).toBe(before);
    expect(fingerprint(restored)).toBe(fingerprint(c));
  });
});
