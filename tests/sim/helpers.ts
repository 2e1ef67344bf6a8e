/** Helpers shared by the scenario tests (public API only). */
import { createCluster, isRunningAndReady } from '../../src/sim/index.ts';
import type {
  Cluster,
  ClusterOptions,
  Pod,
  PersistentVolumeClaim,
  StatefulSet,
} from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';

/** A kubectl-like STATUS for a pod (enough of printPod's algorithm for assertions). */
export function podStatus(pod: Pod): string {
  if (
    pod.metadata.deletionTimestamp !== undefined &&
    pod.status?.phase !== 'Succeeded' &&
    pod.status?.phase !== 'Failed'
  ) {
    return 'Terminating';
  }
  const cs = pod.status?.containerStatuses?.[0];
  if (cs?.state.waiting?.reason) return cs.state.waiting.reason;
  if (cs?.state.terminated?.reason) return cs.state.terminated.reason;
  return pod.status?.phase ?? '';
}

/** Unwraps an ApiResult, failing the test with the Status message otherwise. */
export function must<T>(
  res: { ok: true; object: T } | { ok: false; status: { message: string } },
): T {
  if (!res.ok) throw new Error(res.status.message);
  return res.object;
}

/** Pods of the default namespace. */
export function pods(c: Cluster): Pod[] {
  return must(c.list('Pod', { namespace: 'default' }));
}

/** Pod names of the default namespace. */
export function podNames(c: Cluster): string[] {
  return pods(c).map((p) => p.metadata.name);
}

/** PVCs of the default namespace. */
export function claims(c: Cluster): PersistentVolumeClaim[] {
  return must(c.list('PersistentVolumeClaim', { namespace: 'default' }));
}

/** The db-cluster StatefulSet. */
export function dbSet(c: Cluster): StatefulSet {
  return must(c.get('StatefulSet', 'default', 'db-cluster'));
}

/** True when every pod of the default namespace is Running and Ready. */
export function allReady(c: Cluster): boolean {
  return pods(c).every(isRunningAndReady);
}

/** A cluster with the db-cluster example applied (optionally tweaked) and run until idle. */
export function dbCluster(
  spec: Record<string, unknown> = {},
  options: ClusterOptions = { seed: 1 },
): Cluster {
  const c = createCluster(options);
  const results = c.apply([dbService(), dbStatefulSet(spec)]);
  for (const r of results) if (!r.ok) throw new Error(r.status.message);
  c.runUntilIdle();
  return c;
}

/** Patches the db-cluster StatefulSet with a merge patch and fails on error. */
export function patchSet(c: Cluster, patch: Record<string, unknown>): void {
  must(c.patch('StatefulSet', 'default', 'db-cluster', patch));
}
