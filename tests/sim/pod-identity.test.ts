import { describe, expect, it } from 'vitest';
import { isRunningAndReady } from '../../src/sim/index.ts';
import { claims, dbCluster, must, podStatus } from './helpers.ts';

describe('deleting a pod of db-cluster', () => {
  it('recreates it with the same name, hostname and PVC but a new uid, after the old one is gone', () => {
    const c = dbCluster();
    const before = must(c.get('Pod', 'default', 'db-cluster-1'));
    const claimBefore = claims(c).find((p) => p.metadata.name === 'data-volume-db-cluster-1');
    const seen: string[] = [];
    c.watch((ev) => {
      if (ev.object.kind === 'Pod' && ev.object.metadata.name === 'db-cluster-1') {
        seen.push(
          `${ev.type} ${ev.object.metadata.uid === before.metadata.uid ? 'old' : 'new'} ${podStatus(ev.object as never)}`,
        );
      }
    });
    const res = must(c.delete('Pod', 'default', 'db-cluster-1'));
    expect(res.metadata.deletionTimestamp).toBe(
      '2026-01-01T00:' +
        new Date(Date.UTC(2026, 0, 1) + c.now() + 30_000).toISOString().slice(14, 19) +
        'Z',
    );
    expect(res.metadata.deletionGracePeriodSeconds).toBe(30);
    c.runUntilIdle();
    const after = must(c.get('Pod', 'default', 'db-cluster-1'));
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.spec.hostname).toBe('db-cluster-1');
    expect(after.spec.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe(
      'data-volume-db-cluster-1',
    );
    expect(isRunningAndReady(after)).toBe(true);
    const claimAfter = claims(c).find((p) => p.metadata.name === 'data-volume-db-cluster-1');
    expect(claimAfter?.metadata.uid).toBe(claimBefore?.metadata.uid);
    expect(claimAfter?.spec.volumeName).toBe(claimBefore?.spec.volumeName);
    // The old object goes Terminating → Completed → gone; only then is the new one ADDED.
    expect(seen[0]).toBe('MODIFIED old Terminating');
    const firstNew = seen.findIndex((s) => s.includes(' new '));
    expect(seen.slice(0, firstNew).at(-1)).toBe('DELETED old Completed');
    expect(seen.slice(firstNew)).toEqual([
      'ADDED new Pending',
      'MODIFIED new Pending',
      'MODIFIED new ContainerCreating',
      'MODIFIED new Running',
    ]);
    // Same node (the local volume pins it) and the image is already there: pulled from cache.
    expect(after.spec.nodeName).toBe(before.spec.nodeName);
    const pulled = c
      .events({ kind: 'Pod', name: 'db-cluster-1' })
      .filter((e) => e.reason === 'Pulled' && e.involvedObject.uid === after.metadata.uid);
    expect(pulled).toHaveLength(1);
  });

  it('keeps OrderedReady ordering when all pods are deleted at once', () => {
    const c = dbCluster();
    for (const n of ['db-cluster-0', 'db-cluster-1', 'db-cluster-2'])
      must(c.delete('Pod', 'default', n));
    const created: string[] = [];
    c.watch((ev) => {
      if (ev.type === 'ADDED' && ev.object.kind === 'Pod') created.push(ev.object.metadata.name);
    });
    c.runUntilIdle();
    expect(created).toEqual(['db-cluster-0', 'db-cluster-1', 'db-cluster-2']);
  });

  it('returns NotFound as a Status for a pod that does not exist', () => {
    const c = dbCluster();
    const res = c.delete('Pod', 'default', 'db-cluster-9');
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.status.reason).toBe('NotFound');
      expect(res.status.code).toBe(404);
      expect(res.status.message).toBe('pods "db-cluster-9" not found');
    }
    const sts = c.get('StatefulSet', 'default', 'web');
    expect(sts.ok ? '' : sts.status.message).toBe('statefulsets.apps "web" not found');
  });
});
