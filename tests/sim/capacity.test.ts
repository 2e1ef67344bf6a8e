import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import type { Pod } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { must } from './helpers.ts';

function pod(name: string, cpu: string, memory = '64Mi'): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu, memory } } }],
    },
  };
}

describe('scheduling with node capacity (NodeResourcesFit)', () => {
  it('keeps a pod that fits nowhere Pending, with the scheduler’s counted reasons', () => {
    const c = createCluster({ seed: 1, nodeResources: { cpu: '2', memory: '4Gi' } });
    must(c.create(pod('big', '3')));
    c.runUntilIdle();
    const p = must(c.get('Pod', 'default', 'big'));
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.qosClass).toBe('Burstable');
    const failed = c.events({ name: 'big' }).find((e) => e.reason === 'FailedScheduling');
    expect(failed?.type).toBe('Warning');
    expect(failed?.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
    // The same verdict is on the pod: PodScheduled False, Unschedulable, the event's message.
    expect(p.status?.conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: failed?.message,
        lastProbeTime: null,
        lastTransitionTime: expect.any(String) as string,
      },
    ]);
  });

  it('turns PodScheduled True when a waiting pod is bound at last', () => {
    const c = createCluster({ seed: 1, nodes: 2, nodeResources: { cpu: '2100m' } });
    for (const name of ['a', 'b', 'c']) must(c.create(pod(name, '2')));
    c.runUntilIdle();
    const waiting = ['a', 'b', 'c'].find(
      (n) => must(c.get('Pod', 'default', n)).spec.nodeName === undefined,
    );
    const conditionOf = (name: string) =>
      must(c.get('Pod', 'default', name)).status?.conditions?.find(
        (x) => x.type === 'PodScheduled',
      );
    expect(conditionOf(waiting ?? '')?.status).toBe('False');
    const bound = ['a', 'b', 'c'].find((n) => n !== waiting) ?? '';
    must(c.delete('Pod', 'default', bound));
    c.runUntilIdle();
    const after = conditionOf(waiting ?? '');
    expect(after?.status).toBe('True');
    expect(after?.reason).toBeUndefined();
  });

  it('counts every resource a node lacks', () => {
    const c = createCluster({ seed: 1, nodes: 2, nodeResources: { cpu: '1', memory: '1Gi' } });
    must(c.create(pod('huge', '2', '2Gi')));
    c.runUntilIdle();
    const failed = c.events({ name: 'huge' }).find((e) => e.reason === 'FailedScheduling');
    expect(failed?.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu, 2 Insufficient memory. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('fills nodes up to their allocatable, and schedules a waiting pod when one leaves', () => {
    // kindnet requests 100m on every node (kube-proxy nothing): 2100m leaves room for two 1-cpu pods.
    const c = createCluster({ seed: 1, nodes: 2, nodeResources: { cpu: '2100m' } });
    for (const name of ['a', 'b', 'c', 'd', 'e']) must(c.create(pod(name, '1')));
    c.runUntilIdle();
    const placed = (name: string): string | undefined =>
      must(c.get('Pod', 'default', name)).spec.nodeName;
    const bound = ['a', 'b', 'c', 'd', 'e'].filter((n) => placed(n) !== undefined);
    expect(bound).toHaveLength(4);
    const waiting = ['a', 'b', 'c', 'd', 'e'].find((n) => placed(n) === undefined) ?? '';
    const perNode = new Map<string, number>();
    for (const n of bound) perNode.set(placed(n) ?? '', (perNode.get(placed(n) ?? '') ?? 0) + 1);
    expect([...perNode.values()]).toEqual([2, 2]);
    must(c.delete('Pod', 'default', bound[0] ?? ''));
    c.runUntilIdle();
    expect(placed(waiting)).toBeDefined();
    expect(must(c.get('Pod', 'default', waiting)).status?.phase).toBe('Running');
  });

  it('limits pods per node', () => {
    // kindnet and kube-proxy take two of the four pod slots of the worker.
    const c = createCluster({ seed: 1, nodes: 1, nodeResources: { pods: '4' } });
    for (const name of ['a', 'b', 'c']) must(c.create(pod(name, '10m')));
    c.runUntilIdle();
    const pods: Pod[] = must(c.list('Pod', { namespace: 'default' }));
    expect(pods.filter((p) => p.spec.nodeName !== undefined)).toHaveLength(2);
    const failed = c.events().find((e) => e.reason === 'FailedScheduling');
    expect(failed?.message).toBe(
      '0/2 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });

  it('counts pods waiting for their volumes against the node they were assumed on', () => {
    const c = createCluster({ seed: 1, nodes: 2, nodeResources: { pods: '4' } });
    c.apply([dbService(), dbStatefulSet({ replicas: 5, podManagementPolicy: 'Parallel' })]);
    c.runUntilIdle();
    const pods: Pod[] = must(c.list('Pod', { namespace: 'default' }));
    const perNode = new Map<string, number>();
    for (const p of pods)
      if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    expect([...perNode.values()]).toEqual([2, 2]);
    expect(pods.filter((p) => p.status?.phase === 'Running')).toHaveLength(4);
    const pending = pods.find((p) => !p.spec.nodeName);
    expect(
      c
        .events({ name: pending?.metadata.name ?? '' })
        .some((e) => e.message.includes('Too many pods')),
    ).toBe(true);
  });
});
