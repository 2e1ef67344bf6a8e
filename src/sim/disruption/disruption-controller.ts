/**
 * The disruption controller (`pkg/controller/disruption/disruption.go`): keeps each
 * PodDisruptionBudget's status in step with the pods it selects, so the Eviction subresource can
 * decide. For one budget (`trySync`):
 *
 * - expected pods and desired healthy (`getExpectedPodCount`): minAvailable as an integer means
 *   desiredHealthy = minAvailable and expectedPods = the number of selected pods; a percentage, or
 *   maxUnavailable, uses the summed scale of the pods' controllers (StatefulSet, ReplicaSet,
 *   Deployment) as expectedPods, rounding the percentage up;
 * - currentHealthy (`countHealthyPods`): selected pods that are Ready, not being deleted and not
 *   in `disruptedPods` (recently approved evictions, for two minutes);
 * - disruptionsAllowed = currentHealthy − desiredHealthy, never below 0, and 0 while no pods are
 *   expected; the DisruptionAllowed condition is True/SufficientPods or False/InsufficientPods.
 *
 * "NoPods" is reported as an event when the selector matches nothing.
 */
import { deepClone, deepEqual } from '../api/json.ts';
import type {
  KubeObject,
  MetaCondition,
  Pod,
  PodDisruptionBudget,
  PodDisruptionBudgetStatus,
  StatefulSet,
} from '../api/types.ts';
import { fromRfc3339, toRfc3339 } from '../clock/time.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import { SyncQueue } from '../sync-queue.ts';
import { objectKey, type WatchEvent } from '../store/object-store.ts';
import { DISRUPTION_ALLOWED, isPodReady, pdbSelects, scaled } from './pdb.ts';
import { isSchedulingStatusOnly } from '../scheduler/nomination.ts';

/** `task.target` of the disruption controller. */
export const DISRUPTION_TARGET = 'disruption-controller';
/** DeletionTimeout: how long an approved eviction keeps a pod out of currentHealthy. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

const WATCHED = new Set(['Pod', 'PodDisruptionBudget', 'StatefulSet', 'ReplicaSet', 'Deployment']);

/** Computes PodDisruptionBudget status. */
export class DisruptionController implements Component {
  readonly name = DISRUPTION_TARGET;
  readonly #rt: Runtime;
  readonly #queue: SyncQueue;

  /** Creates the controller. */
  constructor(rt: Runtime) {
    this.#rt = rt;
    this.#queue = new SyncQueue(rt, this.name);
  }

  /**
   * Rebuilds the queue after a restore (from the pending syncs only: a pending `recheck` is not
   * a queued sync, and counting it would keep the budget's key from ever being queued again).
   */
  restore(pending: readonly Task[]): void {
    this.#queue.restore(pending);
  }

  /** Queues the budgets a change may affect (every budget of the object's namespace). */
  handle(ev: WatchEvent): void {
    if (!WATCHED.has(ev.object.kind)) return;
    // The scheduler's status writes on a pending pod change no budget (see isSchedulingStatusOnly).
    if (isSchedulingStatusOnly(ev)) return;
    const ns = ev.object.metadata.namespace ?? 'default';
    if (ev.object.kind === 'PodDisruptionBudget') {
      if (ev.type !== 'DELETED') this.#enqueue(ev.object as PodDisruptionBudget);
      return;
    }
    for (const pdb of this.#rt.api.store.list('PodDisruptionBudget', ns)) {
      if (
        ev.object.kind !== 'Pod' ||
        pdbSelects(pdb, ev.object) ||
        (ev.oldObject !== undefined && pdbSelects(pdb, ev.oldObject))
      )
        this.#enqueue(pdb);
    }
  }

  /** Syncs the budget again when an approved eviction's DeletionTimeout runs out. */
  recheckAfter(pdb: PodDisruptionBudget, ms: number): void {
    this.#rt.clock.schedule(
      {
        target: this.name,
        op: 'recheck',
        key: objectKey(pdb.metadata.namespace, pdb.metadata.name),
      },
      ms,
    );
  }

  #enqueue(pdb: PodDisruptionBudget): void {
    this.#queue.add(objectKey(pdb.metadata.namespace, pdb.metadata.name));
  }

  /** Runs one sync. */
  run(task: Task): void {
    this.#queue.started(task);
    const [ns, name] = task.key.split('/') as [string, string];
    const pdb = this.#rt.api.store.get('PodDisruptionBudget', ns, name);
    if (pdb === undefined || pdb.metadata.deletionTimestamp !== undefined) return;
    this.#sync(pdb);
  }

  #sync(pdb: PodDisruptionBudget): void {
    const ns = pdb.metadata.namespace ?? 'default';
    const pods = this.#rt.api.store.list('Pod', ns).filter((p) => pdbSelects(pdb, p));
    if (pods.length === 0) {
      this.#rt.recorder.record(pdb, 'Normal', 'NoPods', 'No matching pods found', {
        component: 'controllermanager',
      });
    }
    const { expectedPods, desiredHealthy, unmanaged } = this.#expected(pdb, pods);
    if (unmanaged.length > 0) {
      this.#rt.recorder.record(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${selectorString(pdb)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
        { component: 'controllermanager' },
      );
    }
    const now = this.#rt.clock.now();
    const disrupted: Record<string, string> = {};
    let recheck: number | undefined;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      const at = pdb.status?.disruptedPods?.[pod.metadata.name];
      if (at === undefined) continue;
      const expires = fromRfc3339(at) + DELETION_TIMEOUT_MS;
      if (expires < now) {
        this.#rt.recorder.record(
          pod,
          'Warning',
          'NotDeleted',
          // Upstream prints the namespace twice (pdb.Namespace, pdb.Namespace).
          `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`,
          { component: 'controllermanager' },
        );
      } else {
        disrupted[pod.metadata.name] = at;
        recheck = recheck === undefined ? expires : Math.min(recheck, expires);
      }
    }
    const currentHealthy = pods.filter(
      (p) =>
        p.metadata.deletionTimestamp === undefined &&
        disrupted[p.metadata.name] === undefined &&
        isPodReady(p),
    ).length;
    let allowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || allowed <= 0) allowed = 0;
    const old = pdb.status;
    const generation = pdb.metadata.generation ?? 0;
    const status: PodDisruptionBudgetStatus = {
      observedGeneration: generation,
      ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
      disruptionsAllowed: allowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions: withAllowedCondition(old?.conditions, allowed, generation, toRfc3339(now)),
    };
    if (recheck !== undefined) this.recheckAfter(pdb, recheck - now);
    if (old !== undefined && deepEqual(old, status)) return;
    const next = deepClone(pdb);
    next.status = status;
    this.#rt.api.update(next, { subresource: 'status' });
    this.#rt.trace.record({
      time: now,
      component: DISRUPTION_TARGET,
      object: { kind: 'PodDisruptionBudget', namespace: ns, name: pdb.metadata.name },
      verdict: 'update',
      message: `${String(currentHealthy)} of ${String(expectedPods)} selected pods healthy, ${String(desiredHealthy)} required: ${String(allowed)} disruption(s) allowed`,
    });
  }

  /** getExpectedPodCount. */
  #expected(
    pdb: PodDisruptionBudget,
    pods: readonly Pod[],
  ): { expectedPods: number; desiredHealthy: number; unmanaged: string[] } {
    const { minAvailable, maxUnavailable } = pdb.spec;
    if (maxUnavailable !== undefined) {
      const { scale, unmanaged } = this.#expectedScale(pods);
      const desired = Math.max(0, scale - scaled(maxUnavailable, scale));
      return { expectedPods: scale, desiredHealthy: desired, unmanaged };
    }
    if (typeof minAvailable === 'number')
      return { expectedPods: pods.length, desiredHealthy: minAvailable, unmanaged: [] };
    if (typeof minAvailable === 'string') {
      const { scale, unmanaged } = this.#expectedScale(pods);
      return { expectedPods: scale, desiredHealthy: scaled(minAvailable, scale), unmanaged };
    }
    return { expectedPods: 0, desiredHealthy: 0, unmanaged: [] };
  }

  /** getExpectedScale: the summed replicas of the pods' controllers. */
  #expectedScale(pods: readonly Pod[]): { scale: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
      if (ref === undefined) {
        unmanaged.push(pod.metadata.name);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const ns = pod.metadata.namespace ?? 'default';
      const owner = this.#controller(ref.kind, ns, ref.name);
      if (owner === undefined || owner.metadata.uid !== ref.uid) continue;
      scales.set(ref.uid, (owner as StatefulSet).spec.replicas ?? 1);
    }
    let scale = 0;
    for (const n of scales.values()) scale += n;
    return { scale, unmanaged };
  }

  #controller(kind: string, ns: string, name: string): KubeObject | undefined {
    if (kind === 'StatefulSet') return this.#rt.api.store.get('StatefulSet', ns, name);
    if (kind === 'ReplicaSet') return this.#rt.api.store.get('ReplicaSet', ns, name);
    if (kind === 'Deployment') return this.#rt.api.store.get('Deployment', ns, name);
    return undefined;
  }
}

/** pdbhelper.UpdateDisruptionAllowedCondition via meta.SetStatusCondition. */
function withAllowedCondition(
  conditions: readonly MetaCondition[] | undefined,
  allowed: number,
  generation: number,
  now: string,
): MetaCondition[] {
  const status = allowed > 0 ? 'True' : 'False';
  const reason = allowed > 0 ? 'SufficientPods' : 'InsufficientPods';
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === DISRUPTION_ALLOWED);
  const old = i >= 0 ? list[i] : undefined;
  const next: MetaCondition = {
    type: DISRUPTION_ALLOWED,
    status,
    observedGeneration: generation,
    // SetStatusCondition keeps the transition time while the status stays the same.
    lastTransitionTime: old !== undefined && old.status === status ? old.lastTransitionTime : now,
    reason,
    message: '',
  };
  if (i >= 0) list[i] = next;
  else list.push(next);
  return list;
}

function selectorString(pdb: PodDisruptionBudget): string {
  // Go's %v of *metav1.LabelSelector (its String() is the protobuf text form). GUESS: only the
  // matchLabels form is rendered here.
  const labels = pdb.spec.selector?.matchLabels ?? {};
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}:${labels[k] ?? ''},`);
  return `&LabelSelector{MatchLabels:map[string]string{${parts.join('')}},MatchExpressions:[]LabelSelectorRequirement{},}`;
}
