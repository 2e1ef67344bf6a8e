import { describe, expect, it } from 'vitest';
import {
  createCluster,
  fromRfc3339,
  isRunningAndReady,
  restoreCluster,
} from '../../src/sim/index.ts';
import type { Cluster, ClusterSnapshot, Pod } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { must, podNames, podStatus } from './helpers.ts';

/** A cluster where db-cluster-1's container exits with code 1 right after every start. */
function crashingCluster(afterSeconds = 0): Cluster {
  const c = createCluster({ seed: 3 });
  c.injectFault({ kind: 'crash', pod: 'db-cluster-1', afterSeconds });
  for (const r of c.apply([dbService(), dbStatefulSet()])) expect(r.ok).toBe(true);
  return c;
}

function pod(c: Cluster, name: string): Pod {
  return must(c.get('Pod', 'default', name));
}

/** Virtual times at which db-cluster-1's restart count went up. */
function restartTimes(c: Cluster): number[] {
  const times: number[] = [];
  let last = 0;
  c.watch(
    (ev) => {
      const n = (ev.object as Pod).status?.containerStatuses?.[0]?.restartCount ?? 0;
      if (ev.object.metadata.name === 'db-cluster-1' && n > last) {
        last = n;
        times.push(c.now());
      }
    },
    { kind: 'Pod' },
  );
  return times;
}

describe('container restarts and CrashLoopBackOff', () => {
  it('restarts at once, then backs off 10s, 20s, 40s … capped at 5 minutes', () => {
    const c = crashingCluster();
    const times = restartTimes(c);
    c.advance(40 * 60_000);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    // Each gap is the back-off plus the few hundred milliseconds a restart and a crash take.
    const backoffs = gaps.map((g) => Math.floor(g / 10_000) * 10);
    expect(backoffs.slice(0, 7)).toEqual([10, 20, 40, 80, 160, 300, 300]);
    expect(gaps.every((g) => g < 304_000)).toBe(true);
    const p = pod(c, 'db-cluster-1');
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.containerStatuses?.[0]?.restartCount).toBe(times.length);
  });

  it('shows Error, then CrashLoopBackOff with lastState, a BackOff event, and Ready=False', () => {
    const c = crashingCluster();
    const seen: string[] = [];
    c.watch(
      (ev) => {
        if (ev.object.metadata.name !== 'db-cluster-1') return;
        const p = ev.object as Pod;
        const line = `${podStatus(p)} ${String(p.status?.containerStatuses?.[0]?.restartCount ?? 0)}`;
        if (seen.at(-1) !== line) seen.push(line);
      },
      { kind: 'Pod' },
    );
    c.advance(60_000);
    expect(seen.slice(0, 9)).toEqual([
      'Pending 0',
      'ContainerCreating 0',
      'Running 0',
      'Error 0',
      'Running 1',
      'Error 1',
      'CrashLoopBackOff 1',
      'Running 2',
      'Error 2',
    ]);
    const p = pod(c, 'db-cluster-1');
    const cs = p.status?.containerStatuses?.[0];
    const ref = `db-cluster-1_default(${p.metadata.uid ?? ''})`;
    expect(cs?.state.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: `back-off 20s restarting failed container=database pod=${ref}`,
    });
    expect(cs?.lastState.terminated?.exitCode).toBe(1);
    expect(cs?.lastState.terminated?.reason).toBe('Error');
    expect(cs?.ready).toBe(false);
    expect(p.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');
    const backOff = c
      .events({ kind: 'Pod', name: 'db-cluster-1' })
      .find((e) => e.reason === 'BackOff');
    expect(backOff?.type).toBe('Warning');
    expect(backOff?.message).toBe(`Back-off restarting failed container database in pod ${ref}`);
    expect((backOff?.count ?? 0) >= 2).toBe(true);
  });

  it('blocks OrderedReady while the pod crash-loops, and resumes once it runs', () => {
    const c = crashingCluster();
    c.advance(5 * 60_000);
    expect(podNames(c)).toEqual(['db-cluster-0', 'db-cluster-1']);
    expect(c.trace({ name: 'db-cluster' }).map((t) => t.message)).toContain(
      'not creating db-cluster-2: db-cluster-1 is not Running and Ready (OrderedReady)',
    );
    c.clearFault({ kind: 'crash', pod: 'db-cluster-1' });
    expect(c.runUntilIdle()).toBe(true);
    expect(podNames(c)).toEqual(['db-cluster-0', 'db-cluster-1', 'db-cluster-2']);
    expect(isRunningAndReady(pod(c, 'db-cluster-1'))).toBe(true);
    expect(pod(c, 'db-cluster-1').status?.containerStatuses?.[0]?.restartCount).toBeGreaterThan(3);
  });

  it('forgets the back-off after 10 minutes of running', () => {
    const c = crashingCluster(11 * 60);
    const times = restartTimes(c);
    c.advance(60 * 60_000);
    expect(times.length).toBeGreaterThanOrEqual(4);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    // Each run lasts 11 minutes and is followed by an immediate restart: never CrashLoopBackOff.
    expect(gaps.every((g) => g >= 660_000 && g < 665_000)).toBe(true);
    expect(c.events({ name: 'db-cluster-1' }).some((e) => e.reason === 'BackOff')).toBe(false);
  });

  it('lets a running container crash when the fault arrives, and goes terminal on delete', () => {
    const c = createCluster({ seed: 4 });
    c.apply([dbService(), dbStatefulSet({ replicas: 1 })]);
    c.runUntilIdle();
    c.injectFault({ kind: 'crash', pod: 'db-cluster-0', exitCode: 2, afterSeconds: 0 });
    c.advance(1_000);
    const crashed = pod(c, 'db-cluster-0').status?.containerStatuses?.[0];
    expect(crashed?.state.terminated?.exitCode ?? crashed?.lastState.terminated?.exitCode).toBe(2);
    c.advance(30_000);
    must(c.delete('Pod', 'default', 'db-cluster-0'));
    const phases: string[] = [];
    c.watch((ev) => phases.push((ev.object as Pod).status?.phase ?? ''), { kind: 'Pod' });
    c.advance(5_000);
    expect(phases).toContain('Failed');
  });

  it('restores a crash loop from a snapshot exactly', () => {
    const a = crashingCluster();
    a.advance(90_000);
    const b = restoreCluster(JSON.parse(JSON.stringify(a.snapshot())) as ClusterSnapshot);
    a.advance(10 * 60_000);
    b.advance(10 * 60_000);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });
});

describe('periodic readiness probes', () => {
  function probed(probe: Record<string, unknown>): Cluster {
    const c = createCluster({ seed: 2 });
    const sts = dbStatefulSet({ replicas: 1 });
    const containers = (
      sts['spec'] as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers;
    (containers[0] as Record<string, unknown>)['readinessProbe'] = {
      tcpSocket: { port: 3306 },
      ...probe,
    };
    c.apply([dbService(), sts]);
    expect(c.runUntilIdle()).toBe(true);
    return c;
  }

  function readyChange(c: Cluster): () => number | undefined {
    let at: number | undefined;
    c.watch(
      (ev) => {
        const old = ev.oldObject as Pod | undefined;
        if (
          at === undefined &&
          old &&
          isRunningAndReady(old) !== isRunningAndReady(ev.object as Pod)
        )
          at = c.now();
      },
      { kind: 'Pod' },
    );
    return () => at;
  }

  it('turns NotReady after failureThreshold failed probes, one period apart', () => {
    const c = probed({ periodSeconds: 10, failureThreshold: 3 });
    const start = c.now();
    const changed = readyChange(c);
    c.injectFault({ kind: 'readiness', pod: 'db-cluster-0' });
    expect(c.runUntilIdle()).toBe(true);
    const after = (changed() ?? 0) - start;
    // The first failing tick is within one period, the third two periods later.
    expect(after).toBeGreaterThanOrEqual(20_000);
    expect(after).toBeLessThanOrEqual(30_000);
    const unhealthy = c.events({ name: 'db-cluster-0' }).find((e) => e.reason === 'Unhealthy');
    expect(unhealthy?.count).toBe(3);
    expect(isRunningAndReady(pod(c, 'db-cluster-0'))).toBe(false);
  });

  it('needs successThreshold good probes to become Ready again', () => {
    const c = probed({ periodSeconds: 5, successThreshold: 3, failureThreshold: 1 });
    c.injectFault({ kind: 'readiness', pod: 'db-cluster-0' });
    c.runUntilIdle();
    const start = c.now();
    const changed = readyChange(c);
    c.clearFault({ kind: 'readiness', pod: 'db-cluster-0' });
    expect(c.runUntilIdle()).toBe(true);
    const after = (changed() ?? 0) - start;
    expect(after).toBeGreaterThanOrEqual(10_000);
    expect(after).toBeLessThanOrEqual(15_000);
    expect(isRunningAndReady(pod(c, 'db-cluster-0'))).toBe(true);
  });

  it('probes on the grid that starts with the container', () => {
    const c = probed({ periodSeconds: 7, initialDelaySeconds: 3 });
    const p = pod(c, 'db-cluster-0');
    const started = fromRfc3339(p.status?.containerStatuses?.[0]?.state.running?.startedAt ?? '');
    const ready = fromRfc3339(
      p.status?.conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime ?? '',
    );
    expect(ready - started).toBeGreaterThanOrEqual(3_000);
    expect(ready - started).toBeLessThanOrEqual(8_000);
  });
});
