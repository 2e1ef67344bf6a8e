/**
 * Recognises the scheduler's own status writes on a pending pod (`status.nominatedNodeName`, and
 * the `PodScheduled=False` condition of an unschedulable pod), so the simulator's other
 * components can leave them alone.
 */
import { deepEqual } from '../api/json.ts';
import type { Pod, PodStatus } from '../api/types.ts';
import type { WatchEvent } from '../store/object-store.ts';

/** A status without what only the scheduler writes before binding. */
function withoutSchedulerFields(status: PodStatus | undefined): PodStatus {
  const { nominatedNodeName: _n, ...rest } = status ?? {};
  const conditions = (rest.conditions ?? []).filter(
    (c) => !(c.type === 'PodScheduled' && c.status === 'False'),
  );
  return { ...rest, conditions };
}

/**
 * Whether a Pod MODIFIED event changes nothing but `status.nominatedNodeName` or an unschedulable
 * pod's `PodScheduled=False` condition (and the resourceVersion). Upstream, the StatefulSet,
 * ReplicaSet, endpoints and disruption controllers queue a sync for it that finds nothing to do,
 * and the scheduler ignores status-only updates of a pod (isPodUpdated); the simulator skips
 * those no-op syncs, so these writes draw nothing from the seeded generator and every later
 * delay, uid and name stays what it was without them.
 */
export function isSchedulingStatusOnly(ev: WatchEvent): boolean {
  if (ev.type !== 'MODIFIED' || ev.object.kind !== 'Pod' || ev.oldObject === undefined)
    return false;
  // The scheduler writes these only while a pod is unbound: a bound pod's update (the kubelet's
  // status writes, nearly every pod event) is answered without comparing anything.
  if ((ev.object as Pod).spec.nodeName !== undefined) return false;
  // Five components ask about the same event: work it out once.
  let answer = answers.get(ev);
  if (answer === undefined) {
    answer = onlySchedulerFieldsChanged(ev.object as Pod, ev.oldObject as Pod);
    answers.set(ev, answer);
  }
  return answer;
}

/** Answers of {@link isSchedulingStatusOnly}, per event. */
const answers = new WeakMap<WatchEvent, boolean>();

function onlySchedulerFieldsChanged(now: Pod, old: Pod): boolean {
  if (!deepEqual(now.spec, old.spec)) return false;
  const { resourceVersion: _a, ...nowMeta } = now.metadata;
  const { resourceVersion: _b, ...oldMeta } = old.metadata;
  if (!deepEqual(nowMeta, oldMeta)) return false;
  if (deepEqual(now.status, old.status)) return false;
  return deepEqual(withoutSchedulerFields(now.status), withoutSchedulerFields(old.status));
}
