/**
 * §1.4.4.1 and §1.4.4.3 of the behaviour reference (k8s-semantics.md), through the public API:
 *
 * - a set pod whose phase is Failed (or Succeeded) is deleted and re-created once gone. The
 *   realistic way to a Failed set pod is upstream's conformance test "Should recreate evicted
 *   statefulset" (kubernetes/kubernetes test/e2e/apps/statefulset.go): a plain pod holds a host
 *   port on a node, a StatefulSet pinned to the same node (`nodeName`, so no scheduler) wants the
 *   same host port, the kubelet rejects the set pod at admission (NodePorts), the controller
 *   deletes and re-creates it, and once the blocking pod is deleted the set pod runs;
 * - a Pending set pod's missing claims are re-created (processReplica's isPending branch calls
 *   createMissingPersistentVolumeClaims).
 */
import { describe, expect, it } from 'vitest';
import { podStatusCells } from '../../src/kubectl/printers/columns.ts';
import { createCluster, isRunningAndReady } from '../../src/sim/index.ts';
import type { Cluster, Pod, WatchEvent } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { claims, dbCluster, must, pods } from './helpers.ts';

const NODE = 'kind-worker';
const PORT = 21017;
const REJECTED =
  "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports";

/** The conformance test's container: a web server with the conflicting host port. */
function webserver(): Record<string, unknown> {
  return {
    name: 'webserver',
    image: 'registry.k8s.io/nginx-slim:0.27',
    ports: [{ containerPort: PORT, hostPort: PORT, name: 'conflict' }],
  };
}

/** What a watch saw of one pod name, in order (STATUS as `kubectl get pods` prints it). */
interface Seen {
  readonly uid: string;
  readonly type: WatchEvent['type'];
  readonly terminating: boolean;
  readonly phase: string | undefined;
  readonly reason: string | undefined;
  readonly message: string | undefined;
  readonly status: string;
}

function watchPod(c: Cluster, name: string): Seen[] {
  const seen: Seen[] = [];
  c.watch(
    (ev) => {
      const pod = ev.object as Pod;
      if (pod.metadata.name !== name) return;
      seen.push({
        uid: pod.metadata.uid ?? '',
        type: ev.type,
        terminating: pod.metadata.deletionTimestamp !== undefined,
        phase: pod.status?.phase,
        reason: pod.status?.reason,
        message: pod.status?.message,
        status: podStatusCells(pod, c.now()).status,
      });
    },
    { kind: 'Pod', namespace: 'default' },
  );
  return seen;
}

/** test-pod on kind-worker holding the host port, Running; then the StatefulSet ss. */
function conflictingCluster(): { c: Cluster; seen: Seen[] } {
  const c = createCluster({ seed: 3 });
  must(
    c.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'test-pod', namespace: 'default' },
      spec: { nodeName: NODE, containers: [webserver()] },
    }),
  );
  c.runUntilIdle();
  expect(must(c.get('Pod', 'default', 'test-pod')).status?.phase).toBe('Running');
  const seen = watchPod(c, 'ss-0');
  for (const r of c.apply([
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'test' },
      spec: { clusterIP: 'None', selector: { foo: 'bar', baz: 'blah' }, ports: [{ port: 80 }] },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'ss' },
      spec: {
        serviceName: 'test',
        replicas: 1,
        selector: { matchLabels: { foo: 'bar', baz: 'blah' } },
        template: {
          metadata: { labels: { foo: 'bar', baz: 'blah' } },
          spec: { nodeName: NODE, containers: [webserver()] },
        },
      },
    },
  ])) {
    if (!r.ok) throw new Error(r.status.message);
  }
  return { c, seen };
}

function uids(seen: readonly Seen[]): string[] {
  return [...new Set(seen.map((s) => s.uid))];
}

describe('§1.4.4.1 a Failed set pod is deleted and re-created (conformance: Should recreate evicted statefulset)', () => {
  it('the kubelet rejects ss-0 (NodePorts, STATUS NodePorts), the controller deletes and re-creates it; it runs once test-pod is gone', () => {
    const { c, seen } = conflictingCluster();
    c.advance(10_000);
    const [first = '', second = ''] = uids(seen);
    expect(first).not.toBe('');
    expect(second).not.toBe('');
    // The first ss-0: created Pending, rejected by kind-worker's kubelet, deleted by the controller.
    expect(seen.filter((s) => s.uid === first).map((s) => [s.type, s.phase, s.status])).toEqual([
      ['ADDED', 'Pending', 'Pending'],
      ['MODIFIED', 'Failed', 'NodePorts'],
      ['DELETED', 'Failed', 'NodePorts'],
    ]);
    const failed = seen.find((s) => s.uid === first && s.phase === 'Failed');
    expect(failed?.reason).toBe('NodePorts');
    expect(failed?.message).toBe(`Pod was rejected: ${REJECTED}`);
    // rejectPod: a Warning event from the kubelet with the predicate's name as the reason.
    const rejected = c.events({ kind: 'Pod', name: 'ss-0', uid: first });
    expect(
      rejected.map((e) => [e.type, e.reason, e.message, e.source?.component, e.source?.host]),
    ).toEqual([['Warning', 'NodePorts', REJECTED, 'kubelet', NODE]]);
    // The replacement (same name, new uid) is created only after the Failed object is gone.
    const gone = seen.findIndex((s) => s.uid === first && s.type === 'DELETED');
    const next = seen.findIndex((s) => s.uid === second && s.type === 'ADDED');
    expect(next).toBeGreaterThan(gone);
    // The controller's side: DeleteStatefulPod's event and the reason in the trace. 1.35 records
    // no RecreatingFailedPod event any more (processReplica only deletes).
    const setEvents = c.events({ kind: 'StatefulSet', name: 'ss' });
    expect(setEvents.map((e) => e.reason)).not.toContain('RecreatingFailedPod');
    expect(setEvents.find((e) => e.reason === 'SuccessfulDelete')?.message).toBe(
      'delete Pod ss-0 in StatefulSet ss successful',
    );
    expect(c.trace({ name: 'ss' }).map((t) => t.message)).toContain(
      'deleting ss-0: its phase is Failed; it will be recreated once it is gone',
    );
    // It keeps happening while test-pod holds the port: never a pod with a container.
    expect(uids(seen).length).toBeGreaterThan(2);
    expect(
      pods(c).find((p) => p.metadata.name === 'ss-0')?.status?.containerStatuses,
    ).toBeUndefined();

    must(c.delete('Pod', 'default', 'test-pod'));
    c.runUntilIdle();
    const ss0 = must(c.get('Pod', 'default', 'ss-0'));
    expect(isRunningAndReady(ss0)).toBe(true);
    expect(ss0.spec.nodeName).toBe(NODE);
    expect(ss0.metadata.uid).not.toBe(first);
    expect(podStatusCells(ss0, c.now()).status).toBe('Running');
    expect(must(c.get('StatefulSet', 'default', 'ss')).status?.readyReplicas).toBe(1);
  });

  it('without nodeName the scheduler keeps set pods off the node whose host port is taken (NodePorts filter)', () => {
    const { c } = conflictingCluster();
    must(c.delete('StatefulSet', 'default', 'ss', { propagationPolicy: 'Background' }));
    c.runUntilIdle();
    for (const r of c.apply([
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'web' },
        spec: {
          serviceName: 'test',
          replicas: 3,
          podManagementPolicy: 'Parallel',
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [webserver()] },
          },
        },
      },
    ])) {
      if (!r.ok) throw new Error(r.status.message);
    }
    c.runUntilIdle();
    const web = pods(c).filter((p) => p.metadata.name.startsWith('web-'));
    const placed = web.filter((p) => p.spec.nodeName !== undefined);
    // kind-worker has test-pod's port and the control plane is tainted: two workers are left.
    expect(placed.map((p) => p.spec.nodeName).sort()).toEqual(['kind-worker2', 'kind-worker3']);
    expect(placed.every(isRunningAndReady)).toBe(true);
    const waiting = web.find((p) => p.spec.nodeName === undefined);
    expect(waiting?.status?.phase).toBe('Pending');
    const failed = c
      .events({ kind: 'Pod', name: waiting?.metadata.name ?? '' })
      .filter((e) => e.reason === 'FailedScheduling');
    expect(failed.at(-1)?.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't have free ports for the requested pod ports. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
    // The port is freed: the scheduler retries and the last pod lands on kind-worker.
    must(c.delete('Pod', 'default', 'test-pod'));
    c.runUntilIdle();
    const after = must(c.get('Pod', 'default', waiting?.metadata.name ?? ''));
    expect(after.spec.nodeName).toBe(NODE);
    expect(isRunningAndReady(after)).toBe(true);
  });

  it('Succeeded is reached only by a pod already being deleted: the controller deletes nothing more and re-creates it once gone', () => {
    // A set pod's restartPolicy must be Always, so a container that exits is restarted and the
    // pod never goes Succeeded on its own. Since 1.27 the kubelet gives a deleted pod a terminal
    // phase: a container that stops with 0 on SIGTERM makes the terminating pod Succeeded.
    const c = dbCluster();
    const before = must(c.get('Pod', 'default', 'db-cluster-1'));
    const seen = watchPod(c, 'db-cluster-1');
    must(c.delete('Pod', 'default', 'db-cluster-1'));
    c.runUntilIdle();
    const old = seen.filter((s) => s.uid === before.metadata.uid);
    const succeeded = old.findIndex((s) => s.phase === 'Succeeded' && s.type === 'MODIFIED');
    expect(succeeded).toBeGreaterThanOrEqual(0);
    expect(old[succeeded]?.terminating).toBe(true);
    // The controller saw a Succeeded pod that is already terminating: no second delete.
    const setEvents = c.events({ kind: 'StatefulSet', name: 'db-cluster' });
    expect(setEvents.map((e) => e.message)).not.toContain(
      'delete Pod db-cluster-1 in StatefulSet db-cluster successful',
    );
    expect(c.trace({ name: 'db-cluster' }).map((t) => t.message)).not.toContain(
      'deleting db-cluster-1: its phase is Succeeded; it will be recreated once it is gone',
    );
    // Same name, new uid, created after the old object was removed; same claim.
    const gone = seen.findIndex((s) => s.uid === before.metadata.uid && s.type === 'DELETED');
    const [, replacement] = uids(seen);
    expect(replacement).toBeDefined();
    expect(seen.findIndex((s) => s.uid === replacement && s.type === 'ADDED')).toBeGreaterThan(
      gone,
    );
    const now = must(c.get('Pod', 'default', 'db-cluster-1'));
    expect(now.metadata.uid).toBe(replacement);
    expect(isRunningAndReady(now)).toBe(true);
    expect(
      now.spec.volumes?.find((v) => v.name === 'data-volume')?.persistentVolumeClaim?.claimName,
    ).toBe('data-volume-db-cluster-1');
  });
});

describe('§1.4.4.3 a Pending set pod gets its missing claims back', () => {
  it('claim deleted (finalizer removed) while db-cluster-0 is Pending: re-created with the same name and a new uid', () => {
    // db-cluster-0 is scheduled but stays Pending (its image cannot be pulled), so its claim is
    // in use: pvc-protection keeps the deleted claim until the finalizer is removed by hand.
    const c = createCluster({ seed: 1 });
    c.injectFault({ kind: 'image-pull', image: 'my-database-image:latest' });
    for (const r of c.apply([dbService(), dbStatefulSet()]))
      if (!r.ok) throw new Error(r.status.message);
    c.advance(30_000);
    const pod = must(c.get('Pod', 'default', 'db-cluster-0'));
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.spec.nodeName).toBeDefined();
    expect(pods(c).map((p) => p.metadata.name)).toEqual(['db-cluster-0']);
    const claim = 'data-volume-db-cluster-0';
    const old = must(c.get('PersistentVolumeClaim', 'default', claim));

    must(c.delete('PersistentVolumeClaim', 'default', claim));
    c.advance(5_000);
    // Still there (Terminating): pvc-protection waits for the scheduled pod that mounts it.
    const terminating = must(c.get('PersistentVolumeClaim', 'default', claim));
    expect(terminating.metadata.uid).toBe(old.metadata.uid);
    expect(terminating.metadata.deletionTimestamp).toBeDefined();

    must(c.patch('PersistentVolumeClaim', 'default', claim, { metadata: { finalizers: null } }));
    c.advance(5_000);
    const fresh = must(c.get('PersistentVolumeClaim', 'default', claim));
    expect(fresh.metadata.uid).not.toBe(old.metadata.uid);
    expect(fresh.metadata.deletionTimestamp).toBeUndefined();
    expect(fresh.metadata.labels).toEqual(old.metadata.labels);
    expect(claims(c).map((p) => p.metadata.name)).toEqual([claim]);
    // The pod was not touched: same uid, still Pending.
    expect(must(c.get('Pod', 'default', 'db-cluster-0')).metadata.uid).toBe(pod.metadata.uid);
    // recordClaimEvent: the same "create Claim" event as the first time, now counted twice.
    const created = c
      .events({ kind: 'StatefulSet', name: 'db-cluster' })
      .filter(
        (e) =>
          e.message === `create Claim ${claim} Pod db-cluster-0 in StatefulSet db-cluster success`,
      );
    expect(created.map((e) => [e.type, e.reason, e.count])).toEqual([
      ['Normal', 'SuccessfulCreate', 2],
    ]);
    expect(c.trace({ name: 'db-cluster' }).map((t) => t.message)).toContain(
      `re-created missing PVC ${claim} for Pending pod db-cluster-0`,
    );
  });
});
