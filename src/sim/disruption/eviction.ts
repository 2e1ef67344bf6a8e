/**
 * The Eviction subresource (`POST pods/<name>/eviction`, `pkg/registry/core/pod/storage/
 * eviction.go`): a delete that respects PodDisruptionBudgets.
 *
 * - A pod that is Pending, Succeeded, Failed or already being deleted is deleted at once
 *   (`canIgnorePDB`).
 * - No budget selects the pod: deleted. More than one: 500 (not supported).
 * - An unready pod may go when the budget is otherwise satisfied (unhealthyPodEvictionPolicy
 *   IfHealthyBudget, the default: currentHealthy ≥ desiredHealthy > 0) or always (AlwaysAllow).
 * - Otherwise `checkAndDecrement`: a budget whose status is older than its spec, or that allows
 *   no disruption, answers 429 TooManyRequests "Cannot evict pod as it would violate the pod's
 *   disruption budget." (kubectl drain retries every 5 s); else disruptionsAllowed is decremented,
 *   the pod is recorded in disruptedPods, and the pod is deleted.
 * - Every deletion is preceded by the pod's `DisruptionTarget` condition (reason
 *   `EvictionByEvictionAPI`, message `Eviction API: evicting`), `addConditionAndDeletePod`.
 */
import { deepClone } from '../api/json.ts';
import type { ApiResult, Status } from '../api/status.ts';
import { notFoundStatus, ok } from '../api/status.ts';
import type { Pod, PodCondition, PodDisruptionBudget } from '../api/types.ts';
import { toRfc3339 } from '../clock/time.ts';
import type { Runtime } from '../runtime.ts';
import type { DisruptionController } from './disruption-controller.ts';
import { DELETION_TIMEOUT_MS } from './disruption-controller.ts';
import { DISRUPTION_ALLOWED, isPodReady, pdbSelects } from './pdb.ts';

/** The message of every PDB refusal. */
export const VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";

function refusal(
  code: number,
  reason: Status['reason'],
  message: string,
  cause?: string,
): {
  ok: false;
  status: Status;
} {
  return {
    ok: false,
    status: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(cause !== undefined
        ? { details: { causes: [{ reason: 'DisruptionBudget', message: cause, field: '' }] } }
        : {}),
      code,
    },
  };
}

/** Evicts a pod; on success the pod is being deleted (gracefully unless `gracePeriodSeconds`). */
export function evictPod(
  rt: Runtime,
  disruption: DisruptionController,
  namespace: string,
  name: string,
  opts: { gracePeriodSeconds?: number } = {},
): ApiResult<null> {
  const pod = rt.api.store.get('Pod', namespace, name);
  if (pod === undefined) return notFoundStatus('Pod', name);
  // addConditionAndDeletePod: every eviction that deletes the pod first marks it with the
  // DisruptionTarget condition (status update on the latest pod, podutil.UpdatePodCondition:
  // appended, or updated in place keeping lastTransitionTime when the status is unchanged).
  const remove = (): ApiResult<null> => {
    const latest = rt.api.store.get('Pod', namespace, name);
    if (latest !== undefined) {
      const marked: Pod = deepClone(latest);
      const status = marked.status ?? {};
      const list = status.conditions ?? [];
      const old = list.find((c) => c.type === 'DisruptionTarget');
      const cond: PodCondition = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime:
          old !== undefined && old.status === 'True'
            ? old.lastTransitionTime
            : toRfc3339(rt.clock.now()),
        reason: 'EvictionByEvictionAPI',
        message: 'Eviction API: evicting',
      };
      status.conditions =
        old === undefined ? [...list, cond] : list.map((c) => (c === old ? cond : c));
      marked.status = status;
      const updated = rt.api.update(marked, { subresource: 'status' });
      if (!updated.ok) return updated;
    }
    const res = rt.api.delete('Pod', namespace, name, opts);
    return res.ok ? ok(null) : res;
  };
  const phase = pod.status?.phase;
  if (
    phase === 'Pending' ||
    phase === 'Succeeded' ||
    phase === 'Failed' ||
    pod.metadata.deletionTimestamp !== undefined
  )
    return remove();
  const pdbs = rt.api.store
    .list('PodDisruptionBudget', namespace)
    .filter((b) => pdbSelects(b, pod));
  if (pdbs.length > 1) {
    return refusal(
      500,
      'InternalError',
      'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    );
  }
  const pdb = pdbs[0];
  if (pdb === undefined) return remove();
  const status = pdb.status ?? {
    disruptionsAllowed: 0,
    currentHealthy: 0,
    desiredHealthy: 0,
    expectedPods: 0,
  };
  if (!isPodReady(pod)) {
    if (pdb.spec.unhealthyPodEvictionPolicy === 'AlwaysAllow') return remove();
    if (status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0)
      return remove();
  }
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) {
    return refusal(
      429,
      'TooManyRequests',
      VIOLATES_BUDGET,
      `The disruption budget ${pdb.metadata.name} is still being processed by the server.`,
    );
  }
  if (status.disruptionsAllowed <= 0) {
    return refusal(
      429,
      'TooManyRequests',
      VIOLATES_BUDGET,
      `The disruption budget ${pdb.metadata.name} needs ${String(status.desiredHealthy)} healthy pods and has ${String(status.currentHealthy)} currently`,
    );
  }
  const now = rt.clock.now();
  const next: PodDisruptionBudget = deepClone(pdb);
  const nextStatus = next.status ?? { ...status };
  nextStatus.disruptionsAllowed -= 1;
  if (nextStatus.disruptionsAllowed === 0) {
    nextStatus.conditions = (nextStatus.conditions ?? []).map((c) =>
      c.type === DISRUPTION_ALLOWED && c.status !== 'False'
        ? {
            ...c,
            status: 'False',
            reason: 'InsufficientPods',
            observedGeneration: nextStatus.observedGeneration ?? 0,
            lastTransitionTime: toRfc3339(now),
          }
        : c,
    );
  }
  nextStatus.disruptedPods = { ...(nextStatus.disruptedPods ?? {}), [name]: toRfc3339(now) };
  next.status = nextStatus;
  rt.api.update(next, { subresource: 'status' });
  disruption.recheckAfter(next, DELETION_TIMEOUT_MS);
  rt.trace.record({
    time: now,
    component: 'eviction',
    object: { kind: 'Pod', namespace, name },
    verdict: 'delete',
    message: `evicted ${name}: PodDisruptionBudget ${pdb.metadata.name} allowed it (${String(nextStatus.disruptionsAllowed)} disruption(s) left)`,
  });
  return remove();
}
