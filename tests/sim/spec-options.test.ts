import { describe, expect, it } from 'vitest';
import { createCluster, fromRfc3339, isRunningAndReady } from '../../src/sim/index.ts';
import type { Pod, WatchEvent } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { claims, dbCluster, dbSet, podNames, podStatus, pods } from './helpers.ts';

function readySince(p: Pod): number {
  return fromRfc3339(
    p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '',
  );
}

describe('spec.ordinals.start', () => {
  it('numbers pods and claims from the start ordinal', () => {
    const c = dbCluster({ ordinals: { start: 1 } });
    expect(podNames(c)).toEqual(['db-cluster-1', 'db-cluster-2', 'db-cluster-3']);
    expect(claims(c).map((p) => p.metadata.name)).toEqual([
      'data-volume-db-cluster-1',
      'data-volume-db-cluster-2',
      'data-volume-db-cluster-3',
    ]);
    expect(pods(c).map((p) => p.metadata.labels?.['apps.kubernetes.io/pod-index'])).toEqual([
      '1',
      '2',
      '3',
    ]);
  });
});

describe('spec.minReadySeconds', () => {
  it('waits until the previous pod has been Ready for minReadySeconds before creating the next', () => {
    const c = createCluster({ seed: 4 });
    const created = new Map<string, number>();
    c.watch((ev: WatchEvent) => {
      if (ev.type === 'ADDED' && ev.object.kind === 'Pod')
        created.set(ev.object.metadata.name, c.now());
    });
    c.apply([dbService(), dbStatefulSet({ minReadySeconds: 10 })]);
    c.runUntilIdle();
    const p0 = pods(c)[0] as Pod;
    expect(created.get('db-cluster-1') ?? 0).toBeGreaterThanOrEqual(readySince(p0) + 10_000);
    // Re-checked at minReadySeconds + 1 s, plus the controller's reaction delay.
    expect(created.get('db-cluster-1') ?? 0).toBeLessThan(readySince(p0) + 12_000);
    expect(dbSet(c).status?.availableReplicas).toBe(3);
    expect(c.trace({ name: 'db-cluster' }).map((t) => t.message)).toContain(
      'not creating db-cluster-1: db-cluster-0 has not been Ready for minReadySeconds (10s) (OrderedReady)',
    );
  });
});

describe('readiness probes', () => {
  it('shows Running 0/1 until the first probe succeeds', () => {
    const c = createCluster({ seed: 5 });
    const sts = dbStatefulSet({ replicas: 1 });
    const containers = (
      sts['spec'] as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers;
    (containers[0] as Record<string, unknown>)['readinessProbe'] = {
      tcpSocket: { port: 3306 },
      initialDelaySeconds: 5,
    };
    const seen: string[] = [];
    c.watch((ev) => {
      if (ev.object.kind === 'Pod')
        seen.push(`${podStatus(ev.object as Pod)} ${String(isRunningAndReady(ev.object as Pod))}`);
    });
    c.apply([dbService(), sts]);
    c.runUntilIdle();
    expect(seen).toEqual([
      'Pending false',
      'Pending false',
      'Pending false',
      'ContainerCreating false',
      'Running false',
      'Running true',
    ]);
    const p = pods(c)[0] as Pod;
    const started = fromRfc3339(p.status?.containerStatuses?.[0]?.state.running?.startedAt ?? '');
    expect(readySince(p) - started).toBeGreaterThanOrEqual(5_000);
    expect(p.spec.containers[0]?.readinessProbe?.periodSeconds).toBe(10);
  });
});
