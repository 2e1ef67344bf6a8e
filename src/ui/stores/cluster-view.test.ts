import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../sim/index.ts';
import {
  ClusterViewDeriver,
  deriveClusterView,
  type ClusterObjects,
  type PodStatusFunction,
} from './cluster-view.ts';

const manifest = parseAllDocuments(
  readFileSync(new URL('../../../content/files/db-cluster.yaml', import.meta.url), 'utf8'),
).map((document) => document.toJS() as unknown);

/** A STATUS cell good enough to tell the states apart in these tests. */
const podStatus: PodStatusFunction = (pod) => ({
  status: pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Pending'),
  ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
    ? '1/1'
    : '0/1',
});

function objectsOf(cluster: Cluster): ClusterObjects {
  const list = <T>(result: { ok: true; object: T[] } | { ok: false }): T[] =>
    result.ok ? result.object : [];
  return {
    statefulSets: list(cluster.list('StatefulSet', { namespace: 'default' })),
    pods: list(cluster.list('Pod', { namespace: 'default' })),
    claims: list(cluster.list('PersistentVolumeClaim', { namespace: 'default' })),
    volumes: list(cluster.list('PersistentVolume')),
    services: list(cluster.list('Service', { namespace: 'default' })),
    endpoints: list(cluster.list('Endpoints', { namespace: 'default' })),
    nodes: list(cluster.list('Node')),
  };
}

function scale(cluster: Cluster, replicas: number): void {
  const current = cluster.get('StatefulSet', 'default', 'db-cluster');
  if (!current.ok) throw new Error(current.status.message);
  const result = cluster.update({ ...current.object, spec: { ...current.object.spec, replicas } });
  if (!result.ok) throw new Error(result.status.message);
}

describe('the cluster view of db-cluster', () => {
  const cluster = createCluster({ seed: 7 });
  cluster.apply(manifest);
  cluster.runUntilIdle();
  const view = deriveClusterView(objectsOf(cluster), podStatus);
  const set = view.statefulSets[0];

  it('lists the set with spec and status side by side', () => {
    expect(set).toMatchObject({
      name: 'db-cluster',
      desiredReplicas: 3,
      replicas: 3,
      readyReplicas: 3,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: 'RollingUpdate',
      partition: 0,
      serviceName: 'db-service',
    });
    expect(set?.currentRevision).toMatch(/^db-cluster-[4-9bcdf]+$/);
    expect(set?.updateRevision).toBe(set?.currentRevision);
  });

  it('shows every ordinal with its pod, its claim and the claim’s volume', () => {
    expect(
      set?.ordinals.map((o) => [
        o.podName,
        o.pod?.status,
        o.pod?.ready,
        o.claims[0]?.name,
        o.claims[0]?.status,
      ]),
    ).toEqual([
      ['db-cluster-0', 'Running', '1/1', 'data-volume-db-cluster-0', 'Bound'],
      ['db-cluster-1', 'Running', '1/1', 'data-volume-db-cluster-1', 'Bound'],
      ['db-cluster-2', 'Running', '1/1', 'data-volume-db-cluster-2', 'Bound'],
    ]);
    for (const ordinal of set?.ordinals ?? []) {
      expect(ordinal.claims[0]?.volume?.name).toMatch(/^pvc-[0-9a-f-]{36}$/);
      expect(ordinal.claims[0]?.volume).toMatchObject({
        phase: 'Bound',
        capacity: '1Gi',
        reclaimPolicy: 'Delete',
      });
      expect(ordinal.pod?.revision).toBe(set?.updateRevision);
    }
  });

  it('publishes DNS records for each ready pod of the headless Service', () => {
    const service = view.services.find((s) => s.name === 'db-service');
    expect(service?.headless).toBe(true);
    const names = service?.records.filter((r) => r.type === 'A').map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'db-service.default.svc.cluster.local',
        'db-cluster-0.db-service.default.svc.cluster.local',
        'db-cluster-1.db-service.default.svc.cluster.local',
        'db-cluster-2.db-service.default.svc.cluster.local',
      ]),
    );
    const pod0 = set?.ordinals[0]?.pod;
    expect(service?.records).toContainEqual({
      name: 'db-cluster-0.db-service.default.svc.cluster.local',
      type: 'A',
      value: pod0?.ip,
    });
    expect(service?.records).toContainEqual({
      name: '_mysql._tcp.db-service.default.svc.cluster.local',
      type: 'SRV',
      value: 'db-cluster-0.db-service.default.svc.cluster.local:3306',
    });
  });

  it('places the pods on the worker nodes', () => {
    const placed = view.nodes.flatMap((node) => node.pods);
    expect(placed.sort()).toEqual(['db-cluster-0', 'db-cluster-1', 'db-cluster-2']);
  });

  it('keeps the claim of a scaled-away ordinal, outside the range and without a pod', () => {
    scale(cluster, 2);
    cluster.runUntilIdle();
    const after = deriveClusterView(objectsOf(cluster), podStatus).statefulSets[0];
    expect(
      after?.ordinals.map((o) => [o.podName, o.inRange, o.pod?.name, o.claims[0]?.status]),
    ).toEqual([
      ['db-cluster-0', true, 'db-cluster-0', 'Bound'],
      ['db-cluster-1', true, 'db-cluster-1', 'Bound'],
      ['db-cluster-2', false, undefined, 'Bound'],
    ]);
  });
});

describe('ClusterViewDeriver', () => {
  it('reuses the parts of the view whose objects did not change, so views can skip them', () => {
    const cluster = createCluster({ seed: 7 });
    cluster.apply(manifest);
    cluster.runUntilIdle();
    const deriver = new ClusterViewDeriver(podStatus);
    const first = deriver.derive(objectsOf(cluster));
    const again = deriver.derive(objectsOf(cluster));
    expect(again).not.toBe(first); // subscribers still hear about every flush
    expect(again.statefulSets).toBe(first.statefulSets);
    expect(again.services).toBe(first.services);
    expect(again.nodes).toBe(first.nodes);

    scale(cluster, 4);
    cluster.runUntilIdle();
    const scaled = deriver.derive(objectsOf(cluster));
    expect(scaled).toEqual(deriveClusterView(objectsOf(cluster), podStatus));
    const [before, after] = [first.statefulSets[0], scaled.statefulSets[0]];
    expect(after).not.toBe(before);
    // Ordinal 0 did not change; ordinal 3 is new.
    expect(after?.ordinals[0]).toBe(before?.ordinals[0]);
    expect(after?.ordinals).toHaveLength(4);
  });
});
