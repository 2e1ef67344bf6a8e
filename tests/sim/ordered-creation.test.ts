import { describe, expect, it } from 'vitest';
import { createCluster, isRunningAndReady } from '../../src/sim/index.ts';
import type { Pod, WatchEvent } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { claims, dbSet, must, podStatus, pods } from './helpers.ts';

describe('db-cluster, OrderedReady (the default)', () => {
  const c = createCluster({ seed: 1 });
  const log: WatchEvent[] = [];
  /** For each pod creation: which pods were Running and Ready at that moment. */
  const readyWhenCreated = new Map<string, string[]>();
  c.watch((ev) => {
    log.push(ev);
    if (ev.type === 'ADDED' && ev.object.kind === 'Pod') {
      readyWhenCreated.set(
        ev.object.metadata.name,
        pods(c)
          .filter((p) => isRunningAndReady(p))
          .map((p) => p.metadata.name),
      );
    }
  });
  const results = c.apply([dbService(), dbStatefulSet()]);
  const idle = c.runUntilIdle();

  it('reports apply results per object, in order', () => {
    expect(
      results.map((r) =>
        r.ok ? `${r.object.kind}/${r.object.metadata.name} ${r.action}` : r.status.message,
      ),
    ).toEqual(['Service/db-service created', 'StatefulSet/db-cluster created']);
    expect(idle).toBe(true);
  });

  it('creates each PVC before its pod, and each pod only after the previous one is Running and Ready', () => {
    const added = log
      .filter(
        (e) =>
          e.type === 'ADDED' &&
          (e.object.kind === 'Pod' || e.object.kind === 'PersistentVolumeClaim'),
      )
      .map((e) => `${e.object.kind}/${e.object.metadata.name}`);
    expect(added).toEqual([
      'PersistentVolumeClaim/data-volume-db-cluster-0',
      'Pod/db-cluster-0',
      'PersistentVolumeClaim/data-volume-db-cluster-1',
      'Pod/db-cluster-1',
      'PersistentVolumeClaim/data-volume-db-cluster-2',
      'Pod/db-cluster-2',
    ]);
    expect(readyWhenCreated.get('db-cluster-0')).toEqual([]);
    expect(readyWhenCreated.get('db-cluster-1')).toEqual(['db-cluster-0']);
    expect(readyWhenCreated.get('db-cluster-2')).toEqual(['db-cluster-0', 'db-cluster-1']);
  });

  it('moves db-cluster-0 through Pending (created, nominated, bound), ContainerCreating, Running', () => {
    const statuses = log
      .filter((e) => e.object.kind === 'Pod' && e.object.metadata.name === 'db-cluster-0')
      .map((e) => podStatus(e.object as Pod));
    expect(statuses).toEqual(['Pending', 'Pending', 'Pending', 'ContainerCreating', 'Running']);
  });

  it('nominates the node while the claim is provisioned, before the claim gets it, and binding clears it', () => {
    const events = log.filter(
      (e) =>
        (e.object.kind === 'Pod' && e.object.metadata.name === 'db-cluster-0') ||
        (e.object.kind === 'PersistentVolumeClaim' &&
          e.object.metadata.name === 'data-volume-db-cluster-0'),
    );
    const nominated = events.findIndex(
      (e) => e.object.kind === 'Pod' && (e.object as Pod).status?.nominatedNodeName !== undefined,
    );
    const annotated = events.findIndex(
      (e) => e.object.metadata.annotations?.['volume.kubernetes.io/selected-node'] !== undefined,
    );
    expect(nominated).toBeGreaterThan(0);
    expect(annotated).toBeGreaterThan(nominated);
    const pending = events[nominated]?.object as Pod;
    expect(pending.spec.nodeName).toBeUndefined();
    const bound = events.find(
      (e) => e.object.kind === 'Pod' && (e.object as Pod).spec.nodeName !== undefined,
    )?.object as Pod;
    expect(bound.spec.nodeName).toBe(pending.status?.nominatedNodeName);
    expect(bound.status?.nominatedNodeName).toBeUndefined();
  });

  it('takes realistic virtual time (image pulls, provisioning) but finishes within a minute or two', () => {
    expect(c.now()).toBeGreaterThan(10_000);
    expect(c.now()).toBeLessThan(120_000);
  });

  it('ends with three Running and Ready pods with upstream labels, hostname and subdomain', () => {
    const all = pods(c);
    expect(all.map((p) => [p.metadata.name, podStatus(p), isRunningAndReady(p)])).toEqual([
      ['db-cluster-0', 'Running', true],
      ['db-cluster-1', 'Running', true],
      ['db-cluster-2', 'Running', true],
    ]);
    const p1 = all[1] as Pod;
    const revision = dbSet(c).status?.updateRevision ?? '';
    expect(p1.metadata.labels).toEqual({
      app: 'database',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': revision,
      'statefulset.kubernetes.io/pod-name': 'db-cluster-1',
    });
    expect(p1.spec.hostname).toBe('db-cluster-1');
    expect(p1.spec.subdomain).toBe('db-service');
    expect(p1.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'db-cluster',
        uid: dbSet(c).metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(p1.spec.volumes?.[0]).toEqual({
      name: 'data-volume',
      persistentVolumeClaim: { claimName: 'data-volume-db-cluster-1' },
    });
    expect(p1.status?.podIP).toMatch(/^10\.244\.[1-3]\.\d+$/);
    // The control-plane node is tainted; workers get the pods, spread one per node.
    expect(new Set(all.map((p) => p.spec.nodeName))).toEqual(
      new Set(['kind-worker', 'kind-worker2', 'kind-worker3']),
    );
  });

  it('binds each PVC to a dynamically provisioned PV named pvc-<claim uid>', () => {
    for (const pvc of claims(c)) {
      expect(pvc.metadata.labels).toEqual({ app: 'database' });
      expect(pvc.spec.storageClassName).toBe('standard');
      expect(pvc.status?.phase).toBe('Bound');
      expect(pvc.spec.volumeName).toBe(`pvc-${pvc.metadata.uid ?? ''}`);
      expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
      const pv = must(c.get('PersistentVolume', undefined, pvc.spec.volumeName ?? ''));
      expect(pv.status?.phase).toBe('Bound');
      expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
      expect(pv.spec.claimRef?.name).toBe(pvc.metadata.name);
      expect(pvc.metadata.uid).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('records the statefulset-controller events with upstream reasons and messages', () => {
    const events = c.events({ kind: 'StatefulSet', name: 'db-cluster' });
    expect(events.map((e) => `${e.type} ${e.reason} ${e.source.component}: ${e.message}`)).toEqual([
      'Normal SuccessfulCreate statefulset-controller: create Claim data-volume-db-cluster-0 Pod db-cluster-0 in StatefulSet db-cluster success',
      'Normal SuccessfulCreate statefulset-controller: create Pod db-cluster-0 in StatefulSet db-cluster successful',
      'Normal SuccessfulCreate statefulset-controller: create Claim data-volume-db-cluster-1 Pod db-cluster-1 in StatefulSet db-cluster success',
      'Normal SuccessfulCreate statefulset-controller: create Pod db-cluster-1 in StatefulSet db-cluster successful',
      'Normal SuccessfulCreate statefulset-controller: create Claim data-volume-db-cluster-2 Pod db-cluster-2 in StatefulSet db-cluster success',
      'Normal SuccessfulCreate statefulset-controller: create Pod db-cluster-2 in StatefulSet db-cluster successful',
    ]);
  });

  it('records the scheduler, storage and kubelet events a learner sees in describe', () => {
    const reasons = c.events({ kind: 'Pod', name: 'db-cluster-0' }).map((e) => e.reason);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const pod0 = c.events({ kind: 'Pod', name: 'db-cluster-0' });
    expect(pod0[0]?.message).toMatch(
      /^Successfully assigned default\/db-cluster-0 to kind-worker\d?$/,
    );
    expect(pod0[1]?.message).toBe('Pulling image "my-database-image:latest"');
    expect(pod0[2]?.message).toMatch(
      /^Successfully pulled image "my-database-image:latest" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/,
    );
    expect(pod0[3]?.message).toBe('Created container: database');
    expect(pod0[4]?.message).toBe('Started container database');
    const pvcReasons = c
      .events({ kind: 'PersistentVolumeClaim', name: 'data-volume-db-cluster-0' })
      .map((e) => e.reason);
    expect(pvcReasons).toEqual([
      'WaitForFirstConsumer',
      'ExternalProvisioning',
      'Provisioning',
      'ProvisioningSucceeded',
    ]);
  });

  it('explains the waits in the decision trace', () => {
    const messages = c.trace({ kind: 'StatefulSet', name: 'db-cluster' }).map((t) => t.message);
    expect(messages).toContain(
      'not creating db-cluster-1: db-cluster-0 is not Running and Ready (OrderedReady)',
    );
    expect(messages).toContain(
      'not creating db-cluster-2: db-cluster-1 is not Running and Ready (OrderedReady)',
    );
    expect(messages.some((m) => m.startsWith('created PVC data-volume-db-cluster-0'))).toBe(true);
  });

  it('writes the StatefulSet status like the real controller', () => {
    const set = dbSet(c);
    const rev = set.status?.updateRevision ?? '';
    expect(rev).toMatch(/^db-cluster-[4-9bcdf]{1,10}$/);
    expect(set.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: rev,
      updateRevision: rev,
      collisionCount: 0,
      availableReplicas: 3,
    });
    const revisions = must(c.list('ControllerRevision', { namespace: 'default' }));
    expect(revisions.map((r) => [r.metadata.name, r.revision])).toEqual([[rev, 1]]);
    expect(revisions[0]?.metadata.labels?.['controller.kubernetes.io/hash']).toBe(
      rev.slice('db-cluster-'.length),
    );
  });

  it('applies the defaults the API server writes', () => {
    const set = dbSet(c);
    expect(set.spec.podManagementPolicy).toBe('OrderedReady');
    expect(set.spec.revisionHistoryLimit).toBe(10);
    expect(set.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { partition: 0 },
    });
    expect(set.spec.persistentVolumeClaimRetentionPolicy).toEqual({
      whenDeleted: 'Retain',
      whenScaled: 'Retain',
    });
    expect(set.spec.volumeClaimTemplates?.[0]?.spec.volumeMode).toBe('Filesystem');
    expect(set.spec.template.spec.containers[0]?.imagePullPolicy).toBe('Always');
    expect(set.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
    expect(set.metadata.generation).toBe(1);
    expect(set.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
  });
});

describe('db-cluster with podManagementPolicy: Parallel', () => {
  it('creates all PVCs and pods in one pass, before any pod is Running', () => {
    const c = createCluster({ seed: 2 });
    const created: [string, number, number][] = [];
    c.watch((ev) => {
      if (ev.type === 'ADDED' && ev.object.kind === 'Pod') {
        created.push([ev.object.metadata.name, c.now(), pods(c).filter(isRunningAndReady).length]);
      }
    });
    c.apply([dbService(), dbStatefulSet({ podManagementPolicy: 'Parallel' })]);
    c.runUntilIdle();
    expect(created.map(([n]) => n)).toEqual(['db-cluster-0', 'db-cluster-1', 'db-cluster-2']);
    expect(new Set(created.map(([, t]) => t)).size).toBe(1);
    expect(created.every(([, , ready]) => ready === 0)).toBe(true);
    expect(pods(c).every(isRunningAndReady)).toBe(true);
    expect(must(c.list('PersistentVolumeClaim', { labelSelector: 'app=database' }))).toHaveLength(
      3,
    );
  });
});
