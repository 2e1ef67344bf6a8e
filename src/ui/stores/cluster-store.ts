import { atom, type ReadableAtom } from 'nanostores';
import type {
  Cluster,
  Disposable,
  KubeObject,
  Pod,
  TraceEntry,
  WatchEvent,
} from '../../sim/index.ts';
import { isSystemObject } from '../../sim/index.ts';
import type { FrameScheduler } from '../driver.ts';
import {
  ClusterViewDeriver,
  type ClusterObjects,
  type ClusterView,
  type PodStatusFunction,
} from './cluster-view.ts';
import { Narrator } from './narration.ts';
import { TimelineRecorder, type TimelineData } from './timeline.ts';
import { timed } from './timing.ts';

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

/** The kinds the view is drawn from, and where each goes in {@link ClusterObjects}. */
const VIEW_KINDS = {
  StatefulSet: 'statefulSets',
  Pod: 'pods',
  PersistentVolumeClaim: 'claims',
  PersistentVolume: 'volumes',
  Service: 'services',
  Endpoints: 'endpoints',
  Node: 'nodes',
} as const satisfies Record<string, keyof ClusterObjects>;

type ViewKind = keyof typeof VIEW_KINDS;

const isViewKind = (kind: string): kind is ViewKind => Object.hasOwn(VIEW_KINDS, kind);

/**
 * The objects the view is drawn from, kept up to date from watch events instead of listed again
 * each frame: `list` sorts every kind like etcd, which with a hundred pods, claims and volumes
 * was a good part of a frame. Only the kinds that changed since the last read are collected anew.
 */
class ViewObjects {
  readonly #namespace: string;
  readonly #maps = new Map<ViewKind, Map<string, KubeObject>>();
  #objects: Record<keyof ClusterObjects, readonly KubeObject[]>;
  readonly #dirty = new Set<ViewKind>();

  constructor(objects: ClusterObjects, namespace = 'default') {
    this.#namespace = namespace;
    this.#objects = { ...objects };
    for (const [kind, field] of Object.entries(VIEW_KINDS) as [ViewKind, keyof ClusterObjects][]) {
      const map = new Map<string, KubeObject>();
      for (const object of objects[field]) map.set(object.metadata.name, object);
      this.#maps.set(kind, map);
    }
  }

  /** Takes one watch event. */
  observe(event: WatchEvent): void {
    const object = event.object;
    if (!isViewKind(object.kind)) return;
    const namespace = object.metadata.namespace;
    if (namespace !== undefined && namespace !== this.#namespace) return;
    const map = this.#maps.get(object.kind);
    if (!map) return;
    if (event.type === 'DELETED') map.delete(object.metadata.name);
    else map.set(object.metadata.name, object);
    this.#dirty.add(object.kind);
  }

  /** The current objects; unchanged kinds keep their arrays. */
  read(): ClusterObjects {
    if (this.#dirty.size > 0) {
      const next = { ...this.#objects };
      for (const kind of this.#dirty)
        next[VIEW_KINDS[kind]] = [...(this.#maps.get(kind)?.values() ?? [])];
      this.#dirty.clear();
      this.#objects = next;
    }
    return this.#objects as ClusterObjects;
  }
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
  // A pod's STATUS and READY cells are worked out once per pod object (objects are immutable),
  // for the timeline as the event comes and for the view in the next frame.
  const cells = new WeakMap<Pod, ReturnType<PodStatusFunction>>();
  const podCells: PodStatusFunction = (pod) => {
    let found = cells.get(pod);
    if (!found) {
      found = podStatus(pod);
      cells.set(pod, found);
    }
    return found;
  };
  const deriver = new ClusterViewDeriver(podCells);
  const view = atom<ClusterView>(deriver.derive(readClusterObjects(cluster)));
  const activity = atom<readonly ActivityLine[]>([]);
  const decisions = atom<readonly TraceEntry[]>([]);
  const timeline = new TimelineRecorder((pod) => podCells(pod).status);
  const timelineVersion = atom(0);
  let narrator = new Narrator();
  let timelineChanged = false;
  let pendingLines: ActivityLine[] = [];
  let pendingDecisions: TraceEntry[] = [];
  let pending: number | undefined;
  let subscriptions: Disposable[] = [];
  let objects: ViewObjects | undefined;

  const flush = (): void => timed('flush', flushAll);
  const flushAll = (): void => {
    pending = undefined;
    view.set(deriver.derive(objects?.read() ?? readClusterObjects(cluster)));
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
    const current = new ViewObjects(now);
    objects = current;
    for (const object of [...now.statefulSets, ...now.claims, ...now.pods]) {
      narrator.observe({ type: 'ADDED', object });
    }
    timeline.import(state?.timeline ?? { pods: [], claims: [] });
    activity.set(state?.activity ?? []);
    decisions.set(cluster.trace().slice(-ACTIVITY_LIMIT));
    subscriptions = [
      cluster.watch((event) => {
        // The system pods (kube-system …) are not part of the lessons' picture.
        if (isSystemObject(event.object)) return;
        // Narrate each event as it happens (order and time stay exact); render once per frame.
        const atMs = cluster.now();
        current.observe(event);
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
    deriver.reset();
    view.set(deriver.derive(now));
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
