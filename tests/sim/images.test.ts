import { describe, expect, it } from 'vitest';
import { createCluster, FAST_TIMINGS, REALISTIC_TIMINGS } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { must, podNames } from './helpers.ts';

/** The tutorial's `web` StatefulSet (nginx-slim with its html volume). */
function webSet(replicas = 2): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web' },
    spec: {
      serviceName: 'nginx',
      replicas,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'registry.k8s.io/nginx-slim:0.21',
              ports: [{ containerPort: 80, name: 'web' }],
              volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'www' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    },
  };
}

describe('image behaviour', () => {
  it('nginx serves index.html from its html volume, and the page survives the pod', () => {
    const c = createCluster({ seed: 1 });
    c.apply([webSet(1)]);
    c.runUntilIdle();
    const empty = c.httpGet('default', 'web-0');
    expect(empty.ok && empty.value.status).toBe(403);
    expect(c.writeFile('default', 'web-0', '/usr/share/nginx/html/index.html', 'web-0\n').ok).toBe(
      true,
    );
    expect(c.httpGet('default', 'web-0')).toEqual({
      ok: true,
      value: { status: 200, body: 'web-0\n' },
    });
    const missing = c.httpGet('default', 'web-0', '/nope.html');
    expect(missing.ok && missing.value.status).toBe(404);
    expect(missing.ok && missing.value.body).toContain('<title>404 Not Found</title>');
    must(c.delete('Pod', 'default', 'web-0'));
    c.runUntilIdle();
    expect(c.httpGet('default', 'web-0')).toEqual({
      ok: true,
      value: { status: 200, body: 'web-0\n' },
    });
    expect(c.httpGet('default', 'web-0', '/', 8080)).toEqual({
      ok: false,
      code: 'ConnectionRefused',
    });
  });

  it('the database image keeps rows on its data volume across pod restarts', () => {
    const c = createCluster({ seed: 2 });
    c.apply([dbService(), dbStatefulSet()]);
    c.runUntilIdle();
    expect(c.databaseSelect('default', 'db-cluster-1', 'users')).toEqual({ ok: true, value: [] });
    expect(c.databaseInsert('default', 'db-cluster-1', 'users', ['1', 'ada']).ok).toBe(true);
    expect(c.databaseInsert('default', 'db-cluster-1', 'users', ['2', 'grace']).ok).toBe(true);
    expect(c.listFiles('default', 'db-cluster-1', '/var/lib/database')).toEqual({
      ok: true,
      value: ['users.rows'],
    });
    must(c.delete('Pod', 'default', 'db-cluster-1'));
    c.runUntilIdle();
    expect(c.databaseSelect('default', 'db-cluster-1', 'users')).toEqual({
      ok: true,
      value: [
        ['1', 'ada'],
        ['2', 'grace'],
      ],
    });
    expect(c.databaseSelect('default', 'db-cluster-0', 'users')).toEqual({ ok: true, value: [] });
    expect(c.httpGet('default', 'db-cluster-0')).toEqual({ ok: false, code: 'ConnectionRefused' });
    expect(c.databaseSelect('default', 'nope', 'users')).toEqual({
      ok: false,
      code: 'PodNotFound',
    });
  });
});

describe('the fast timing preset', () => {
  it('runs the same story about ten times quicker', () => {
    const fast = createCluster({ seed: 1, timings: FAST_TIMINGS });
    const slow = createCluster({ seed: 1, timings: REALISTIC_TIMINGS });
    for (const c of [fast, slow]) {
      c.apply([dbService(), dbStatefulSet()]);
      c.runUntilIdle();
      expect(podNames(c)).toEqual(['db-cluster-0', 'db-cluster-1', 'db-cluster-2']);
    }
    expect(fast.now()).toBeLessThan(slow.now() / 5);
    expect(fast.now()).toBeLessThan(5_000);
  });
});
