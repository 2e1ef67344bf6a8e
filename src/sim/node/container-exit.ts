/**
 * A container's main process exits on its own (the learner typed `exit` in the shell that
 * `kubectl run -it` attached to). What the kubelet then reports depends on the pod's
 * restartPolicy (kubelet `computePodActions` / `getPhase`): with Never, or OnFailure and exit code
 * 0, the container stays terminated and the pod reaches a terminal phase (Succeeded when every
 * container exited 0, else Failed), with Ready and ContainersReady False for reason PodCompleted.
 * Restarting containers (Always, OnFailure with a failure) are the kubelet's (`containerExited`
 * there): this returns `false` for them.
 */
import { deepClone } from '../api/json.ts';
import type { Pod, PodCondition, PodStatus } from '../api/types.ts';
import { toRfc3339 } from '../clock/time.ts';
import type { Runtime } from '../runtime.ts';
import { withMainContainerTerminated } from '../kubelet/container-state.ts';

/** Conditions in the order the kubelet lists them. */
const CONDITION_ORDER: readonly PodCondition['type'][] = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

/**
 * Marks the first container of a running pod terminated with `exitCode` and gives the pod its
 * terminal phase. Returns false (and changes nothing) when the pod is not running, is being
 * deleted, or would restart the container.
 */
export function completeContainer(
  rt: Runtime,
  namespace: string,
  name: string,
  exitCode: number,
): boolean {
  const pod = rt.api.store.get('Pod', namespace, name);
  if (pod === undefined || pod.metadata.deletionTimestamp) return false;
  if (pod.status?.phase !== 'Running') return false;
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0)) return false;
  const startedAt = pod.status.containerStatuses?.[0]?.state.running?.startedAt;
  if (startedAt === undefined) return false;
  const now = toRfc3339(rt.clock.now());
  const next: Pod = deepClone(pod);
  const status: PodStatus = next.status ?? {};
  status.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
  const setCondition = (type: PodCondition['type'], reason?: string): void => {
    const list = status.conditions ?? [];
    const old = list.find((c) => c.type === type);
    const cond: PodCondition = {
      type,
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : now,
      ...(reason !== undefined ? { reason } : {}),
    };
    status.conditions = [...list.filter((c) => c.type !== type), cond].sort(
      (a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type),
    );
  };
  // The kubelet sets no reason on PodReadyToStartContainers.
  setCondition('PodReadyToStartContainers');
  setCondition('Ready', 'PodCompleted');
  setCondition('ContainersReady', 'PodCompleted');
  status.containerStatuses = withMainContainerTerminated(
    status.containerStatuses,
    exitCode,
    startedAt,
    now,
  );
  next.status = status;
  rt.api.update(next, { subresource: 'status' });
  rt.trace.record({
    time: rt.clock.now(),
    component: 'kubelet',
    object: { kind: 'Pod', namespace, name },
    verdict: 'update',
    message: `container ${pod.spec.containers[0]?.name ?? ''} exited with code ${String(exitCode)}: restartPolicy ${policy}, so the pod is ${status.phase}`,
  });
  return true;
}
