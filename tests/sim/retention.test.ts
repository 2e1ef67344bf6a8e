import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/sim/index.ts';
import { claims, dbCluster, dbSet, must, patchSet, podNames } from './helpers.ts';

const names = (c: Parameters<typeof claims>[0]) => claims(c).map((p) => p.metadata.name);

describe('persistentVolumeClaimRetentionPolicy', () => {
  it('Retain/Retain (default): claims carry no owner references', () => {
    const c = dbCluster();
    expect(claims(c).map((p) => p.metadata.ownerReferences)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('whenScaled: Delete removes the claims (and their PVs) of scaled-down pods, after the pods are gone', () => {
    const c = dbCluster({
      persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' },
    });
    const oldUids = new Map(claims(c).map((p) => [p.metadata.name, p.metadata.uid]));
    const order: string[] = [];
    c.watch((ev: WatchEvent) => {
      if (
        ev.type === 'DELETED' &&
        (ev.object.kind === 'Pod' || ev.object.kind === 'PersistentVolumeClaim')
      )
        order.push(`${ev.object.kind}/${ev.object.metadata.name}`);
    });
    patchSet(c, { spec: { replicas: 1 } });
    c.runUntilIdle();
    expect(podNames(c)).toEqual(['db-cluster-0']);
    expect(names(c)).toEqual(['data-volume-db-cluster-0']);
    expect(order.indexOf('PersistentVolumeClaim/data-volume-db-cluster-2')).toBeGreaterThan(
      order.indexOf('Pod/db-cluster-2'),
    );
    expect(must(c.list('PersistentVolume'))).toHaveLength(1);
    expect(c.trace({ name: 'db-cluster' }).map((t) => t.message)).toContain(
      'PVC data-volume-db-cluster-2 will be deleted once db-cluster-2 is gone: whenScaled is Delete',
    );
    // Scaling up again creates fresh, empty claims.
    patchSet(c, { spec: { replicas: 3 } });
    c.runUntilIdle();
    expect(names(c)).toEqual([
      'data-volume-db-cluster-0',
      'data-volume-db-cluster-1',
      'data-volume-db-cluster-2',
    ]);
    const fresh = claims(c).find((p) => p.metadata.name === 'data-volume-db-cluster-2');
    expect(fresh?.metadata.uid).not.toBe(oldUids.get('data-volume-db-cluster-2'));
    expect(
      claims(c).find((p) => p.metadata.name === 'data-volume-db-cluster-0')?.metadata.uid,
    ).toBe(oldUids.get('data-volume-db-cluster-0'));
  });

  it('whenScaled: Delete does not delete the claim of a pod that is merely deleted and replaced', () => {
    const c = dbCluster({
      persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' },
    });
    const uid = claims(c)[1]?.metadata.uid;
    must(c.delete('Pod', 'default', 'db-cluster-1'));
    c.runUntilIdle();
    expect(claims(c)[1]?.metadata.uid).toBe(uid);
  });

  it('whenDeleted: Delete gives each claim a controller reference to the set, and deleting the set deletes them', () => {
    const c = dbCluster({
      persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' },
    });
    const setUid = dbSet(c).metadata.uid;
    expect(
      claims(c).map((p) =>
        p.metadata.ownerReferences?.map(
          (r) => `${r.kind}/${r.name}/${r.uid === setUid}/${String(r.controller)}`,
        ),
      ),
    ).toEqual([
      ['StatefulSet/db-cluster/true/true'],
      ['StatefulSet/db-cluster/true/true'],
      ['StatefulSet/db-cluster/true/true'],
    ]);
    // Scale-down keeps the claims (whenScaled is Retain).
    patchSet(c, { spec: { replicas: 2 } });
    c.runUntilIdle();
    expect(names(c)).toHaveLength(3);
    must(c.delete('StatefulSet', 'default', 'db-cluster'));
    c.runUntilIdle();
    expect(names(c)).toEqual([]);
    expect(must(c.list('PersistentVolume'))).toEqual([]);
  });

  it('whenDeleted: Delete with an orphan delete keeps the claims and drops their owner reference', () => {
    const c = dbCluster({
      persistentVolumeClaimRetentionPolicy: { whenScaled: 'Retain', whenDeleted: 'Delete' },
    });
    must(c.delete('StatefulSet', 'default', 'db-cluster', { propagationPolicy: 'Orphan' }));
    c.runUntilIdle();
    expect(claims(c).map((p) => p.metadata.ownerReferences)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(podNames(c)).toHaveLength(3);
  });
});
