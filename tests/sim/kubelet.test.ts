import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import type { Pod } from '../../src/sim/index.ts';
import { dbCluster, must, podStatus } from './helpers.ts';

function busyboxPod(grace: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'sleeper' },
    spec: {
      terminationGracePeriodSeconds: grace,
      containers: [{ name: 'sleep', image: 'busybox:1.28', command: ['sleep', '3600'] }],
    },
  };
}

describe('kubelet', () => {
  it('pulls an image once per node; later pods on that node find it present (IfNotPresent)', () => {
    const c = createCluster({ seed: 11, nodes: 1 });
    must(c.create(busyboxPod(30)));
    c.runUntilIdle();
    must(c.create({ ...busyboxPod(30), metadata: { name: 'sleeper-2' } }));
    c.runUntilIdle();
    const first = c.events({ kind: 'Pod', name: 'sleeper' }).map((e) => e.reason);
    const second = c.events({ kind: 'Pod', name: 'sleeper-2' });
    expect(first).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(second.map((e) => e.reason)).toEqual(['Scheduled', 'Pulled', 'Created', 'Started']);
    expect(second[1]?.message).toBe('Container image "busybox:1.28" already present on machine');
    expect(second[0]?.message).toBe('Successfully assigned default/sleeper-2 to kind-worker');
  });

  it('kills a process that ignores SIGTERM after the grace period (exit 137, Error)', () => {
    const c = createCluster({ seed: 12 });
    must(c.create(busyboxPod(10)));
    c.runUntilIdle();
    const start = c.now();
    const seen: string[] = [];
    let gone = 0;
    c.watch((ev) => {
      if (ev.object.kind !== 'Pod') return;
      seen.push(`${ev.type} ${podStatus(ev.object as Pod)}`);
      if (ev.type === 'DELETED') gone = c.now();
    });
    must(c.delete('Pod', 'default', 'sleeper'));
    c.runUntilIdle();
    expect(seen).toEqual(['MODIFIED Terminating', 'MODIFIED Error', 'DELETED Error']);
    expect(gone - start).toBeGreaterThanOrEqual(10_000);
    expect(gone - start).toBeLessThan(12_000);
    const killing = c.events({ kind: 'Pod', name: 'sleeper' }).find((e) => e.reason === 'Killing');
    expect(killing?.message).toBe('Stopping container sleep');
    expect(killing?.involvedObject.fieldPath).toBe('spec.containers{sleep}');
    expect(killing?.source.component).toBe('kubelet');
    expect(killing?.source.host).toMatch(/^kind-worker\d?$/);
  });

  it('force-deletes immediately with grace period 0', () => {
    const c = dbCluster({ replicas: 1 });
    const res = must(c.delete('Pod', 'default', 'db-cluster-0', { gracePeriodSeconds: 0 }));
    expect(res.metadata.name).toBe('db-cluster-0');
    expect(c.get('Pod', 'default', 'db-cluster-0').ok).toBe(false);
  });
});
