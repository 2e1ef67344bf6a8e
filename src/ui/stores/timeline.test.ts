import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster, type Pod } from '../../sim/index.ts';
import { TimelineRecorder, naturalCompare } from './timeline.ts';

const manifest = parseAllDocuments(
  readFileSync(new URL('../../../content/files/db-cluster.yaml', import.meta.url), 'utf8'),
).map((document) => document.toJS() as unknown);

/** A coarse STATUS cell: enough to tell Pending, ContainerCreating and Running apart. */
const statusOf = (pod: Pod): string =>
  pod.status?.containerStatuses?.[0]?.state.waiting?.reason ?? pod.status?.phase ?? 'Pending';

function recorded(): { cluster: Cluster; timeline: TimelineRecorder } {
  const cluster = createCluster({ seed: 9 });
  const timeline = new TimelineRecorder(statusOf);
  cluster.watch((event) => timeline.observe(event, cluster.now()));
  return { cluster, timeline };
}

function scale(cluster: Cluster, replicas: number): void {
  const current = cluster.get('StatefulSet', 'default', 'db-cluster');
  if (!current.ok) throw new Error(current.status.message);
  const result = cluster.update({ ...current.object, spec: { ...current.object.spec, replicas } });
  if (!result.ok) throw new Error(result.status.message);
}

describe('TimelineRecorder', () => {
  it('records each pod going Pending → Creating → Ready, each starting after the previous is Ready', () => {
    const { cluster, timeline } = recorded();
    cluster.apply(manifest);
    cluster.runUntilIdle();
    const rows = timeline.podRows();
    expect(rows.map((row) => row.name)).toEqual(['db-cluster-0', 'db-cluster-1', 'db-cluster-2']);
    for (const row of rows) {
      expect(row.lives).toHaveLength(1);
      expect(row.lives[0]?.segments.map((s) => s.state)).toEqual(['Pending', 'Creating', 'Ready']);
    }
    const readyAt = (i: number) =>
      rows[i]?.lives[0]?.segments.find((s) => s.state === 'Ready')?.from ?? NaN;
    const createdAt = (i: number) => rows[i]?.lives[0]?.segments[0]?.from ?? NaN;
    expect(createdAt(1)).toBeGreaterThanOrEqual(readyAt(0));
    expect(createdAt(2)).toBeGreaterThanOrEqual(readyAt(1));
    expect(timeline.claimRows().map((row) => row.lives[0]?.segments.map((s) => s.state))).toEqual([
      ['Pending', 'Bound'],
      ['Pending', 'Bound'],
      ['Pending', 'Bound'],
    ]);
  });

  it('ends lives on scale-down from the top, and keeps the claims bound', () => {
    const { cluster, timeline } = recorded();
    cluster.apply(manifest);
    cluster.runUntilIdle();
    scale(cluster, 1);
    cluster.runUntilIdle();
    const [pod0, pod1, pod2] = timeline.podRows();
    expect(pod0?.lives[0]?.end).toBeUndefined();
    expect(pod2?.lives[0]?.segments.at(-1)?.state).toBe('Terminating');
    const end2 = pod2?.lives[0]?.end ?? NaN;
    const terminating1 =
      pod1?.lives[0]?.segments.find((s) => s.state === 'Terminating')?.from ?? NaN;
    expect(terminating1).toBeGreaterThanOrEqual(end2);
    expect(timeline.claimRows().every((row) => row.lives[0]?.end === undefined)).toBe(true);
  });

  it('starts a second life when a pod comes back with the same name', () => {
    const { cluster, timeline } = recorded();
    cluster.apply(manifest);
    cluster.runUntilIdle();
    cluster.delete('Pod', 'default', 'db-cluster-1');
    cluster.runUntilIdle();
    const row = timeline.podRows()[1];
    expect(row?.lives).toHaveLength(2);
    expect(row?.lives[0]?.end).toBeDefined();
    expect(row?.lives[1]?.segments[0]?.from).toBeGreaterThanOrEqual(row?.lives[0]?.end ?? Infinity);
    expect(row?.lives[1]?.segments.at(-1)?.state).toBe('Ready');
  });

  it('sorts ordinals as numbers', () => {
    expect(['web-10', 'web-2', 'web-1'].sort(naturalCompare)).toEqual(['web-1', 'web-2', 'web-10']);
  });
});
