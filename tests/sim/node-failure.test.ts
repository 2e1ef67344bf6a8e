import { describe, expect, it } from 'vitest';
import { isRunningAndReady } from '../../src/sim/index.ts';
import { dbCluster, dbSet, must, podStatus, pods } from './helpers.ts';

describe('a node goes down under db-cluster-1', () => {
  it('marks the node Unknown, evicts after 300 s, never replaces the pod until it is force-deleted', () => {
    const c = dbCluster();
    const victim = must(c.get('Pod', 'default', 'db-cluster-1'));
    const node = victim.spec.nodeName ?? '';
    c.injectFault({ kind: 'node-down', node });

    c.advance(60_000);
    const n = must(c.get('Node', undefined, node));
    expect(n.status.conditions.find((x) => x.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(n.spec.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
    ]);
    expect(isRunningAndReady(must(c.get('Pod', 'default', 'db-cluster-1')))).toBe(false);
    expect(dbSet(c).status?.readyReplicas).toBe(2);
    expect(c.resolveDns('db-cluster-1.db-service').ok).toBe(false);

    c.advance(300_000);
    const evicted = must(c.get('Pod', 'default', 'db-cluster-1'));
    expect(evicted.metadata.uid).toBe(victim.metadata.uid);
    expect(podStatus(evicted)).toBe('Terminating');
    expect(c.events({ kind: 'Pod', name: 'db-cluster-1' }).map((e) => e.reason)).toContain(
      'TaintManagerEviction',
    );
    c.runUntilIdle();
    expect(must(c.get('Pod', 'default', 'db-cluster-1')).metadata.uid).toBe(victim.metadata.uid);
    expect(c.trace({ name: 'db-cluster' }).at(-1)?.message).toBe(
      "waiting for db-cluster-1 to terminate: a pod's name is reused only after the old object is gone (OrderedReady)",
    );

    // Force delete: the replacement cannot go anywhere else, its local volume lives on the dead node.
    must(c.delete('Pod', 'default', 'db-cluster-1', { gracePeriodSeconds: 0 }));
    c.runUntilIdle();
    const replacement = must(c.get('Pod', 'default', 'db-cluster-1'));
    expect(replacement.metadata.uid).not.toBe(victim.metadata.uid);
    expect(replacement.spec.nodeName).toBeUndefined();
    const failed = c
      .events({ kind: 'Pod', name: 'db-cluster-1' })
      .filter((e) => e.reason === 'FailedScheduling')
      .at(-1);
    expect(failed?.message).toBe(
      '0/4 nodes are available: 2 node(s) had untolerated taint(s), 2 node(s) had volume node affinity conflict. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );

    // The node comes back: the pod is scheduled there and the set is whole again.
    c.clearFault({ kind: 'node-down', node });
    c.runUntilIdle();
    expect(pods(c).every(isRunningAndReady)).toBe(true);
    expect(must(c.get('Pod', 'default', 'db-cluster-1')).spec.nodeName).toBe(node);
    expect(dbSet(c).status?.readyReplicas).toBe(3);
  });

  it('finishes the deletion of pods stuck Terminating when the node returns', () => {
    const c = dbCluster();
    const victim = must(c.get('Pod', 'default', 'db-cluster-2'));
    const node = victim.spec.nodeName ?? '';
    c.injectFault({ kind: 'node-down', node });
    must(c.delete('Pod', 'default', 'db-cluster-2'));
    c.runUntilIdle();
    expect(must(c.get('Pod', 'default', 'db-cluster-2')).metadata.uid).toBe(victim.metadata.uid);
    c.clearFault({ kind: 'node-down', node });
    c.runUntilIdle();
    const back = must(c.get('Pod', 'default', 'db-cluster-2'));
    expect(back.metadata.uid).not.toBe(victim.metadata.uid);
    expect(isRunningAndReady(back)).toBe(true);
  });
});
