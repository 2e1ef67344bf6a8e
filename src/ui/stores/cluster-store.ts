import { atom, type ReadableAtom } from 'nanostores';
import type { Cluster, Disposable, TraceEntry } from '../../sim/index.ts';
import type { FrameScheduler } from '../driver.ts';
import {
  deriveClusterView,
  type ClusterObjects,
  type ClusterView,
  type PodStatusFunction,
} from './cluster-view.ts';
import { Narrator } from './narration.ts';
import { TimelineRecorder, type TimelineData } from './timeline.ts';

/** A line of the activity log: what changed, and when in virtual time. */
export interface ActivityLine {
  readonly atMs: number;
  readonly text: string;
}

/** What a store keeps across a reload, besides the cluster itself. */
export interface SavedStoreState {
  readonly activity: readonly ActivityLine[];
  readonly timeline: TimelineData;
}

/** Read-only state the workspace's views subscribe to. */
export interface ClusterStore extends Disposable {
  /** The cluster panel's model, recomputed at most once per animation frame. */
  readonly view: ReadableAtom<ClusterView>;
  /** Narrated changes, oldest first (the most recent {@link ACTIVITY_LIMIT}). */
  readonly activity: ReadableAtom<readonly ActivityLine[]>;
  /** The controllers' decisions (the simulator's decision trace), oldest first, most recent {@link ACTIVITY_LIMIT}. */
  readonly decisions: ReadableAtom<readonly TraceEntry[]>;
  /** Every pod's and claim's life over virtual time. */
  readonly timeline: TimelineRecorder;
  /** Counts frames in which the timeline changed, so views know when to redraw it. */
  readonly timelineVersion: ReadableAtom<number>;
  /**
   * Starts over on the cluster the store's reference now points at (after a rewind swapped it),
   * with the activity and timeline saved at that moment.
   */
  reattach(state: SavedStoreState | undefined): void;
  /** Brings the atoms up to date now instead of at the next frame (before a checkpoint). */
  flushNow(): void;
}

/** How many activity lines the store keeps. */
export const ACTIVITY_LIMIT = 200;

function listOrEmpty<T>(result: { ok: true; object: T[] } | { ok: false }): T[] {
  return result.ok ? result.object : [];
}

/** The objects of one namespace (and the cluster-scoped ones) the view is made from. */
export function readClusterObjects(cluster: Cluster, namespace = 'default'): ClusterObjects {
  return {
    statefulSets: listOrEmpty(cluster.list('StatefulSet', { namespace })),
    pods: listOrEmpty(cluster.list('Pod', { namespace })),
    claims: listOrEmpty(cluster.list('PersistentVolumeClaim', { namespace })),
    volumes: listOrEmpty(cluster.list('PersistentVolume')),
    services: listOrEmpty(cluster.list('Service', { namespace })),
    endpoints: listOrEmpty(cluster.list('Endpoints', { namespace })),
    nodes: listOrEmpty(cluster.list('Node')),
  };
}

/**
 * Bridges the simulator to the views: watch events are narrated as they come and mark the view
 * stale; the view is rebuilt once in the next animation frame, however many objects changed in
 * between (a scale to 100 pods is hundreds of events but one re-render per frame).
 */
export function createClusterStore(
  cluster: Cluster,
  frames: FrameScheduler,
  podStatus: PodStatusFunction,
  saved?: SavedStoreState,
): ClusterStore {
  const view = atom<ClusterView>(deriveClusterView(readClusterObjects(cluster), podStatus));
  const activity = atom<readonly ActivityLine[]>([]);
  const decisions = atom<readonly TraceEntry[]>([]);
  const timeline = new TimelineRecorder((pod) => podStatus(pod).status);
  const timelineVersion = atom(0);
  let narrator = new Narrator();
  let timelineChanged = false;
  let pendingLines: ActivityLine[] = [];
  let pendingDecisions: TraceEntry[] = [];
  let pending: number | undefined;
  let subscriptions: Disposable[] = [];

  const flush = (): void => {
    pending = undefined;
    view.set(deriveClusterView(readClusterObjects(cluster), podStatus));
    if (timelineChanged) {
      timelineChanged = false;
      timelineVersion.set(timelineVersion.get() + 1);
    }
    if (pendingLines.length > 0) {
      activity.set([...activity.get(), ...pendingLines].slice(-ACTIVITY_LIMIT));
      pendingLines = [];
    }
    if (pendingDecisions.length > 0) {
      decisions.set([...decisions.get(), ...pendingDecisions].slice(-ACTIVITY_LIMIT));
      pendingDecisions = [];
    }
  };

  /** Subscribes to the cluster `cluster` currently is, starting from `state`. */
  const attach = (state: SavedStoreState | undefined): void => {
    for (const subscription of subscriptions) subscription.dispose();
    if (pending !== undefined) frames.cancel(pending);
    pending = undefined;
    pendingLines = [];
    pendingDecisions = [];
    // The narrator must know what already exists, or the next change to db-cluster-0 would be
    // told as its creation.
    narrator = new Narrator();
    const now = readClusterObjects(cluster);
    for (const object of [...now.statefulSets, ...now.claims, ...now.pods]) {
      narrator.observe({ type: 'ADDED', object });
    }
    timeline.import(state?.timeline ?? { pods: [], claims: [] });
    activity.set(state?.activity ?? []);
    decisions.set(cluster.trace().slice(-ACTIVITY_LIMIT));
    subscriptions = [
      cluster.watch((event) => {
        // Narrate each event as it happens (order and time stay exact); render once per frame.
        const atMs = cluster.now();
        for (const text of narrator.observe(event)) pendingLines.push({ atMs, text });
        timeline.observe(event, atMs);
        timelineChanged = true;
        pending ??= frames.request(flush);
      }),
      cluster.onTrace((entry) => {
        pendingDecisions.push(entry);
        pending ??= frames.request(flush);
      }),
    ];
    view.set(deriveClusterView(now, podStatus));
    timelineVersion.set(timelineVersion.get() + 1);
  };
  attach(saved);

  return {
    view,
    activity,
    decisions,
    timeline,
    timelineVersion,
    reattach: attach,
    flushNow() {
      if (pending !== undefined) frames.cancel(pending);
      flush();
    },
    dispose() {
      for (const subscription of subscriptions) subscription.dispose();
      if (pending !== undefined) frames.cancel(pending);
    },
  };
}
