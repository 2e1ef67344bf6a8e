/**
 * The StatefulSet controller's plumbing, after stateful_set.go: it watches StatefulSets, pods
 * and ControllerRevisions, queues the owning set (each key at most once, after a short reaction
 * delay), adopts matching orphans and releases pods that no longer match, runs a pass and writes
 * the status only when it changed.
 */
import { deepClone, deepEqual } from '../../api/json.ts';
import { fromLabelSelector, matches } from '../../api/labels.ts';
import type {
  ControllerRevision,
  KubeObject,
  Pod,
  StatefulSet,
  StatefulSetStatus,
} from '../../api/types.ts';
import type { Task } from '../../clock/virtual-clock.ts';
import type { Component, Runtime } from '../../runtime.ts';
import { objectKey } from '../../store/object-store.ts';
import type { WatchEvent } from '../../store/object-store.ts';
import { isSchedulingStatusOnly } from '../../scheduler/nomination.ts';
import { SetPodIndex } from './set-pod-index.ts';
import { StatefulPodControl } from './stateful-pod-control.ts';
import { StatefulSetControl, completeRollingUpdate } from './statefulset-control.ts';
import {
  getControllerOf,
  isMemberOf,
  isRunningAndReady,
  newControllerRef,
} from './statefulset-utils.ts';

/** `task.target` of the StatefulSet controller. */
export const STATEFULSET_TARGET = 'statefulset';

/** The StatefulSet controller. */
export class StatefulSetController implements Component {
  readonly name = STATEFULSET_TARGET;
  readonly #rt: Runtime;
  readonly #control: StatefulSetControl;
  readonly #queued = new Set<string>();
  /** Each set's member pods by set uid, kept up to date from pod and claim changes. */
  readonly #indexes = new Map<string, SetPodIndex>();
  /** Pods controlled by a set that no longer select them, by set uid: released at its pass. */
  readonly #toRelease = new Map<string, Set<string>>();
  /** Pods without a controller, by namespace: the only pods adoption has to look at. */
  readonly #orphans = new Map<string, Set<string>>();
  /** The set object of each index's last pass (claim events need its templates). */
  readonly #setsByUid = new Map<string, StatefulSet>();
  /** Consecutive failed syncs per key, for the work queue's exponential back-off. */
  readonly #failures: Map<string, number>;

  /** Creates the controller (resuming its retry counters) and indexes existing orphan pods. */
  constructor(rt: Runtime, failures: Readonly<Record<string, number>> = {}) {
    this.#rt = rt;
    this.#failures = new Map(Object.entries(failures));
    this.#control = new StatefulSetControl(rt, new StatefulPodControl(rt));
    for (const pod of rt.api.store.list('Pod')) this.#indexOrphan(pod, false);
  }

  /** Retry counters, for snapshots. */
  getState(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of [...this.#failures].sort(([a], [b]) => (a < b ? -1 : 1))) out[k] = v;
    return out;
  }

  /** Rebuilds the "already queued" set from the restored clock queue. */
  restore(pending: readonly Task[]): void {
    for (const t of pending) if (t.op === 'sync') this.#queued.add(t.key);
  }

  /** Reacts to a store change by queueing the StatefulSets it concerns. */
  handle(ev: WatchEvent): void {
    const obj = ev.object;
    switch (obj.kind) {
      case 'StatefulSet':
        if (ev.type === 'DELETED') {
          this.#indexes.delete(obj.metadata.uid ?? '');
          this.#toRelease.delete(obj.metadata.uid ?? '');
          this.#setsByUid.delete(obj.metadata.uid ?? '');
        }
        this.#enqueue(objectKey(obj.metadata.namespace, obj.metadata.name));
        break;
      case 'Pod':
        this.#onPod(ev, obj as Pod);
        break;
      case 'PersistentVolumeClaim':
        this.#onClaim(obj);
        // A deleted claim may unblock a pod waiting on a stale claim (whenScaled: Delete).
        if (ev.type === 'DELETED') this.#enqueueSelecting(obj);
        break;
      case 'ControllerRevision': {
        const ref = getControllerOf(obj);
        if (ref?.kind === 'StatefulSet') this.#enqueue(objectKey(obj.metadata.namespace, ref.name));
        break;
      }
      default:
        break;
    }
  }

  #indexOrphan(pod: Pod, deleted: boolean): void {
    const ns = pod.metadata.namespace ?? 'default';
    let set = this.#orphans.get(ns);
    if (!deleted && getControllerOf(pod) === undefined) {
      if (set === undefined) {
        set = new Set();
        this.#orphans.set(ns, set);
      }
      set.add(pod.metadata.name);
    } else {
      set?.delete(pod.metadata.name);
    }
  }

  /** A claim changed: its pod's claims may no longer fit the set's retention policy. */
  #onClaim(claim: KubeObject): void {
    const ns = claim.metadata.namespace ?? 'default';
    const name = claim.metadata.name;
    for (const [uid, index] of this.#indexes) {
      const set = this.#setsByUid.get(uid);
      if (set === undefined || (set.metadata.namespace ?? 'default') !== ns) continue;
      // getPersistentVolumeClaimName: <template>-<set>-<ordinal>, i.e. <template>-<pod name>.
      for (const t of set.spec.volumeClaimTemplates ?? []) {
        const prefix = `${t.metadata.name}-`;
        if (name.startsWith(prefix)) {
          const podName = name.slice(prefix.length);
          if (index.isMember(podName)) index.markDirty(podName);
        }
      }
    }
  }

  #onPod(ev: WatchEvent, pod: Pod): void {
    this.#indexOrphan(pod, ev.type === 'DELETED');
    const ns = pod.metadata.namespace ?? 'default';
    const ref = getControllerOf(pod);
    const oldRef = ev.oldObject ? getControllerOf(ev.oldObject) : undefined;
    if (ref !== undefined) this.#indexes.get(ref.uid)?.markDirty(pod.metadata.name);
    if (oldRef !== undefined && oldRef.uid !== ref?.uid)
      this.#indexes.get(oldRef.uid)?.markDirty(pod.metadata.name);
    // The scheduler's status writes on a pending pod change nothing a sync looks at (see isSchedulingStatusOnly).
    if (isSchedulingStatusOnly(ev)) return;
    if (oldRef?.kind === 'StatefulSet' && oldRef.uid !== ref?.uid)
      this.#enqueue(objectKey(ns, oldRef.name));
    if (ref?.kind === 'StatefulSet') {
      const key = objectKey(ns, ref.name);
      this.#enqueue(key);
      // minReadySeconds: look again once the pod has been ready long enough.
      const old = ev.oldObject as Pod | undefined;
      if (old !== undefined && !isRunningAndReady(old) && isRunningAndReady(pod)) {
        const set = this.#rt.api.store.get('StatefulSet', ns, ref.name);
        const minReady = set?.spec.minReadySeconds ?? 0;
        if (minReady > 0) {
          this.#rt.clock.schedule({ target: this.name, op: 'resync', key }, minReady * 1000 + 1000);
        }
      }
      return;
    }
    if (ref === undefined && ev.type !== 'DELETED') {
      // An orphan: any StatefulSet in the namespace that selects it may adopt it.
      this.#enqueueSelecting(pod);
    }
  }

  /** Queues every StatefulSet in the object's namespace whose selector matches its labels. */
  #enqueueSelecting(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? 'default';
    for (const set of this.#rt.api.store.list('StatefulSet', ns)) {
      if (matches(fromLabelSelector(set.spec.selector), obj.metadata.labels)) {
        this.#enqueue(objectKey(ns, set.metadata.name));
      }
    }
  }

  #enqueue(key: string): void {
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#rt.schedule({ target: this.name, op: 'sync', key }, this.#rt.timings.controllerDelay);
  }

  /** Runs a queued sync. */
  run(task: Task): void {
    if (task.op === 'sync') this.#queued.delete(task.key);
    this.syncStatefulSet(task.key);
  }

  /** syncStatefulSet: claim pods and revisions, run a pass, write status. */
  syncStatefulSet(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const set = this.#rt.api.store.get('StatefulSet', ns, name);
    if (set === undefined) return;
    const index = this.#claimPods(set);
    const revisions = this.#claimRevisions(set);
    const result = this.#control.updateStatefulSet(set, index, revisions);
    this.#updateStatus(set, completeRollingUpdate(set, result.status));
    if (result.failed) {
      // The work queue's default per-item limiter: 5ms doubling per failure, capped at 1000s.
      const n = this.#failures.get(key) ?? 0;
      this.#failures.set(key, n + 1);
      this.#rt.clock.schedule(
        { target: this.name, op: 'resync', key },
        Math.min(1_000_000, 5 * 2 ** n),
      );
    } else {
      this.#failures.delete(key);
    }
  }

  /**
   * Claims the set's pods into its index: re-reads the pods that changed since the last pass
   * (every dependent pod on the first pass, after a restore or when deletion starts), releases
   * controlled pods that no longer match, and adopts matching orphans.
   */
  #claimPods(set: StatefulSet): SetPodIndex {
    const store = this.#rt.api.store;
    const selector = fromLabelSelector(set.spec.selector);
    const uid = set.metadata.uid ?? '';
    const ns = set.metadata.namespace ?? 'default';
    const deleting = set.metadata.deletionTimestamp !== undefined;
    this.#setsByUid.set(uid, set);
    let index = this.#indexes.get(uid);
    if (index === undefined) {
      index = new SetPodIndex();
      this.#indexes.set(uid, index);
    }
    let toRelease = this.#toRelease.get(uid);
    if (toRelease === undefined) {
      toRelease = new Set();
      this.#toRelease.set(uid, toRelease);
    }
    const dirty = index.takeDirty(deleting);
    const names =
      dirty === undefined
        ? store.dependents(uid, 'Pod', false).map((p) => p.metadata.name)
        : [...dirty, ...toRelease];
    if (dirty === undefined) toRelease.clear();
    const release: Pod[] = [];
    for (const podName of new Set(names)) {
      const pod = store.get('Pod', ns, podName);
      if (pod === undefined || getControllerOf(pod)?.uid !== uid) {
        index.removeMember(podName);
        toRelease.delete(podName);
        continue;
      }
      if (!deleting && (!matches(selector, pod.metadata.labels) || !isMemberOf(set, pod))) {
        index.removeMember(podName);
        toRelease.add(podName);
        release.push(pod);
        continue;
      }
      toRelease.delete(podName);
      index.setMember(pod);
    }
    release.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    for (const pod of release) this.#release(set, pod);
    if (!deleting) {
      for (const podName of [...(this.#orphans.get(ns) ?? [])].sort()) {
        const pod = store.get('Pod', ns, podName);
        if (pod === undefined || pod.metadata.deletionTimestamp !== undefined) continue;
        if (!matches(selector, pod.metadata.labels) || !isMemberOf(set, pod)) continue;
        const adopted = this.#adopt(set, pod);
        if (adopted !== undefined) index.setMember(adopted as Pod);
      }
    }
    return index;
  }

  #claimRevisions(set: StatefulSet): ControllerRevision[] {
    const store = this.#rt.api.store;
    const selector = fromLabelSelector(set.spec.selector);
    const uid = set.metadata.uid ?? '';
    const out = store
      .dependents(uid, 'ControllerRevision')
      .filter((r) => getControllerOf(r)?.uid === uid) as ControllerRevision[];
    if (set.metadata.deletionTimestamp === undefined) {
      for (const r of store.list('ControllerRevision', set.metadata.namespace)) {
        if (getControllerOf(r) !== undefined || !matches(selector, r.metadata.labels)) continue;
        const adopted = this.#adopt(set, r);
        if (adopted !== undefined) out.push(adopted as ControllerRevision);
      }
    }
    return out;
  }

  #adopt(set: StatefulSet, obj: KubeObject): KubeObject | undefined {
    const next = deepClone(obj);
    next.metadata.ownerReferences = [
      ...(next.metadata.ownerReferences ?? []),
      newControllerRef(set),
    ];
    const res = this.#rt.api.update(next, { internal: true });
    if (!res.ok) return undefined;
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'statefulset-controller',
      object: {
        kind: 'StatefulSet',
        namespace: set.metadata.namespace ?? 'default',
        name: set.metadata.name,
      },
      verdict: 'update',
      message: `adopted orphan ${obj.kind} ${obj.metadata.name} (it matches the selector)`,
    });
    return res.object;
  }

  #release(set: StatefulSet, pod: Pod): void {
    const next = deepClone(pod);
    next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter(
      (r) => r.uid !== set.metadata.uid,
    );
    if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
    this.#rt.api.update(next, { internal: true });
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'statefulset-controller',
      object: {
        kind: 'StatefulSet',
        namespace: set.metadata.namespace ?? 'default',
        name: set.metadata.name,
      },
      verdict: 'update',
      message: `released pod ${pod.metadata.name}: it no longer matches the selector`,
    });
  }

  #updateStatus(set: StatefulSet, status: StatefulSetStatus): void {
    const ordered = orderStatus(status);
    if (deepEqual(set.status, ordered)) return;
    const next = deepClone(set);
    next.status = ordered;
    this.#rt.api.update(next, { subresource: 'status' });
  }
}

/** Puts status fields in apps/v1's serialisation order, dropping zero omitempty counters. */
function orderStatus(s: StatefulSetStatus): StatefulSetStatus {
  return {
    ...(s.observedGeneration !== undefined ? { observedGeneration: s.observedGeneration } : {}),
    replicas: s.replicas,
    ...(s.readyReplicas ? { readyReplicas: s.readyReplicas } : {}),
    ...(s.currentReplicas ? { currentReplicas: s.currentReplicas } : {}),
    ...(s.updatedReplicas ? { updatedReplicas: s.updatedReplicas } : {}),
    ...(s.currentRevision ? { currentRevision: s.currentRevision } : {}),
    ...(s.updateRevision ? { updateRevision: s.updateRevision } : {}),
    collisionCount: s.collisionCount ?? 0,
    availableReplicas: s.availableReplicas,
  };
}
