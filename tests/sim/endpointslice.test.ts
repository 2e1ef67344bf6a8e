import { describe, expect, it } from 'vitest';
import { KIND_INFO, createCluster, restoreCluster } from '../../src/sim/index.ts';
import type { Cluster, EndpointSlice } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { dbCluster, must, pods } from './helpers.ts';

function slices(c: Cluster, service = 'db-service'): EndpointSlice[] {
  return must(
    c.list('EndpointSlice', {
      namespace: 'default',
      labelSelector: `kubernetes.io/service-name=${service}`,
    }),
  );
}

describe('EndpointSlices (discovery.k8s.io/v1)', () => {
  it('is a served kind', () => {
    expect(KIND_INFO.EndpointSlice).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      group: 'discovery.k8s.io',
      resource: 'endpointslices',
      namespaced: true,
    });
  });

  it('lists every Ready pod of a headless Service with hostname, node, targetRef and ports', () => {
    const c = dbCluster();
    const svc = must(c.get('Service', 'default', 'db-service'));
    const [slice, ...rest] = slices(c);
    expect(rest).toEqual([]);
    if (slice === undefined) throw new Error('no slice');
    expect(slice.metadata.name).toMatch(/^db-service-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.generateName).toBe('db-service-');
    expect(slice.metadata.labels).toEqual({
      app: 'database',
      'kubernetes.io/service-name': 'db-service',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'service.kubernetes.io/headless': '',
    });
    expect(slice.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'db-service',
        uid: svc.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-/);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'mysql', port: 3306, protocol: 'TCP' }]);
    const byName = new Map(pods(c).map((p) => [p.metadata.name, p]));
    expect(slice.endpoints.map((e) => e.hostname).sort()).toEqual([
      'db-cluster-0',
      'db-cluster-1',
      'db-cluster-2',
    ]);
    for (const ep of slice.endpoints) {
      const pod = byName.get(ep.targetRef?.name ?? '');
      expect(ep).toEqual({
        addresses: [pod?.status?.podIP],
        conditions: { ready: true, serving: true, terminating: false },
        hostname: pod?.metadata.name,
        targetRef: {
          kind: 'Pod',
          namespace: 'default',
          name: pod?.metadata.name,
          uid: pod?.metadata.uid,
        },
        nodeName: pod?.spec.nodeName,
      });
    }
  });

  it('does not draw from the seeded generator: pod uids and timings as before slices existed', () => {
    // Figures from the simulator before EndpointSlices were added (same seed, same input).
    const c = dbCluster();
    expect(slices(c)).toHaveLength(1);
    expect(pods(c).map((p) => p.metadata.uid)).toEqual([
      'c2bb5bed-3563-4286-8976-02824aea265c',
      '602ea25b-7785-4eee-8ba0-a075cb5406b4',
      'ceaa7d47-06d9-42d1-8e47-a47e531cd5e9',
    ]);
    expect(c.now()).toBe(34_875);
  });

  it('marks a not-ready pod ready=false serving=false, and a terminating pod terminating=true', () => {
    const c = dbCluster({
      template: {
        metadata: { labels: { app: 'database' } },
        spec: {
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: 'database',
              image: 'my-database-image:latest',
              ports: [{ containerPort: 3306, name: 'mysql' }],
              readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 1 },
              volumeMounts: [{ name: 'data-volume', mountPath: '/var/lib/database' }],
            },
          ],
        },
      },
    });
    c.injectFault({ kind: 'readiness', pod: 'db-cluster-1' });
    c.advance(10_000);
    const ep1 = slices(c)[0]?.endpoints.find((e) => e.targetRef?.name === 'db-cluster-1');
    expect(ep1?.conditions).toEqual({ ready: false, serving: false, terminating: false });
    must(c.delete('Pod', 'default', 'db-cluster-2'));
    c.advance(2_000);
    const ep2 = slices(c)[0]?.endpoints.find((e) => e.targetRef?.name === 'db-cluster-2');
    // Still running its grace period: serving (Ready) but not ready, because terminating.
    expect(ep2?.conditions?.terminating).toBe(true);
    expect(ep2?.conditions?.ready).toBe(false);
  });

  it('keeps an empty placeholder slice for a Service with no pods, and goes with the Service', () => {
    const c = createCluster({ seed: 1 });
    c.apply([dbService()]);
    c.runUntilIdle();
    const [slice] = slices(c);
    expect(slice?.endpoints).toEqual([]);
    must(c.delete('Service', 'default', 'db-service'));
    c.runUntilIdle();
    expect(slices(c)).toEqual([]);
  });

  it('splits more than 100 endpoints into several slices, stable across snapshot/restore', () => {
    const c = createCluster({ seed: 1, nodes: 3 });
    c.apply([dbService(), dbStatefulSet({ replicas: 150, podManagementPolicy: 'Parallel' })]);
    c.runUntilIdle(3_600_000);
    const s = slices(c);
    expect(s.map((x) => x.endpoints.length).sort((a, b) => a - b)).toEqual([50, 100]);
    const names = s.map((x) => x.metadata.name);
    expect(new Set(names).size).toBe(2);
    const snap = c.snapshot();
    const r = restoreCluster(JSON.parse(JSON.stringify(snap)) as typeof snap);
    must(r.patch('StatefulSet', 'default', 'db-cluster', { spec: { replicas: 90 } }));
    r.runUntilIdle(3_600_000);
    const after = slices(r);
    expect(after.map((x) => x.endpoints.length)).toEqual([90]);
    expect(names).toContain(after[0]?.metadata.name);
  });
});
