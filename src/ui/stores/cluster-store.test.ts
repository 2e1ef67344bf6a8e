import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index.ts';
import type { FrameScheduler } from '../driver.ts';
import { createClusterStore, readClusterObjects } from './cluster-store.ts';
import { deriveClusterView, type PodStatusFunction } from './cluster-view.ts';

const manifest = parseAllDocuments(
  readFileSync(new URL('../../../content/files/db-cluster.yaml', import.meta.url), 'utf8'),
).map((document) => document.toJS() as unknown);

const podStatus: PodStatusFunction = (pod) => ({
  status: pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Pending'),
  ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
    ? '1/1'
    : '0/1',
});

/** Frames that run when the test says so, counting how many were asked for. */
function manualFrames(): FrameScheduler & { flush(): void; requested: number } {
  const waiting = new Map<number, () => void>();
  let next = 1;
  const frames = {
    requested: 0,
    request(callback: (t: number) => void) {
      frames.requested++;
      const handle = next++;
      waiting.set(handle, () => callback(0));
      return handle;
    },
    cancel(handle: number) {
      waiting.delete(handle);
    },
    flush() {
      const callbacks = [...waiting.values()];
      waiting.clear();
      for (const callback of callbacks) callback();
    },
  };
  return frames;
}

describe('createClusterStore', () => {
  it('rebuilds the view once per frame, however many objects changed', () => {
    const cluster = createCluster({ seed: 3 });
    const frames = manualFrames();
    const store = createClusterStore(cluster, frames, podStatus);
    expect(store.view.get().statefulSets).toEqual([]);

    cluster.apply(manifest);
    cluster.runUntilIdle();
    // Dozens of watch events happened, but only one frame was requested and nothing re-rendered yet.
    expect(frames.requested).toBe(1);
    expect(store.view.get().statefulSets).toEqual([]);

    frames.flush();
    expect(store.view.get().statefulSets[0]?.ordinals.map((o) => o.pod?.status)).toEqual([
      'Running',
      'Running',
      'Running',
    ]);
    store.dispose();
  });

  it('keeps the objects from watch events: the view equals one derived from a fresh list', () => {
    const cluster = createCluster({ seed: 5 });
    const frames = manualFrames();
    const store = createClusterStore(cluster, frames, podStatus);
    cluster.apply(manifest);
    for (const replicas of [5, 2]) {
      cluster.runUntilIdle();
      frames.flush();
      expect(store.view.get()).toEqual(deriveClusterView(readClusterObjects(cluster), podStatus));
      const set = cluster.get('StatefulSet', 'default', 'db-cluster');
      if (!set.ok) throw new Error(set.status.message);
      cluster.update({ ...set.object, spec: { ...set.object.spec, replicas } });
    }
    cluster.runUntilIdle();
    frames.flush();
    expect(store.view.get()).toEqual(deriveClusterView(readClusterObjects(cluster), podStatus));
    store.dispose();
  });

  it('narrates what happened, in order, with the virtual time', () => {
    const cluster = createCluster({ seed: 3 });
    const frames = manualFrames();
    const store = createClusterStore(cluster, frames, podStatus);
    cluster.apply(manifest);
    // Step through the simulation one event at a time, rendering a frame after each.
    while (cluster.step()) frames.flush();
    const texts = store.activity.get().map((line) => line.text);
    const order = (text: string): number => texts.indexOf(text);
    expect(order('db-cluster-0 created')).toBeGreaterThanOrEqual(0);
    expect(order('db-cluster-0 is Ready')).toBeGreaterThan(order('db-cluster-0 created'));
    expect(order('db-cluster-1 created')).toBeGreaterThan(order('db-cluster-0 is Ready'));
    expect(order('db-cluster-2 created')).toBeGreaterThan(order('db-cluster-1 is Ready'));
    const times = store.activity.get().map((line) => line.atMs);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    store.dispose();
  });

  it('stops listening when disposed', () => {
    const cluster = createCluster({ seed: 3 });
    const frames = manualFrames();
    const store = createClusterStore(cluster, frames, podStatus);
    store.dispose();
    cluster.apply(manifest);
    expect(frames.requested).toBe(0);
  });
});
