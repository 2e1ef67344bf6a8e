import { describe, expect, it } from 'vitest';
import { isRunningAndReady } from '../../src/sim/index.ts';
import type { Pod } from '../../src/sim/index.ts';
import { dbCluster, dbSet, must, patchSet, podNames, pods } from './helpers.ts';

const probe = { readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 5 } };

function withProbe(): Record<string, unknown> {
  return {
    template: {
      metadata: { labels: { app: 'database' } },
      spec: {
        containers: [
          {
            name: 'database',
            image: 'my-database-image:latest',
            ports: [{ containerPort: 3306, name: 'mysql' }],
            volumeMounts: [{ name: 'data-volume', mountPath: '/var/lib/database' }],
            ...probe,
          },
        ],
      },
    },
  };
}

/** A merge patch setting the image (lists are replaced whole by a merge patch). */
function image(name: string): Record<string, unknown> {
  const container = {
    name: 'database',
    image: name,
    ports: [{ containerPort: 3306, name: 'mysql' }],
    volumeMounts: [{ name: 'data-volume', mountPath: '/var/lib/database' }],
  };
  return { spec: { template: { spec: { containers: [container] } } } };
}

describe('an unready pod freezes OrderedReady', () => {
  it('blocks scale-up while db-cluster-1 fails its readiness probe, and resumes when it recovers', () => {
    const c = dbCluster(withProbe());
    c.injectFault({ kind: 'readiness', pod: 'db-cluster-1' });
    c.runUntilIdle();
    const p1 = must(c.get('Pod', 'default', 'db-cluster-1'));
    expect(isRunningAndReady(p1)).toBe(false);
    expect(p1.status?.phase).toBe('Running');
    const unhealthy = c
      .events({ kind: 'Pod', name: 'db-cluster-1' })
      .find((e) => e.reason === 'Unhealthy');
    expect(unhealthy?.message).toBe(
      `Readiness probe failed: dial tcp ${p1.status?.podIP ?? ''}:3306: connect: connection refused`,
    );
    expect(dbSet(c).status?.readyReplicas).toBe(2);
    expect(c.resolveDns('db-cluster-1.db-service').ok).toBe(false);

    patchSet(c, { spec: { replicas: 5 } });
    c.runUntilIdle();
    expect(podNames(c)).toEqual(['db-cluster-0', 'db-cluster-1', 'db-cluster-2']);
    expect(c.trace({ name: 'db-cluster' }).map((t) => t.message)).toContain(
      'not creating db-cluster-3: db-cluster-1 is not Running and Ready (OrderedReady)',
    );

    c.clearFault({ kind: 'readiness', pod: 'db-cluster-1' });
    c.runUntilIdle();
    expect(podNames(c)).toEqual([
      'db-cluster-0',
      'db-cluster-1',
      'db-cluster-2',
      'db-cluster-3',
      'db-cluster-4',
    ]);
    expect(pods(c).every(isRunningAndReady)).toBe(true);
    expect(c.activeFaults()).toEqual([]);
  });

  it('lets Parallel scale past an unready pod', () => {
    const c = dbCluster({ ...withProbe(), podManagementPolicy: 'Parallel' });
    c.injectFault({ kind: 'readiness', pod: 'db-cluster-1' });
    c.runUntilIdle();
    patchSet(c, { spec: { replicas: 5 } });
    c.runUntilIdle();
    expect(podNames(c)).toHaveLength(5);
    expect(
      pods(c)
        .filter(isRunningAndReady)
        .map((p) => p.metadata.name),
    ).toEqual(['db-cluster-0', 'db-cluster-2', 'db-cluster-3', 'db-cluster-4']);
  });
});

describe('the forced-rollback broken state (OrderedReady + RollingUpdate)', () => {
  it('stays stuck after a revert until the broken pod is deleted', () => {
    const c = dbCluster();
    const good = dbSet(c).status?.currentRevision ?? '';
    c.injectFault({ kind: 'image-pull', image: 'my-database-image:v2' });
    patchSet(c, image('my-database-image:v2'));
    c.advance(120_000);
    const broken = must(c.get('Pod', 'default', 'db-cluster-2'));
    expect(broken.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('ImagePullBackOff');
    expect(pods(c).slice(0, 2).every(isRunningAndReady)).toBe(true);

    // Revert the template: the update revision goes back to the good one...
    patchSet(c, image('my-database-image:latest'));
    c.advance(120_000);
    expect(dbSet(c).status?.updateRevision).toBe(good);
    // ...but the broken pod is never replaced: the pass stops at it before the update step.
    const still = must(c.get('Pod', 'default', 'db-cluster-2'));
    expect(still.metadata.uid).toBe(broken.metadata.uid);
    expect(c.trace({ name: 'db-cluster' }).at(-1)?.message).toBe(
      'waiting for db-cluster-2: it is not Running and Ready (OrderedReady)',
    );

    // Deleting it lets the controller recreate it from the reverted template.
    must(c.delete('Pod', 'default', 'db-cluster-2'));
    c.runUntilIdle();
    const fixed: Pod = must(c.get('Pod', 'default', 'db-cluster-2'));
    expect(isRunningAndReady(fixed)).toBe(true);
    expect(fixed.spec.containers[0]?.image).toBe('my-database-image:latest');
    expect(fixed.metadata.labels?.['controller-revision-hash']).toBe(good);
    expect(dbSet(c).status?.currentRevision).toBe(good);
  });
});
