import { describe, expect, it } from 'vitest';
import { isRunningAndReady } from '../../src/sim/index.ts';
import type { Pod } from '../../src/sim/index.ts';
import { dbCluster, dbSet, must, patchSet, pods } from './helpers.ts';

const newImage = {
  spec: {
    template: {
      spec: {
        containers: [
          {
            name: 'database',
            image: 'my-database-image:v2',
            ports: [{ containerPort: 3306, name: 'mysql' }],
            volumeMounts: [{ name: 'data-volume', mountPath: '/var/lib/database' }],
          },
        ],
      },
    },
  },
};

function revisionOf(p: Pod): string {
  return p.metadata.labels?.['controller-revision-hash'] ?? '';
}

describe('RollingUpdate', () => {
  it('replaces pods in reverse ordinal order, one at a time, each after the previous replacement is Ready', () => {
    const c = dbCluster();
    const oldRevision = dbSet(c).status?.currentRevision ?? '';
    const order: { name: string; othersReady: boolean }[] = [];
    c.watch((ev) => {
      if (
        ev.type === 'MODIFIED' &&
        ev.object.kind === 'Pod' &&
        ev.object.metadata.deletionTimestamp &&
        !ev.oldObject?.metadata.deletionTimestamp
      ) {
        const others = pods(c).filter((p) => p.metadata.name !== ev.object.metadata.name);
        order.push({
          name: ev.object.metadata.name,
          othersReady: others.length === 2 && others.every(isRunningAndReady),
        });
      }
    });
    patchSet(c, newImage);
    c.runUntilIdle();
    expect(order.map((o) => o.name)).toEqual(['db-cluster-2', 'db-cluster-1', 'db-cluster-0']);
    expect(order.every((o) => o.othersReady)).toBe(true);
    const set = dbSet(c);
    const newRevision = set.status?.updateRevision ?? '';
    expect(newRevision).not.toBe(oldRevision);
    expect(newRevision).toMatch(/^db-cluster-[4-9bcdf]{1,10}$/);
    expect(set.status?.currentRevision).toBe(newRevision);
    expect(set.status?.updatedReplicas).toBe(3);
    expect(pods(c).map(revisionOf)).toEqual([newRevision, newRevision, newRevision]);
    expect(pods(c).map((p) => p.spec.containers[0]?.image)).toEqual([
      'my-database-image:v2',
      'my-database-image:v2',
      'my-database-image:v2',
    ]);
    const revisions = must(c.list('ControllerRevision', { namespace: 'default' }));
    expect(revisions.map((r) => [r.metadata.name, r.revision]).sort()).toEqual(
      [
        [oldRevision, 1],
        [newRevision, 2],
      ].sort(),
    );
  });

  it('does not create a revision for a replicas-only change', () => {
    const c = dbCluster();
    patchSet(c, { spec: { replicas: 4 } });
    c.runUntilIdle();
    expect(must(c.list('ControllerRevision', { namespace: 'default' }))).toHaveLength(1);
  });

  it('rolling back to the old template re-uses the old ControllerRevision and renumbers it', () => {
    const c = dbCluster();
    const first = dbSet(c).status?.updateRevision ?? '';
    patchSet(c, newImage);
    c.runUntilIdle();
    const second = dbSet(c).status?.updateRevision ?? '';
    patchSet(c, {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'database',
                image: 'my-database-image:latest',
                ports: [{ containerPort: 3306, name: 'mysql' }],
                volumeMounts: [{ name: 'data-volume', mountPath: '/var/lib/database' }],
              },
            ],
          },
        },
      },
    });
    c.runUntilIdle();
    expect(dbSet(c).status?.updateRevision).toBe(first);
    const revisions = must(c.list('ControllerRevision', { namespace: 'default' }));
    expect(Object.fromEntries(revisions.map((r) => [r.metadata.name, r.revision]))).toEqual({
      [first]: 3,
      [second]: 2,
    });
  });

  it('with a partition, updates only ordinals at or above it and explains the pause', () => {
    const c = dbCluster({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
    });
    const oldRevision = dbSet(c).status?.currentRevision ?? '';
    patchSet(c, newImage);
    c.runUntilIdle();
    const set = dbSet(c);
    const newRevision = set.status?.updateRevision ?? '';
    expect(pods(c).map(revisionOf)).toEqual([oldRevision, oldRevision, newRevision]);
    expect(set.status?.currentRevision).toBe(oldRevision);
    expect(set.status?.currentReplicas).toBe(2);
    expect(set.status?.updatedReplicas).toBe(1);
    const trace = c.trace({ name: 'db-cluster' }).map((t) => t.message);
    expect(trace).toContain(
      `rolling update paused at partition 2: db-cluster-0, db-cluster-1 stay at revision ${oldRevision}`,
    );

    // A pod below the partition that is deleted comes back at the old revision.
    must(c.delete('Pod', 'default', 'db-cluster-0'));
    c.runUntilIdle();
    expect(revisionOf(must(c.get('Pod', 'default', 'db-cluster-0')))).toBe(oldRevision);

    // Lowering the partition resumes the rollout, highest ordinal first.
    const deleted: string[] = [];
    c.watch((ev) => {
      if (ev.type === 'DELETED' && ev.object.kind === 'Pod') deleted.push(ev.object.metadata.name);
    });
    patchSet(c, { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } });
    c.runUntilIdle();
    expect(deleted).toEqual(['db-cluster-1', 'db-cluster-0']);
    expect(pods(c).map(revisionOf)).toEqual([newRevision, newRevision, newRevision]);
    expect(dbSet(c).status?.currentRevision).toBe(newRevision);
  });
});

describe('OnDelete', () => {
  it('never replaces pods by itself; a deleted pod comes back at the new template', () => {
    const c = dbCluster({ updateStrategy: { type: 'OnDelete' } });
    const oldRevision = dbSet(c).status?.currentRevision ?? '';
    const uids = pods(c).map((p) => p.metadata.uid);
    patchSet(c, newImage);
    c.runUntilIdle();
    expect(pods(c).map((p) => p.metadata.uid)).toEqual(uids);
    const newRevision = dbSet(c).status?.updateRevision ?? '';
    expect(newRevision).not.toBe(oldRevision);
    expect(
      c
        .trace({ name: 'db-cluster' })
        .some((t) =>
          t.message.startsWith(
            'OnDelete: db-cluster-0, db-cluster-1, db-cluster-2 keep the old template',
          ),
        ),
    ).toBe(true);
    must(c.delete('Pod', 'default', 'db-cluster-1'));
    c.runUntilIdle();
    expect(pods(c).map(revisionOf)).toEqual([oldRevision, newRevision, oldRevision]);
    expect(must(c.get('Pod', 'default', 'db-cluster-1')).spec.containers[0]?.image).toBe(
      'my-database-image:v2',
    );
    expect(dbSet(c).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('kubectl patch flavours from the tutorial', () => {
  it('rejects switching to OnDelete with a strategic patch that keeps rollingUpdate, accepts it with rollingUpdate: null', () => {
    const c = dbCluster();
    const bad = c.patch('StatefulSet', 'default', 'db-cluster', {
      spec: { updateStrategy: { type: 'OnDelete' } },
    });
    expect(bad.ok ? '' : bad.status.message).toBe(
      'StatefulSet.apps "db-cluster" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":0,"MaxUnavailable":null}: only allowed for updateStrategy \'RollingUpdate\'',
    );
    const good = c.patch('StatefulSet', 'default', 'db-cluster', {
      spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: null } },
    });
    expect(good.ok).toBe(true);
    expect(dbSet(c).spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  it('rolls out a JSON patch of the image and a strategic patch of the partition', () => {
    const c = dbCluster();
    must(
      c.patch('StatefulSet', 'default', 'db-cluster', {
        spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } },
      }),
    );
    must(
      c.patch(
        'StatefulSet',
        'default',
        'db-cluster',
        [
          {
            op: 'replace',
            path: '/spec/template/spec/containers/0/image',
            value: 'my-database-image:v2',
          },
        ],
        'json',
      ),
    );
    c.runUntilIdle();
    expect(pods(c).map((p) => p.spec.containers[0]?.image)).toEqual([
      'my-database-image:latest',
      'my-database-image:latest',
      'my-database-image:v2',
    ]);
    expect(pods(c)[2]?.spec.containers[0]?.ports).toEqual([
      { containerPort: 3306, name: 'mysql', protocol: 'TCP' },
    ]);
  });
});
