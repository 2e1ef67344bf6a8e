import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/sim/index.ts';
import type { Cluster } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { must } from './helpers.ts';

function inNs(obj: Record<string, unknown>, ns: string): Record<string, unknown> {
  const meta = obj['metadata'] as Record<string, unknown>;
  return { ...obj, metadata: { ...meta, namespace: ns } };
}

function labCluster(): Cluster {
  const c = createCluster({ seed: 1 });
  must(c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } }));
  for (const r of c.apply([inNs(dbService(), 'lab'), inNs(dbStatefulSet(), 'lab')]))
    if (!r.ok) throw new Error(r.status.message);
  c.runUntilIdle();
  return c;
}

function count(c: Cluster, ns: string): number {
  let n = 0;
  for (const kind of [
    'Pod',
    'Service',
    'Endpoints',
    'EndpointSlice',
    'StatefulSet',
    'ControllerRevision',
    'PersistentVolumeClaim',
  ] as const)
    n += must(c.list(kind, { namespace: ns })).length;
  return n;
}

describe('namespace deletion', () => {
  it('goes Terminating, refuses new content, empties itself, then disappears', () => {
    const c = labCluster();
    expect(must(c.list('Pod', { namespace: 'lab' }))).toHaveLength(3);
    const res = must(c.delete('Namespace', undefined, 'lab'));
    expect(res.metadata.deletionTimestamp).toBeDefined();
    const ns = must(c.get('Namespace', undefined, 'lab'));
    expect(ns.status?.phase).toBe('Terminating');
    expect(ns.spec?.finalizers).toEqual(['kubernetes']);
    const pvc = c.create(
      inNs(
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'late' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
        'lab',
      ),
    );
    expect(pvc.ok ? '' : pvc.status.message).toBe(
      'persistentvolumeclaims "late" is forbidden: unable to create new content in namespace lab because it is being terminated',
    );
    // Until its content is gone (pods through their graceful termination) it stays.
    let sawTerminating = 0;
    const sub = c.watch(
      (ev) => {
        if (ev.type === 'DELETED' && ev.object.kind === 'Pod')
          sawTerminating += c.get('Namespace', undefined, 'lab').ok ? 1 : 0;
      },
      { namespace: 'lab' },
    );
    c.runUntilIdle();
    sub.dispose();
    expect(sawTerminating).toBe(3);
    expect(
      c.trace({}).some((t) => t.message.startsWith('namespace lab is terminating: waiting for')),
    ).toBe(true);
    expect(c.trace({}).at(-1)?.message).toBe(
      'namespace lab is empty: removed finalizer kubernetes',
    );
    expect(c.get('Namespace', undefined, 'lab').ok).toBe(false);
    expect(count(c, 'lab')).toBe(0);
    expect(must(c.list('Event', { namespace: 'lab' }))).toEqual([]);
    // Reclaim policy Delete: the provisioned volumes went with their claims.
    expect(must(c.list('PersistentVolume'))).toEqual([]);
    // Other namespaces are untouched.
    expect(c.get('Service', 'default', 'kubernetes').ok).toBe(true);
  });

  it('a second delete while terminating changes nothing; restore continues the deletion', () => {
    const c = labCluster();
    must(c.delete('Namespace', undefined, 'lab'));
    const first = must(c.get('Namespace', undefined, 'lab'));
    const again = must(c.delete('Namespace', undefined, 'lab'));
    expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    c.advance(3_000);
    const snap = c.snapshot();
    const r = restoreCluster(JSON.parse(JSON.stringify(snap)) as typeof snap);
    r.runUntilIdle();
    c.runUntilIdle();
    expect(r.get('Namespace', undefined, 'lab').ok).toBe(false);
    expect(r.snapshot()).toEqual(c.snapshot());
  });

  it('reports the deletion conditions while content remains (status_condition_utils.go)', () => {
    const c = labCluster();
    must(c.delete('Namespace', undefined, 'lab'));
    // The first pass deletes everything; pods terminate gracefully, claims wait for them.
    c.advance(1_000);
    const conditions = (): Record<string, string> =>
      Object.fromEntries(
        (must(c.get('Namespace', undefined, 'lab')).status?.conditions ?? []).map((x) => [
          x.type,
          `${x.status} ${x.reason ?? ''}: ${x.message ?? ''}`,
        ]),
      );
    expect(conditions()).toEqual({
      NamespaceDeletionDiscoveryFailure:
        'False ResourcesDiscovered: All resources successfully discovered',
      NamespaceDeletionGroupVersionParsingFailure:
        'False ParsedGroupVersions: All legacy kube types successfully parsed',
      NamespaceDeletionContentFailure:
        'False ContentDeleted: All content successfully deleted, may be waiting on finalization',
      NamespaceContentRemaining:
        'True SomeResourcesRemain: Some resources are remaining: persistentvolumeclaims. has 3 resource instances, pods. has 3 resource instances',
      NamespaceFinalizersRemaining:
        'True SomeFinalizerRemain: Some finalizers are remaining: kubernetes.io/pvc-protection in 3 resource instances',
    });
    const types = (must(c.get('Namespace', undefined, 'lab')).status?.conditions ?? []).map(
      (x) => x.type,
    );
    expect(types).toEqual([
      'NamespaceDeletionDiscoveryFailure',
      'NamespaceDeletionGroupVersionParsingFailure',
      'NamespaceDeletionContentFailure',
      'NamespaceContentRemaining',
      'NamespaceFinalizersRemaining',
    ]);
    // Once the pods are gone only the claims' finalizers hold; the conditions follow, and when
    // nothing is left the "ok" variants are written just before the Namespace goes.
    const seen: string[] = [];
    const sub = c.watch(
      (ev) => {
        const conds =
          (
            ev.object as {
              status?: { conditions?: { type: string; status: string; message?: string }[] };
            }
          ).status?.conditions ?? [];
        const remaining = conds.find((x) => x.type === 'NamespaceContentRemaining');
        if (remaining !== undefined) seen.push(`${remaining.status} ${remaining.message ?? ''}`);
      },
      { kind: 'Namespace' },
    );
    c.runUntilIdle();
    sub.dispose();
    expect(seen.at(-1)).toBe('False All content successfully removed');
    expect(c.get('Namespace', undefined, 'lab').ok).toBe(false);
  });

  it('refuses to delete the immortal namespaces', () => {
    const c = createCluster({ seed: 1 });
    const res = c.delete('Namespace', undefined, 'default');
    expect(res.ok ? undefined : res.status).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'namespaces "default" is forbidden: this namespace may not be deleted',
    });
    expect(c.delete('Namespace', undefined, 'kube-system').ok).toBe(false);
  });
});
