import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { must } from './helpers.ts';

describe('a fresh cluster', () => {
  const c = createCluster({ seed: 1 });

  it('looks like a kind cluster that has been up for 10 days', () => {
    const nodes = must(c.list('Node'));
    expect(nodes.map((n) => n.metadata.name)).toEqual([
      'kind-control-plane',
      'kind-worker',
      'kind-worker2',
      'kind-worker3',
    ]);
    expect(nodes[0]?.spec.taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
    expect(nodes[1]?.spec.podCIDR).toBe('10.244.1.0/24');
    expect(nodes.every((n) => n.metadata.creationTimestamp === '2025-12-22T00:00:00Z')).toBe(true);
    expect(must(c.list('Namespace')).map((n) => n.metadata.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
      'local-path-storage',
    ]);
    expect(c.now()).toBe(0);
    expect(c.pendingTasks()).toBe(0);
  });

  it('has the default StorageClass standard (local-path, WaitForFirstConsumer, Delete)', () => {
    const sc = must(c.get('StorageClass', undefined, 'standard'));
    expect(sc.provisioner).toBe('rancher.io/local-path');
    expect(sc.volumeBindingMode).toBe('WaitForFirstConsumer');
    expect(sc.reclaimPolicy).toBe('Delete');
    expect(sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true');
  });

  it('serves the kubernetes Service and its endpoints', () => {
    const svc = must(c.get('Service', 'default', 'kubernetes'));
    expect(svc.spec.clusterIP).toBe('10.96.0.1');
    expect(must(c.get('Endpoints', 'default', 'kubernetes')).subsets?.[0]?.addresses?.[0]?.ip).toBe(
      '172.18.0.2',
    );
  });

  it('takes a worker count and can start without a default StorageClass', () => {
    const small = createCluster({ nodes: 1, defaultStorageClass: false });
    expect(must(small.list('Node')).map((n) => n.metadata.name)).toEqual([
      'kind-control-plane',
      'kind-worker',
    ]);
    expect(must(small.list('StorageClass'))).toEqual([]);
  });
});
