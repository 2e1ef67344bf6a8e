import { describe, expect, it } from 'vitest';
import { createCluster, isRunningAndReady } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { claims, dbCluster, must, podNames, pods } from './helpers.ts';

describe('deleting the StatefulSet', () => {
  it('(background) removes the set at once, then its pods and revisions, and keeps the PVCs and the Service', () => {
    const c = dbCluster();
    const r = must(c.delete('StatefulSet', 'default', 'db-cluster'));
    expect(r.metadata.name).toBe('db-cluster');
    expect(c.get('StatefulSet', 'default', 'db-cluster').ok).toBe(false);
    c.runUntilIdle();
    expect(podNames(c)).toEqual([]);
    expect(must(c.list('ControllerRevision', { namespace: 'default' }))).toEqual([]);
    expect(claims(c).map((p) => p.metadata.name)).toEqual([
      'data-volume-db-cluster-0',
      'data-volume-db-cluster-1',
      'data-volume-db-cluster-2',
    ]);
    expect(c.get('Service', 'default', 'db-service').ok).toBe(true);
    expect(
      c
        .trace()
        .some((t) => t.component === 'garbage-collector' && t.message.includes('db-cluster-0')),
    ).toBe(true);
  });

  it('(foreground) keeps the set visible with a deletionTimestamp until its pods are gone', () => {
    const c = dbCluster();
    must(c.delete('StatefulSet', 'default', 'db-cluster', { propagationPolicy: 'Foreground' }));
    const set = must(c.get('StatefulSet', 'default', 'db-cluster'));
    expect(set.metadata.deletionTimestamp).toBeDefined();
    expect(set.metadata.finalizers).toEqual(['foregroundDeletion']);
    c.runUntilIdle();
    expect(c.get('StatefulSet', 'default', 'db-cluster').ok).toBe(false);
    expect(podNames(c)).toEqual([]);
    expect(claims(c)).toHaveLength(3);
  });

  it('(orphan) leaves the pods running without owner; a new set with the same selector adopts them without restarting', () => {
    const c = dbCluster();
    const uids = pods(c).map((p) => p.metadata.uid);
    must(c.delete('StatefulSet', 'default', 'db-cluster', { propagationPolicy: 'Orphan' }));
    c.runUntilIdle();
    expect(c.get('StatefulSet', 'default', 'db-cluster').ok).toBe(false);
    expect(pods(c).map((p) => p.metadata.ownerReferences)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(pods(c).every(isRunningAndReady)).toBe(true);
    // An orphaned pod that is deleted is not recreated.
    must(c.delete('Pod', 'default', 'db-cluster-2'));
    c.runUntilIdle();
    expect(podNames(c)).toEqual(['db-cluster-0', 'db-cluster-1']);
    // Re-creating the set adopts the survivors (same uids, same revision) and recreates db-cluster-2.
    c.apply([dbService(), dbStatefulSet()]);
    c.runUntilIdle();
    const after = pods(c);
    expect(after.map((p) => p.metadata.name)).toEqual([
      'db-cluster-0',
      'db-cluster-1',
      'db-cluster-2',
    ]);
    expect(after.slice(0, 2).map((p) => p.metadata.uid)).toEqual(uids.slice(0, 2));
    const setUid = must(c.get('StatefulSet', 'default', 'db-cluster')).metadata.uid;
    expect(after.every((p) => p.metadata.ownerReferences?.[0]?.uid === setUid)).toBe(true);
    expect(
      c
        .trace({ name: 'db-cluster' })
        .some((t) => t.message === 'adopted orphan Pod db-cluster-0 (it matches the selector)'),
    ).toBe(true);
  });
});

describe('PVC protection and reclaim', () => {
  it('keeps a PVC in use Terminating until its pod is gone, then deletes its PV (reclaim Delete)', () => {
    const c = dbCluster({ replicas: 1 });
    const pvc = must(c.delete('PersistentVolumeClaim', 'default', 'data-volume-db-cluster-0'));
    expect(pvc.metadata.deletionTimestamp).toBeDefined();
    c.runUntilIdle();
    const still = must(c.get('PersistentVolumeClaim', 'default', 'data-volume-db-cluster-0'));
    expect(still.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    must(c.delete('StatefulSet', 'default', 'db-cluster'));
    c.runUntilIdle();
    expect(c.get('PersistentVolumeClaim', 'default', 'data-volume-db-cluster-0').ok).toBe(false);
    expect(must(c.list('PersistentVolume'))).toEqual([]);
  });
});

describe('failures that block OrderedReady', () => {
  it('an image that cannot be pulled goes ErrImagePull → ImagePullBackOff and db-cluster-1 is never created', () => {
    const c = createCluster({ seed: 1 });
    const bad = dbStatefulSet();
    const spec = bad['spec'] as { template: { spec: { containers: { image: string }[] } } };
    (spec.template.spec.containers[0] as { image: string }).image = 'my-databse-image:latest';
    c.apply([dbService(), bad]);
    const reasons: string[] = [];
    c.watch((ev) => {
      const r = (
        ev.object as {
          status?: { containerStatuses?: { state: { waiting?: { reason?: string } } }[] };
        }
      ).status?.containerStatuses?.[0]?.state.waiting?.reason;
      if (ev.object.kind === 'Pod' && r !== undefined && reasons.at(-1) !== r) reasons.push(r);
    });
    c.advance(120_000);
    expect(podNames(c)).toEqual(['db-cluster-0']);
    expect(reasons.slice(0, 3)).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    const events = c.events({ kind: 'Pod', name: 'db-cluster-0' });
    expect(events.find((e) => e.message.startsWith('Failed to pull image'))?.message).toBe(
      'Failed to pull image "my-databse-image:latest": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/my-databse-image:latest": failed to resolve reference "docker.io/library/my-databse-image:latest": docker.io/library/my-databse-image:latest: not found',
    );
    expect(events.find((e) => e.reason === 'BackOff')?.message).toBe(
      'Back-off pulling image "my-databse-image:latest"',
    );
    expect((events.find((e) => e.reason === 'Pulling')?.count ?? 0) > 1).toBe(true);
    expect(c.trace({ name: 'db-cluster' }).map((t) => t.message)).toContain(
      'not creating db-cluster-1: db-cluster-0 is not Running and Ready (OrderedReady)',
    );
  });

  it('without a default StorageClass, the PVC and the pod stay Pending with the upstream events', () => {
    const c = createCluster({ seed: 1, defaultStorageClass: false });
    c.apply([dbService(), dbStatefulSet()]);
    c.advance(60_000);
    expect(podNames(c)).toEqual(['db-cluster-0']);
    expect(pods(c)[0]?.status?.phase).toBe('Pending');
    expect(claims(c)[0]?.status?.phase).toBe('Pending');
    expect(claims(c)[0]?.spec.storageClassName).toBeUndefined();
    expect(c.events({ kind: 'PersistentVolumeClaim' })[0]?.message).toBe(
      'no persistent volumes available for this claim and no storage class is set',
    );
    expect(c.events({ kind: 'Pod' })[0]?.message).toBe(
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. not found.',
    );
  });
});
