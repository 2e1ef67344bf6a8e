/**
 * The node lifecycle controller and taint-based eviction, for the node-down fault. When a
 * kubelet stops posting status, after the node monitor grace period the node's conditions become
 * Unknown, it gets the `node.kubernetes.io/unreachable` NoSchedule and NoExecute taints, and its
 * pods are marked not Ready. Pods tolerate the NoExecute taint for their tolerationSeconds (300 s
 * by default) and are then deleted; with the kubelet gone they stay Terminating until someone
 * force-deletes them or the node comes back. A StatefulSet never replaces them before that.
 */
import { deepClone } from '../api/json.ts';
import type { Node, Pod } from '../api/types.ts';
import { toRfc3339 } from '../clock/time.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import { objectKey, type WatchEvent } from '../store/object-store.ts';
import { completeContainer } from './container-exit.ts';
import { isSystemObject } from '../system/system-objects.ts';
import { toleratesTaint } from '../controllers/daemonset/daemonset-controller.ts';

/** What the controller needs of the DaemonSet controller: status writes without a timer. */
export interface DaemonSetStatusWriter {
  /** Runs `fn` (which changes daemon pods' readiness), then writes the DaemonSets' statuses. */
  batchStatus(fn: () => void): void;
}

/** `task.target` of the node lifecycle controller. */
export const NODE_LIFECYCLE_TARGET = 'node-lifecycle';
/** Taint of a node whose kubelet stopped reporting. */
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
/** Taint of a cordoned node (spec.unschedulable), v1.TaintNodeUnschedulable. */
export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

/** Marks silent nodes Unknown, taints them and evicts their pods. */
export class NodeLifecycleController implements Component {
  readonly name = NODE_LIFECYCLE_TARGET;
  readonly #rt: Runtime;
  readonly #daemonSets: DaemonSetStatusWriter | undefined;

  /** Creates the controller. */
  constructor(rt: Runtime, daemonSets?: DaemonSetStatusWriter) {
    this.#rt = rt;
    this.#daemonSets = daemonSets;
  }

  #batch(fn: () => void): void {
    if (this.#daemonSets === undefined) fn();
    else this.#daemonSets.batchStatus(fn);
  }

  /** A node stopped: it is noticed after the grace period. */
  nodeStopped(node: string): void {
    this.#rt.schedule(
      { target: this.name, op: 'check', key: node },
      this.#rt.timings.nodeMonitorGracePeriod,
    );
  }

  /** A node came back: its kubelet reports Ready again at once. */
  nodeStarted(node: string): void {
    this.#rt.schedule(
      { target: this.name, op: 'ready', key: node },
      this.#rt.timings.kubeletSyncDelay,
    );
  }

  /** A pod's main container process exited on its own; see container-exit.ts. */
  containerExited(namespace: string, pod: string, exitCode: number): boolean {
    return completeContainer(this.#rt, namespace, pod, exitCode);
  }

  /**
   * Node changes. A cordon or uncordon (spec.unschedulable) is queued for the NoSchedule tainting
   * pass (upstream `doNoScheduleTaintingPass`, run from the node update queue), and the node's
   * kubelet reports it as an event (`recordNodeSchedulableEvent`).
   */
  handle(ev: WatchEvent): void {
    if (ev.object.kind !== 'Node' || ev.type === 'DELETED') return;
    const node = ev.object as Node;
    const cordoned = node.spec.unschedulable === true;
    const tainted = (node.spec.taints ?? []).some(
      (t) => t.key === UNSCHEDULABLE_TAINT && t.effect === 'NoSchedule',
    );
    if (cordoned !== tainted)
      this.#rt.schedule(
        { target: this.name, op: 'taint', key: node.metadata.name },
        this.#rt.timings.controllerDelay,
      );
    const old = ev.oldObject as Node | undefined;
    if (old !== undefined && (old.spec.unschedulable === true) !== cordoned) {
      const what = cordoned ? 'NodeNotSchedulable' : 'NodeSchedulable';
      this.#rt.recorder.record(
        node,
        'Normal',
        what,
        `Node ${node.metadata.name} status is now: ${what}`,
        {
          component: 'kubelet',
          host: node.metadata.name,
        },
      );
    }
  }

  /** Runs one step. */
  run(task: Task): void {
    if (task.op === 'taint') {
      this.#syncUnschedulableTaint(task.key);
      return;
    }
    if (task.op === 'evict') {
      this.#evict(task);
      return;
    }
    const node = this.#rt.api.store.get('Node', undefined, task.key);
    if (node === undefined) return;
    if (task.op === 'check' && this.#rt.faults.nodeDown(task.key)) this.#markUnknown(node);
    else if (task.op === 'ready' && !this.#rt.faults.nodeDown(task.key)) this.#markReady(node);
  }

  /** Adds or removes node.kubernetes.io/unschedulable:NoSchedule to match spec.unschedulable. */
  #syncUnschedulableTaint(name: string): void {
    const node = this.#rt.api.store.get('Node', undefined, name);
    if (node === undefined) return;
    const cordoned = node.spec.unschedulable === true;
    const others = (node.spec.taints ?? []).filter((t) => t.key !== UNSCHEDULABLE_TAINT);
    const tainted = others.length !== (node.spec.taints ?? []).length;
    if (cordoned === tainted) return;
    const next = deepClone(node);
    const taints = cordoned
      ? [...others, { key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule' }]
      : others;
    if (taints.length > 0) next.spec.taints = taints;
    else delete next.spec.taints;
    this.#rt.api.update(next, { internal: true });
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'node-lifecycle-controller',
      object: { kind: 'Node', name },
      verdict: 'update',
      message: cordoned
        ? `${name} is cordoned: tainted ${UNSCHEDULABLE_TAINT}:NoSchedule, so new pods are not scheduled there`
        : `${name} is uncordoned: removed the ${UNSCHEDULABLE_TAINT} taint`,
    });
  }

  #podsOn(node: string): Pod[] {
    return this.#rt.api.store.list('Pod').filter((p) => p.spec.nodeName === node);
  }

  #markUnknown(node: Node): void {
    const now = toRfc3339(this.#rt.clock.now());
    const name = node.metadata.name;
    const next = deepClone(node);
    next.status.conditions = next.status.conditions.map((c) => ({
      ...c,
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: now,
    }));
    next.spec.taints = [
      ...(next.spec.taints ?? []).filter((t) => t.key !== UNREACHABLE_TAINT),
      { key: UNREACHABLE_TAINT, effect: 'NoSchedule' },
      { key: UNREACHABLE_TAINT, effect: 'NoExecute' },
    ];
    this.#rt.api.update(next, { internal: true, withStatus: true });
    this.#rt.recorder.record(
      node,
      'Normal',
      'NodeNotReady',
      `Node ${name} status is now: NodeNotReady`,
      { component: 'node-controller' },
    );
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'node-lifecycle-controller',
      object: { kind: 'Node', name },
      verdict: 'update',
      message: `${name} stopped reporting: marked Unknown and tainted ${UNREACHABLE_TAINT}; its pods will be evicted after their tolerationSeconds`,
    });
    this.#batch(() => this.#markPodsNotReady(name, now));
  }

  /**
   * MarkPodsNotReady, and the taint manager's timers: a pod is deleted after the shortest
   * tolerationSeconds of its tolerations of the NoExecute unreachable taint (getMinTolerationTime:
   * none → at once; a matching toleration without seconds, as daemon pods have → never).
   */
  #markPodsNotReady(name: string, now: string): void {
    for (const pod of this.#podsOn(name)) {
      // MarkPodsNotReady: only the Ready condition goes False (the container statuses stay as
      // the kubelet last wrote them, so kubectl's READY column still counts 1/1).
      const p = deepClone(pod);
      const status = p.status ?? {};
      status.conditions = (status.conditions ?? []).map((c) =>
        c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c,
      );
      p.status = status;
      this.#rt.api.update(p, { subresource: 'status' });
      this.#rt.recorder.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', {
        component: 'node-controller',
      });
      const seconds = minTolerationSeconds(pod);
      if (seconds === undefined) continue;
      this.#rt.clock.schedule(
        {
          target: this.name,
          op: 'evict',
          key: objectKey(pod.metadata.namespace, pod.metadata.name),
          uid: pod.metadata.uid ?? '',
        },
        seconds * 1000,
      );
    }
  }

  #evict(task: Task): void {
    const [ns, name] = task.key.split('/') as [string, string];
    const pod = this.#rt.api.store.get('Pod', ns, name);
    if (
      pod === undefined ||
      pod.metadata.uid !== task.uid ||
      pod.metadata.deletionTimestamp !== undefined
    )
      return;
    if (!this.#rt.faults.nodeDown(pod.spec.nodeName ?? '')) return;
    this.#rt.recorder.record(
      pod,
      'Normal',
      'TaintManagerEviction',
      `Marking for deletion Pod ${ns}/${name}`,
      { component: 'taint-eviction-controller' },
    );
    this.#rt.api.delete('Pod', ns, name);
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'taint-eviction-controller',
      object: { kind: 'Pod', namespace: ns, name },
      verdict: 'delete',
      message: `evicted ${name} from unreachable node ${pod.spec.nodeName ?? ''}: it stays Terminating until the node returns or it is force-deleted`,
    });
  }

  #markReady(node: Node): void {
    const now = toRfc3339(this.#rt.clock.now());
    const next = deepClone(node);
    const healthy: Record<string, [string, string, string]> = {
      MemoryPressure: [
        'False',
        'KubeletHasSufficientMemory',
        'kubelet has sufficient memory available',
      ],
      DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
    };
    next.status.conditions = next.status.conditions.map((c) => {
      const [status, reason, message] = healthy[c.type] ?? [c.status, c.reason, c.message];
      return {
        ...c,
        status,
        reason,
        message,
        lastHeartbeatTime: now,
        ...(c.status !== status ? { lastTransitionTime: now } : {}),
      };
    });
    const taints = (next.spec.taints ?? []).filter((t) => t.key !== UNREACHABLE_TAINT);
    if (taints.length > 0) next.spec.taints = taints;
    else delete next.spec.taints;
    this.#rt.api.update(next, { internal: true, withStatus: true });
    // The system pods' containers run again with the node (their status is written here, in
    // the same step, so that they add no kubelet task to the clock).
    this.#batch(() => {
      for (const pod of this.#podsOn(node.metadata.name)) {
        if (!isSystemObject(pod) || pod.metadata.deletionTimestamp !== undefined) continue;
        if (pod.status?.phase !== 'Running') continue;
        const p = deepClone(pod);
        const status = p.status ?? {};
        status.conditions = (status.conditions ?? []).map((c) =>
          (c.type === 'Ready' || c.type === 'ContainersReady') && c.status !== 'True'
            ? { ...c, status: 'True', lastTransitionTime: now }
            : c,
        );
        status.containerStatuses = (status.containerStatuses ?? []).map((cs) => ({
          ...cs,
          ready: true,
        }));
        p.status = status;
        this.#rt.api.update(p, { subresource: 'status' });
      }
    });
    this.#rt.recorder.record(
      node,
      'Normal',
      'NodeReady',
      `Node ${node.metadata.name} status is now: NodeReady`,
      { component: 'kubelet', host: node.metadata.name },
    );
  }
}

/**
 * getMinTolerationTime for the NoExecute unreachable taint, in seconds: 0 without a matching
 * toleration, undefined (never evicted) when a matching one has no tolerationSeconds.
 */
function minTolerationSeconds(pod: Pod): number | undefined {
  const taint = { key: UNREACHABLE_TAINT, effect: 'NoExecute' };
  const matching = (pod.spec.tolerations ?? []).filter((t) => toleratesTaint(t, taint));
  if (matching.length === 0) return 0;
  let min: number | undefined;
  for (const t of matching) {
    if (t.tolerationSeconds === undefined) continue;
    const s = Math.max(0, t.tolerationSeconds);
    min = min === undefined ? s : Math.min(min, s);
  }
  return min;
}
