import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/sim/index.ts';
import type { WatchEvent } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { dbCluster, must, patchSet } from './helpers.ts';

function names(evs: WatchEvent[]): string[] {
  return evs.map((e) => `${e.type} ${e.object.kind}/${e.object.metadata.name}`);
}

describe('list and watch with resourceVersion', () => {
  it('list answers the collection resourceVersion: the newest object version at most', () => {
    const c = dbCluster();
    const list = must(c.listWithVersion('Pod', { namespace: 'default' }));
    expect(list.items.map((p) => p.metadata.name)).toEqual([
      'db-cluster-0',
      'db-cluster-1',
      'db-cluster-2',
    ]);
    expect(list.resourceVersion).toBe(c.resourceVersion());
    for (const p of list.items)
      expect(Number(p.metadata.resourceVersion)).toBeLessThanOrEqual(Number(list.resourceVersion));
    expect(c.listWithVersion('Pod', { labelSelector: 'app in (' }).ok).toBe(false);
  });

  it('replays every change after the version, in order, then streams new ones', () => {
    const c = createCluster({ seed: 1 });
    const rv = must(c.listWithVersion('Pod', { namespace: 'default' })).resourceVersion;
    c.apply([dbService(), dbStatefulSet({ replicas: 2 })]);
    c.runUntilIdle();
    const live: WatchEvent[] = [];
    const sub = c.watch((ev) => live.push(ev), { kind: 'Pod', resourceVersion: rv });
    expect(sub.error).toBeUndefined();
    // The replay came first and synchronously: both pods' whole history.
    const replayed = live.length;
    expect(names(live).filter((n) => n.startsWith('ADDED'))).toEqual([
      'ADDED Pod/db-cluster-0',
      'ADDED Pod/db-cluster-1',
    ]);
    // Each replayed event has the version it was written with, strictly increasing.
    const rvs = live.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    expect(new Set(rvs).size).toBe(rvs.length);
    expect(rvs.every((v) => v > Number(rv))).toBe(true);
    // A watch from "now" sees nothing old.
    const fromNow: WatchEvent[] = [];
    const sub2 = c.watch((ev) => fromNow.push(ev), {
      kind: 'Pod',
      resourceVersion: c.resourceVersion(),
    });
    expect(fromNow).toEqual([]);
    c.delete('Pod', 'default', 'db-cluster-1');
    c.runUntilIdle();
    expect(live.length).toBeGreaterThan(replayed);
    expect(names(live.slice(replayed))).toEqual(names(fromNow));
    expect(names(fromNow)).toContain('DELETED Pod/db-cluster-1');
    sub.dispose();
    sub2.dispose();
  });

  it('replaying from a list version gives exactly the state a live watcher saw', () => {
    const c = dbCluster({ replicas: 2 });
    const list = must(c.listWithVersion('Pod', { namespace: 'default' }));
    patchSet(c, { spec: { replicas: 3 } });
    c.runUntilIdle();
    const state = new Map(list.items.map((p) => [p.metadata.name, p.metadata.resourceVersion]));
    c.watch(
      (ev) => {
        if (ev.type === 'DELETED') state.delete(ev.object.metadata.name);
        else state.set(ev.object.metadata.name, ev.object.metadata.resourceVersion);
      },
      { kind: 'Pod', namespace: 'default', resourceVersion: list.resourceVersion },
    ).dispose();
    const now = must(c.list('Pod', { namespace: 'default' }));
    expect(Object.fromEntries(state)).toEqual(
      Object.fromEntries(now.map((p) => [p.metadata.name, p.metadata.resourceVersion])),
    );
  });

  it('filters the replay by label selector and namespace', () => {
    const c = createCluster({ seed: 1 });
    c.apply([dbService(), dbStatefulSet({ replicas: 1 })]);
    c.runUntilIdle();
    const seen: WatchEvent[] = [];
    c.watch((ev) => seen.push(ev), { labelSelector: 'app=database', resourceVersion: '1' });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.object.metadata.labels?.app === 'database')).toBe(true);
    const none: WatchEvent[] = [];
    c.watch((ev) => none.push(ev), { namespace: 'kube-public', kind: 'Pod', resourceVersion: '1' });
    expect(none).toEqual([]);
  });

  it('answers 410 Gone "too old resource version" once the history has moved past the version', () => {
    const c = createCluster({ seed: 1 });
    c.apply([dbService(), dbStatefulSet({ replicas: 1 })]);
    c.runUntilIdle();
    const snap = c.snapshot();
    const restored = restoreCluster(JSON.parse(JSON.stringify(snap)) as typeof snap);
    // By default the history is not part of a snapshot: a restored cluster starts watching from
    // its revision (as an API server does after a restart).
    const current = Number(restored.resourceVersion());
    const seen: WatchEvent[] = [];
    const bad = restored.watch((ev) => seen.push(ev), { resourceVersion: '3' });
    expect(bad.error).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: 3 (${current})`,
      reason: 'Expired',
      code: 410,
    });
    restored.delete('Pod', 'default', 'db-cluster-0');
    expect(seen).toEqual([]);
    const good = restored.watch((ev) => seen.push(ev), { resourceVersion: String(current) });
    expect(good.error).toBeUndefined();
    expect(names(seen)).toEqual(['MODIFIED Pod/db-cluster-0']);
  });

  it('snapshot({ watchHistory: true }) keeps the window: the restored cluster replays the same events', () => {
    const c = createCluster({ seed: 1 });
    c.apply([dbService(), dbStatefulSet({ replicas: 2 })]);
    c.runUntilIdle();
    const snap = c.snapshot({ watchHistory: true });
    const restored = restoreCluster(JSON.parse(JSON.stringify(snap)) as typeof snap);
    expect(restored.resourceVersion()).toBe(c.resourceVersion());
    const replay = (x: typeof c, rv: string): unknown[] => {
      const out: unknown[] = [];
      const h = x.watch(
        (ev) =>
          out.push({
            type: ev.type,
            object: ev.object,
            old: ev.oldObject?.metadata.resourceVersion,
          }),
        { resourceVersion: rv },
      );
      h.dispose();
      return h.error === undefined ? out : [h.error];
    };
    for (const rv of ['1', '3', '40', String(Number(c.resourceVersion()) - 5)]) {
      const original = replay(c, rv);
      expect(original.length).toBeGreaterThan(0);
      expect(JSON.stringify(replay(restored, rv))).toBe(JSON.stringify(original));
    }
    // Both go on identically, window included.
    for (const x of [c, restored]) {
      x.delete('Pod', 'default', 'db-cluster-0');
      x.runUntilIdle();
    }
    expect(JSON.stringify(replay(restored, '2'))).toBe(JSON.stringify(replay(c, '2')));
    expect(JSON.stringify(restored.snapshot({ watchHistory: true }))).toBe(
      JSON.stringify(c.snapshot({ watchHistory: true })),
    );
  });

  it('a snapshot with watchHistory declares the window start: older versions get the same 410', () => {
    const c = createCluster({ seed: 1 });
    c.apply([dbService(), dbStatefulSet({ replicas: 1 })]);
    c.runUntilIdle();
    for (let i = 0; i < 10_001; i++)
      must(c.patch('Service', 'default', 'db-service', { metadata: { labels: { n: String(i) } } }));
    const snap = c.snapshot({ watchHistory: true });
    expect(snap.watch?.entries.length).toBe(10_000);
    const restored = restoreCluster(JSON.parse(JSON.stringify(snap)) as typeof snap);
    const since = snap.watch?.since ?? 0;
    for (const rv of ['1', String(since - 1)]) {
      expect(restored.watch(() => undefined, { resourceVersion: rv }).error).toEqual(
        c.watch(() => undefined, { resourceVersion: rv }).error,
      );
      expect(restored.watch(() => undefined, { resourceVersion: rv }).error?.code).toBe(410);
    }
    let n = 0;
    expect(restored.watch(() => n++, { resourceVersion: String(since) }).error).toBeUndefined();
    expect(n).toBe(10_000);
  });

  it('forgets the oldest changes beyond the bounded history', () => {
    const c = createCluster({ seed: 1 });
    c.apply([dbService(), dbStatefulSet({ replicas: 3 })]);
    c.runUntilIdle();
    // 10,000 remembered changes: push the bootstrap out with label churn on the Service.
    for (let i = 0; i < 10_001; i++)
      must(c.patch('Service', 'default', 'db-service', { metadata: { labels: { n: String(i) } } }));
    const sub = c.watch(() => undefined, { resourceVersion: '1' });
    expect(sub.error?.code).toBe(410);
    expect(sub.error?.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
    const oldest = Number(/\((\d+)\)/.exec(sub.error?.message ?? '')?.[1]);
    // Exactly the oldest remembered revision minus one is still accepted.
    const seen: WatchEvent[] = [];
    expect(c.watch((e) => seen.push(e), { resourceVersion: String(oldest) }).error).toBeUndefined();
    expect(seen.length).toBe(10_000);
    expect(c.watch(() => undefined, { resourceVersion: String(oldest - 1) }).error?.code).toBe(410);
  });

  it('rejects a malformed resourceVersion with 400', () => {
    const c = createCluster({ seed: 1 });
    const sub = c.watch(() => undefined, { resourceVersion: 'abc' });
    expect(sub.error?.code).toBe(400);
  });
});
