import { describe, expect, it } from 'vitest';
import { isRunningAndReady } from '../../src/sim/index.ts';
import type { WatchEvent } from '../../src/sim/index.ts';
import { claims, dbCluster, dbSet, must, patchSet, podNames, pods } from './helpers.ts';

describe('scaling db-cluster 3 → 5 → 2 → 4 (OrderedReady)', () => {
  const c = dbCluster();
  const claimUids = new Map(claims(c).map((p) => [p.metadata.name, p.metadata.uid]));
  const log: { ev: WatchEvent; podsPresent: string[]; ready: string[] }[] = [];
  c.watch((ev) => {
    if (ev.object.kind !== 'Pod') return;
    log.push({
      ev,
      podsPresent: podNames(c),
      ready: pods(c)
        .filter(isRunningAndReady)
        .map((p) => p.metadata.name),
    });
  });

  it('scales up to 5 one pod at a time, in ascending order', () => {
    patchSet(c, { spec: { replicas: 5 } });
    c.runUntilIdle();
    const adds = log.filter((l) => l.ev.type === 'ADDED');
    expect(adds.map((l) => l.ev.object.metadata.name)).toEqual(['db-cluster-3', 'db-cluster-4']);
    expect(adds[1]?.ready).toContain('db-cluster-3');
    expect(podNames(c)).toEqual([
      'db-cluster-0',
      'db-cluster-1',
      'db-cluster-2',
      'db-cluster-3',
      'db-cluster-4',
    ]);
    expect(dbSet(c).status?.readyReplicas).toBe(5);
    expect(dbSet(c).metadata.generation).toBe(2);
    for (const p of claims(c)) claimUids.set(p.metadata.name, p.metadata.uid);
  });

  it('scales down to 2 from the highest ordinal, each deletion only after the previous pod is gone', () => {
    log.length = 0;
    patchSet(c, { spec: { replicas: 2 } });
    c.runUntilIdle();
    const terminating = log.filter(
      (l) =>
        l.ev.type === 'MODIFIED' &&
        l.ev.object.metadata.deletionTimestamp !== undefined &&
        l.ev.oldObject?.metadata.deletionTimestamp === undefined,
    );
    expect(terminating.map((l) => l.ev.object.metadata.name)).toEqual([
      'db-cluster-4',
      'db-cluster-3',
      'db-cluster-2',
    ]);
    // When db-cluster-3 starts terminating, db-cluster-4 is already gone from the API, etc.
    expect(terminating[1]?.podsPresent).not.toContain('db-cluster-4');
    expect(terminating[2]?.podsPresent).not.toContain('db-cluster-3');
    const deleted = log
      .filter((l) => l.ev.type === 'DELETED')
      .map((l) => l.ev.object.metadata.name);
    expect(deleted).toEqual(['db-cluster-4', 'db-cluster-3', 'db-cluster-2']);
    expect(podNames(c)).toEqual(['db-cluster-0', 'db-cluster-1']);
  });

  it('keeps every PVC (whenScaled: Retain) and says so in the trace', () => {
    expect(claims(c).map((p) => [p.metadata.name, p.status?.phase])).toEqual([
      ['data-volume-db-cluster-0', 'Bound'],
      ['data-volume-db-cluster-1', 'Bound'],
      ['data-volume-db-cluster-2', 'Bound'],
      ['data-volume-db-cluster-3', 'Bound'],
      ['data-volume-db-cluster-4', 'Bound'],
    ]);
    const trace = c.trace({ name: 'db-cluster' }).map((t) => t.message);
    expect(trace).toContain('PVC data-volume-db-cluster-3 kept: whenScaled is Retain');
  });

  it('shows the deletion events and the terminal phase before removal', () => {
    const msgs = c.events({ kind: 'StatefulSet', name: 'db-cluster' }).map((e) => e.message);
    expect(msgs.filter((m) => m.startsWith('delete Pod'))).toEqual([
      'delete Pod db-cluster-4 in StatefulSet db-cluster successful',
      'delete Pod db-cluster-3 in StatefulSet db-cluster successful',
      'delete Pod db-cluster-2 in StatefulSet db-cluster successful',
    ]);
    const killing = c
      .events({ kind: 'Pod', name: 'db-cluster-4' })
      .find((e) => e.reason === 'Killing');
    expect(killing?.message).toBe('Stopping container database');
    const phases = log
      .filter((l) => l.ev.object.metadata.name === 'db-cluster-4')
      .map((l) => (l.ev.object as { status?: { phase?: string } }).status?.phase);
    expect(phases).toContain('Succeeded');
  });

  it('scales back up to 4 and reattaches the same PVCs (same uid, same volume)', () => {
    patchSet(c, { spec: { replicas: 4 } });
    c.runUntilIdle();
    expect(podNames(c)).toEqual(['db-cluster-0', 'db-cluster-1', 'db-cluster-2', 'db-cluster-3']);
    for (const p of claims(c)) expect(p.metadata.uid).toBe(claimUids.get(p.metadata.name));
    const p3 = must(c.get('Pod', 'default', 'db-cluster-3'));
    expect(p3.spec.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe('data-volume-db-cluster-3');
    // No second "create Claim" event: the claim already existed.
    const claimEvents = c
      .events({ kind: 'StatefulSet' })
      .filter((e) => e.message.startsWith('create Claim data-volume-db-cluster-3'));
    expect(claimEvents).toHaveLength(1);
    expect(claimEvents[0]?.count).toBe(1);
  });
});

describe('scale-down with Parallel', () => {
  it('deletes all condemned pods at once', () => {
    const c = dbCluster({ podManagementPolicy: 'Parallel', replicas: 4 });
    const terminatingAt: number[] = [];
    c.watch((ev) => {
      if (
        ev.type === 'MODIFIED' &&
        ev.object.kind === 'Pod' &&
        ev.object.metadata.deletionTimestamp &&
        !ev.oldObject?.metadata.deletionTimestamp
      ) {
        terminatingAt.push(c.now());
      }
    });
    patchSet(c, { spec: { replicas: 1 } });
    c.runUntilIdle();
    expect(terminatingAt).toHaveLength(3);
    expect(new Set(terminatingAt).size).toBe(1);
    expect(podNames(c)).toEqual(['db-cluster-0']);
  });
});

describe('an unready pod freezes OrderedReady scaling', () => {
  it('does not scale down while an in-range pod is not Ready, and waits with a reason', () => {
    const c = dbCluster({ replicas: 3 });
    // Break db-cluster-0: delete it, and while it is being recreated, ask for 1 replica.
    must(c.delete('Pod', 'default', 'db-cluster-0'));
    c.advance(100);
    patchSet(c, { spec: { replicas: 1 } });
    const seen: string[][] = [];
    c.watch((ev) => {
      if (
        ev.type === 'MODIFIED' &&
        ev.object.kind === 'Pod' &&
        ev.object.metadata.deletionTimestamp &&
        !ev.oldObject?.metadata.deletionTimestamp
      ) {
        const zero = c.get('Pod', 'default', 'db-cluster-0');
        seen.push([ev.object.metadata.name, String(zero.ok && isRunningAndReady(zero.object))]);
      }
    });
    c.runUntilIdle();
    expect(seen.map(([n]) => n)).toEqual(['db-cluster-2', 'db-cluster-1']);
    // Scale-down started only after db-cluster-0 was back and Ready.
    expect(seen.every(([, ready]) => ready === 'true')).toBe(true);
    const waits = c
      .trace({ name: 'db-cluster' })
      .filter((t) => t.verdict === 'wait')
      .map((t) => t.message);
    expect(
      waits.some(
        (m) => m.includes('db-cluster-0') && m.startsWith('not scaling down db-cluster-2'),
      ),
    ).toBe(true);
  });
});
