/**
 * The ReplicaSet controller, after pkg/controller/replicaset/replica_set.go: it keeps
 * `spec.replicas` interchangeable pods, named `<replicaset>-<5 random characters>` by the API
 * server's generateName, creating missing ones and deleting extra ones (the least valuable first,
 * as `getPodsToDelete` ranks them), and reports counts in the status. Pods have no identity:
 * any pod can replace any other.
 */
import { deepClone, deepEqual } from '../../api/json.ts';
import { fromLabelSelector, matches } from '../../api/labels.ts';
import type { OwnerReference, Pod, ReplicaSet, ReplicaSetStatus } from '../../api/types.ts';
import { fromRfc3339 } from '../../clock/time.ts';
import type { Task } from '../../clock/virtual-clock.ts';
import type { Component, Runtime } from '../../runtime.ts';
import { SyncQueue } from '../../sync-queue.ts';
import { objectKey } from '../../store/object-store.ts';
import type { WatchEvent } from '../../store/object-store.ts';
import { isSchedulingStatusOnly } from '../../scheduler/nomination.ts';
import {
  getControllerOf,
  isRunningAndAvailable,
  isRunningAndReady,
} from '../statefulset/statefulset-utils.ts';

/** `task.target` of the ReplicaSet controller. */
export const REPLICASET_TARGET = 'replicaset';
const SOURCE = { component: 'replicaset-controller' };
/** burstReplicas: the most pods one sync creates or deletes. */
const BURST_REPLICAS = 500;

/** The ReplicaSet controller. */
export class ReplicaSetController implements Component {
  readonly name = REPLICASET_TARGET;
  readonly #rt: Runtime;
  readonly #queue: SyncQueue;

  /** Creates the controller. */
  constructor(rt: Runtime) {
    this.#rt = rt;
    this.#queue = new SyncQueue(rt, this.name);
  }

  /** Rebuilds the queue after a restore. */
  restore(pending: readonly Task[]): void {
    this.#queue.restore(pending);
  }

  /** Queues the ReplicaSets a change concerns. */
  handle(ev: WatchEvent): void {
    const obj = ev.object;
    if (obj.kind === 'ReplicaSet') {
      this.#enqueue(objectKey(obj.metadata.namespace, obj.metadata.name));
      return;
    }
    if (obj.kind !== 'Pod') return;
    // The scheduler's status writes on a pending pod change nothing a sync looks at (see isSchedulingStatusOnly).
    if (isSchedulingStatusOnly(ev)) return;
    const ns = obj.metadata.namespace ?? 'default';
    const ref = getControllerOf(obj);
    const oldRef = ev.oldObject ? getControllerOf(ev.oldObject) : undefined;
    if (oldRef?.kind === 'ReplicaSet' && oldRef.uid !== ref?.uid)
      this.#enqueue(objectKey(ns, oldRef.name));
    if (ref?.kind === 'ReplicaSet') {
      this.#enqueue(objectKey(ns, ref.name));
      // minReadySeconds: look again once the pod has been ready long enough.
      const old = ev.oldObject as Pod | undefined;
      if (old !== undefined && !isRunningAndReady(old) && isRunningAndReady(obj as Pod)) {
        const rs = this.#rt.api.store.get('ReplicaSet', ns, ref.name);
        const minReady = rs?.spec.minReadySeconds ?? 0;
        if (minReady > 0) {
          this.#rt.clock.schedule(
            { target: this.name, op: 'resync', key: objectKey(ns, ref.name) },
            minReady * 1000 + 1000,
          );
        }
      }
    } else if (ref === undefined && ev.type !== 'DELETED') {
      for (const rs of this.#rt.api.store.list('ReplicaSet', ns)) {
        if (matches(fromLabelSelector(rs.spec.selector), obj.metadata.labels))
          this.#enqueue(objectKey(ns, rs.metadata.name));
      }
    }
  }

  #enqueue(key: string): void {
    this.#queue.add(key);
  }

  /** Runs a queued sync. */
  run(task: Task): void {
    this.#queue.started(task);
    this.syncReplicaSet(task.key);
  }

  /** syncReplicaSet: claim pods, create or delete the difference, write status. */
  syncReplicaSet(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const rs = this.#rt.api.store.get('ReplicaSet', ns, name);
    if (rs === undefined) return;
    const pods = this.#claimPods(rs);
    const active = pods.filter(isPodActive);
    if (rs.metadata.deletionTimestamp === undefined) this.#manageReplicas(active, rs);
    this.#updateStatus(rs, active);
  }

  #claimPods(rs: ReplicaSet): Pod[] {
    const store = this.#rt.api.store;
    const uid = rs.metadata.uid ?? '';
    const selector = fromLabelSelector(rs.spec.selector);
    const out = store
      .dependents(uid, 'Pod')
      .filter((p) => getControllerOf(p)?.uid === uid) as Pod[];
    if (rs.metadata.deletionTimestamp !== undefined) return out;
    for (const pod of store.list('Pod', rs.metadata.namespace)) {
      if (getControllerOf(pod) !== undefined || pod.metadata.deletionTimestamp !== undefined)
        continue;
      if (!matches(selector, pod.metadata.labels)) continue;
      const next = deepClone(pod);
      next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), controllerRef(rs)];
      const res = this.#rt.api.update(next, { internal: true });
      if (res.ok) out.push(res.object as Pod);
    }
    return out;
  }

  /** manageReplicas: create or delete pods so that `spec.replicas` are active. */
  #manageReplicas(active: readonly Pod[], rs: ReplicaSet): void {
    const ns = rs.metadata.namespace ?? 'default';
    const diff = active.length - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      for (let i = 0; i < n; i++) {
        const res = this.#rt.api.create(newPodFromTemplate(rs));
        if (res.ok) {
          this.#rt.recorder.record(
            rs,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${res.object.metadata.name}`,
            SOURCE,
          );
        } else {
          this.#rt.recorder.record(
            rs,
            'Warning',
            'FailedCreate',
            `Error creating: ${res.status.message}`,
            SOURCE,
          );
          break;
        }
      }
      this.#trace(
        rs,
        'update',
        `created ${n} pod(s): ${active.length} of ${rs.spec.replicas ?? 1} were running`,
      );
    } else if (diff > 0) {
      const victims = getPodsToDelete(active, Math.min(diff, BURST_REPLICAS));
      for (const pod of victims) {
        const res = this.#rt.api.delete('Pod', ns, pod.metadata.name);
        if (res.ok) {
          this.#rt.recorder.record(
            rs,
            'Normal',
            'SuccessfulDelete',
            `Deleted pod: ${pod.metadata.name}`,
            SOURCE,
          );
        }
      }
      this.#trace(
        rs,
        'update',
        `deleted ${victims.map((p) => p.metadata.name).join(', ')}: ${active.length} pods for ${rs.spec.replicas ?? 1} replicas (unscheduled, pending and not-ready pods go first)`,
      );
    }
  }

  #updateStatus(rs: ReplicaSet, active: readonly Pod[]): void {
    const now = this.#rt.clock.now();
    const minReady = rs.spec.minReadySeconds ?? 0;
    const templateLabels = rs.spec.template.metadata?.labels ?? {};
    const status: ReplicaSetStatus = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) =>
        Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v),
      ).length,
      readyReplicas: active.filter(isRunningAndReady).length,
      availableReplicas: active.filter((p) => isRunningAndAvailable(p, minReady, now)).length,
      observedGeneration: rs.metadata.generation ?? 0,
    };
    // Zero counters are omitted (omitempty), replicas is always present.
    const ordered: ReplicaSetStatus = {
      replicas: status.replicas,
      ...(status.fullyLabeledReplicas ? { fullyLabeledReplicas: status.fullyLabeledReplicas } : {}),
      ...(status.readyReplicas ? { readyReplicas: status.readyReplicas } : {}),
      ...(status.availableReplicas ? { availableReplicas: status.availableReplicas } : {}),
      observedGeneration: status.observedGeneration ?? 0,
    };
    if (deepEqual(rs.status, ordered)) return;
    const next = deepClone(rs);
    next.status = ordered;
    this.#rt.api.update(next, { subresource: 'status' });
  }

  #trace(rs: ReplicaSet, verdict: 'update' | 'wait', message: string): void {
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'replicaset-controller',
      object: {
        kind: 'ReplicaSet',
        namespace: rs.metadata.namespace ?? 'default',
        name: rs.metadata.name,
      },
      verdict,
      message,
    });
  }
}

/** IsPodActive: not finished and not being deleted. */
function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return (
    phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata.deletionTimestamp === undefined
  );
}

function controllerRef(rs: ReplicaSet): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    name: rs.metadata.name,
    uid: rs.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** GetPodFromTemplate: a pod named by the API server from `<replicaset>-`. */
function newPodFromTemplate(rs: ReplicaSet): Pod {
  const t = deepClone(rs.spec.template);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace ?? 'default',
      ...(t.metadata?.labels ? { labels: t.metadata.labels } : {}),
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [controllerRef(rs)],
    },
    spec: t.spec,
  };
}

/**
 * getPodsToDelete: the `n` least valuable pods (ActivePodsWithRanks): unscheduled before
 * scheduled, Pending before Unknown before Running, not ready before ready, ready for less time,
 * more restarts, newer; then by name so the choice is deterministic.
 */
export function getPodsToDelete(pods: readonly Pod[], n: number): Pod[] {
  const phaseRank = (p: Pod): number =>
    p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2;
  const readySince = (p: Pod): number =>
    fromRfc3339(p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '');
  const restarts = (p: Pod): number =>
    (p.status?.containerStatuses ?? []).reduce((sum, cs) => sum + cs.restartCount, 0);
  const ranked = [...pods].sort((a, b) => {
    const sa = a.spec.nodeName ? 1 : 0;
    const sb = b.spec.nodeName ? 1 : 0;
    if (sa !== sb) return sa - sb;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    const ra = isRunningAndReady(a) ? 1 : 0;
    const rb = isRunningAndReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (ra === 1 && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ca = fromRfc3339(a.metadata.creationTimestamp ?? '');
    const cb = fromRfc3339(b.metadata.creationTimestamp ?? '');
    if (ca !== cb) return cb - ca;
    return a.metadata.name < b.metadata.name ? -1 : 1;
  });
  return ranked.slice(0, n);
}
