/**
 * Host ports, shared by the scheduler's NodePorts filter and the kubelet's admission check
 * (upstream `scheduler.AdmissionCheck`, which the kubelet calls from
 * `pkg/kubelet/lifecycle/predicate.go`, runs the same `nodeports.Fits`).
 */
import type { Pod } from '../api/types.ts';

/** nodeports.Name: the plugin name, also the kubelet's rejection reason. */
export const NODE_PORTS = 'NodePorts';
/** nodeports.ErrReason. */
export const NODE_PORTS_CONFLICT = "node(s) didn't have free ports for the requested pod ports";

/**
 * util.GetHostPorts: the `protocol/hostPort` pairs a pod claims on its node (ports with a
 * hostPort > 0; protocol defaults to TCP). The simulator has no `hostIP`, so every port is on
 * 0.0.0.0 and two pods conflict exactly when they share a protocol and a host port.
 */
export function hostPorts(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) {
      if (p.hostPort !== undefined && p.hostPort > 0) {
        out.push(`${p.protocol ?? 'TCP'}/${p.hostPort}`);
      }
    }
  }
  return out;
}

/** nodeports.Fits: whether none of `pod`'s host ports is used by one of `others`. */
export function hostPortsFit(pod: Pod, others: Iterable<Pod>): boolean {
  const wanted = hostPorts(pod);
  if (wanted.length === 0) return true;
  for (const other of others) {
    if (other.metadata.uid === pod.metadata.uid) continue;
    if (hostPorts(other).some((p) => wanted.includes(p))) return false;
  }
  return true;
}
