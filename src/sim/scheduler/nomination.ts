/**
 * Recognises the scheduler's `status.nominatedNodeName` write, so the simulator's other components
 * can leave it alone.
 */
import { deepEqual } from '../api/json.ts';
import type { Pod } from '../api/types.ts';
import type { WatchEvent } from '../store/object-store.ts';

/**
 * Whether a Pod MODIFIED event changes nothing but `status.nominatedNodeName` (and the
 * resourceVersion). Upstream, the StatefulSet, ReplicaSet, endpoints and disruption controllers
 * queue a sync for it that finds nothing to do, and the scheduler ignores status-only updates of
 * a pod (isPodUpdated); the simulator skips those no-op syncs, so the nomination draws nothing
 * from the seeded generator and every later delay, uid and name stays what it was without it.
 */
export function isNominationOnly(ev: WatchEvent): boolean {
  if (ev.type !== 'MODIFIED' || ev.object.kind !== 'Pod' || ev.oldObject === undefined)
    return false;
  const now = ev.object as Pod;
  const old = ev.oldObject as Pod;
  if ((now.status?.nominatedNodeName ?? '') === (old.status?.nominatedNodeName ?? '')) return false;
  if (!deepEqual(now.spec, old.spec)) return false;
  const { resourceVersion: _a, ...nowMeta } = now.metadata;
  const { resourceVersion: _b, ...oldMeta } = old.metadata;
  const { nominatedNodeName: _c, ...nowStatus } = now.status ?? {};
  const { nominatedNodeName: _d, ...oldStatus } = old.status ?? {};
  return deepEqual(nowMeta, oldMeta) && deepEqual(nowStatus, oldStatus);
}
