import { describe, expect, it } from 'vitest';
import { createCluster, isRunningAndReady, restoreCluster } from '../../src/sim/index.ts';
import type { Cluster } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { claims, dbCluster, podNames, pods } from './helpers.ts';

function boundAt(c: Cluster): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of c.events({ kind: 'PersistentVolumeClaim' }))
    if (e.reason === 'ProvisioningSucceeded' && !out.has(e.involvedObject.name))
      out.set(e.involvedObject.name, Date.parse(e.firstTimestamp ?? e.eventTime ?? ''));
  return out;
}

describe('fault: slowProvisioning', () => {
  it('OrderedReady waits on the slow provisioner: db-cluster-1 only after db-cluster-0 has its volume and is Ready', () => {
    const c = createCluster({ seed: 1 });
    c.injectFault({ kind: 'slowProvisioning', seconds: 60 });
    c.apply([dbService(), dbStatefulSet()]);
    c.advance(50_000);
    // 50 s in: the claim is still Pending, so the pod cannot be scheduled and the set waits.
    expect(podNames(c)).toEqual(['db-cluster-0']);
    expect(pods(c)[0]?.status?.phase).toBe('Pending');
    expect(claims(c).map((p) => [p.metadata.name, p.status?.phase])).toEqual([
      ['data-volume-db-cluster-0', 'Pending'],
    ]);
    const waits = c
      .trace({ name: 'db-cluster' })
      .filter((t) => t.verdict === 'wait')
      .map((t) => t.message);
    expect(waits.some((m) => m.includes('not creating db-cluster-1'))).toBe(true);
    c.runUntilIdle();
    expect(pods(c).every(isRunningAndReady)).toBe(true);
    expect(podNames(c)).toEqual(['db-cluster-0', 'db-cluster-1', 'db-cluster-2']);
    // Every volume took at least the extra minute, one after another: the whole set ≥ 3 minutes.
    const quick = dbCluster();
    expect(c.now()).toBeGreaterThanOrEqual(quick.now() + 180_000);
    expect(c.now()).toBeLessThan(quick.now() + 200_000);
  });

  it('only slows claims of the named StorageClass, and stops once cleared', () => {
    const other = createCluster({ seed: 1 });
    other.injectFault({ kind: 'slowProvisioning', seconds: 60, storageClass: 'premium' });
    other.apply([dbService(), dbStatefulSet()]);
    other.runUntilIdle();
    expect(other.now()).toBe(dbCluster().now());

    const c = createCluster({ seed: 1 });
    const fault = { kind: 'slowProvisioning', seconds: 60, storageClass: 'standard' } as const;
    c.injectFault(fault);
    expect(c.activeFaults()).toEqual([fault]);
    c.apply([dbService(), dbStatefulSet({ replicas: 1 })]);
    c.runUntilIdle();
    const slow = c.now();
    c.clearFault(fault);
    expect(c.activeFaults()).toEqual([]);
    c.apply([dbStatefulSet({ replicas: 2 })]);
    c.runUntilIdle();
    const times = boundAt(c);
    expect(times.size).toBe(2);
    expect(c.now() - slow).toBeLessThan(60_000);
  });

  it('survives snapshot/restore and replays identically', () => {
    const c = createCluster({ seed: 7 });
    c.injectFault({ kind: 'slowProvisioning', seconds: 30 });
    c.apply([dbService(), dbStatefulSet()]);
    c.advance(20_000);
    const snap = c.snapshot();
    const r = restoreCluster(JSON.parse(JSON.stringify(snap)) as typeof snap);
    c.runUntilIdle();
    r.runUntilIdle();
    expect(r.now()).toBe(c.now());
    expect(r.snapshot()).toEqual(c.snapshot());
  });
});
