/**
 * The default scheduler: for each unscheduled pod it filters nodes (taints, readiness,
 * nodeSelector, free host ports as NodePorts does, allocatable cpu/memory/pods as
 * NodeResourcesFit does, the node affinity of
 * already-bound volumes), prefers the node running the fewest
 * pods (ties broken by the seeded generator, as kube-scheduler samples among equal scores), and
 * binds. A claim whose StorageClass waits for the first consumer is first given the chosen node
 * (`volume.kubernetes.io/selected-node`); the pod is bound once that claim is Bound. While it waits
 * for that claim the pod carries `status.nominatedNodeName` (1.35 binding cycle), which the binding
 * clears.
 */
import { deepClone } from '../api/json.ts';
import { parseQuantity, podRequests } from '../api/resources.ts';
import type { ResourceAmounts } from '../api/resources.ts';
import type { Node, PersistentVolumeClaim, Pod, PodCondition } from '../api/types.ts';
import { toRfc3339 } from '../clock/time.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import { objectKey } from '../store/object-store.ts';
import type { WatchEvent } from '../store/object-store.ts';
import { NODE_PORTS_CONFLICT, hostPorts, hostPortsFit } from './host-ports.ts';
import { isSchedulingStatusOnly } from './nomination.ts';

/** `task.target` of the scheduler. */
export const SCHEDULER_TARGET = 'scheduler';
/** Annotation the scheduler puts on a WaitForFirstConsumer claim. */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';

/** What the scheduler remembers between tasks (part of a snapshot). */
export interface SchedulerState {
  /** Pods (`ns/name`) waiting for resources to be freed. */
  readonly unfit: readonly string[];
  /** Pods (`ns/name`) assumed on a node while their volumes are bound. */
  readonly assumed?: Readonly<Record<string, string>>;
}

/** Schedules pods onto nodes. */
export class Scheduler implements Component {
  readonly name = SCHEDULER_TARGET;
  readonly #rt: Runtime;
  readonly #queued = new Set<string>();
  /** Unscheduled pods by the claims they mount (`ns/claim`), so a bound claim wakes only its users. */
  readonly #waitingOnClaim = new Map<string, Set<string>>();
  /** Every unscheduled pod (`ns/name`), retried when a node changes. */
  readonly #unscheduled = new Set<string>();
  /** Non-terminal pods per node, for spreading. */
  readonly #podsOnNode = new Map<string, Set<string>>();
  /** What each bound, non-terminal pod reserves on its node. */
  readonly #reserved = new Map<string, ResourceAmounts & { node: string }>();
  /** Requests reserved per node (sums of #reserved). */
  readonly #requested = new Map<string, { milliCpu: number; memory: number }>();
  /** Pods that fit no node for lack of resources; retried when a pod frees some. */
  readonly #unfit = new Set<string>();
  /**
   * Pods assumed on a node while their WaitForFirstConsumer claims are provisioned (the
   * scheduler cache's assumed pods): they count against the node's capacity until bound.
   */
  readonly #assumed = new Map<string, string>();

  /** Creates the scheduler, indexes the pods already in the store and resumes its state. */
  constructor(rt: Runtime, state?: SchedulerState) {
    this.#rt = rt;
    for (const [key, node] of Object.entries(state?.assumed ?? {})) this.#assumed.set(key, node);
    for (const pod of rt.api.store.list('Pod')) this.#index(pod, false);
    for (const key of state?.unfit ?? []) this.#unfit.add(key);
  }

  /** Counts a pod that was placed in the store without a watch event (bootstrap). */
  notice(pod: Pod): void {
    this.#index(pod, false);
  }

  /** The state to snapshot. */
  getState(): SchedulerState {
    const assumed: Record<string, string> = {};
    for (const [k, v] of [...this.#assumed].sort(([a], [b]) => (a < b ? -1 : 1))) assumed[k] = v;
    return { unfit: [...this.#unfit].sort(), assumed };
  }

  /** Rebuilds the "already queued" set after a restore. */
  restore(pending: readonly Task[]): void {
    for (const t of pending) if (t.op === 'schedule') this.#queued.add(t.key);
  }

  #index(pod: Pod, deleted: boolean, quiet = false): void {
    const ns = pod.metadata.namespace ?? 'default';
    const key = objectKey(ns, pod.metadata.name);
    const waiting = !deleted && !pod.spec.nodeName && pod.metadata.deletionTimestamp === undefined;
    if (waiting) this.#unscheduled.add(key);
    else this.#unscheduled.delete(key);
    for (const v of pod.spec.volumes ?? []) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (claim === undefined) continue;
      const claimKey = objectKey(ns, claim);
      let users = this.#waitingOnClaim.get(claimKey);
      if (waiting) {
        if (users === undefined) {
          users = new Set();
          this.#waitingOnClaim.set(claimKey, users);
        }
        users.add(pod.metadata.name);
      } else if (users !== undefined) {
        users.delete(pod.metadata.name);
        if (users.size === 0) this.#waitingOnClaim.delete(claimKey);
      }
    }
    for (const s of this.#podsOnNode.values()) s.delete(key);
    const phase = pod.status?.phase;
    const before = this.#reserved.get(key);
    if (before !== undefined) {
      const total = this.#requested.get(before.node);
      if (total !== undefined) {
        total.milliCpu -= before.milliCpu;
        total.memory -= before.memory;
      }
      this.#reserved.delete(key);
    }
    if (!waiting) this.#assumed.delete(key);
    const node =
      !deleted && pod.spec.nodeName && phase !== 'Succeeded' && phase !== 'Failed'
        ? pod.spec.nodeName
        : waiting
          ? this.#assumed.get(key)
          : undefined;
    if (node !== undefined) {
      let onNode = this.#podsOnNode.get(node);
      if (onNode === undefined) {
        onNode = new Set();
        this.#podsOnNode.set(node, onNode);
      }
      onNode.add(key);
      const req = podRequests(pod.spec);
      this.#reserved.set(key, { ...req, node });
      let total = this.#requested.get(node);
      if (total === undefined) {
        total = { milliCpu: 0, memory: 0 };
        this.#requested.set(node, total);
      }
      total.milliCpu += req.milliCpu;
      total.memory += req.memory;
    } else if (!quiet && before !== undefined && this.#unfit.size > 0) {
      // Capacity was freed: pods that did not fit may fit now (AssignedPodDelete).
      for (const k of [...this.#unfit].sort()) this.#enqueue(k, this.#rt.timings.schedulingDelay);
      this.#unfit.clear();
    }
    if (deleted || !waiting) this.#unfit.delete(key);
  }

  /** Reacts to new pods and to claims becoming usable. */
  handle(ev: WatchEvent): void {
    const obj = ev.object;
    if (obj.kind === 'Pod') {
      const pod = obj as Pod;
      this.#index(pod, ev.type === 'DELETED');
      // The scheduler's own nomination is a status-only change of a pod in flight: upstream's
      // update handler skips it (isPodUpdated ignores status), so it schedules no new attempt.
      if (isSchedulingStatusOnly(ev)) return;
      if (ev.type !== 'DELETED' && !pod.spec.nodeName && !pod.metadata.deletionTimestamp) {
        this.#enqueue(
          objectKey(pod.metadata.namespace, pod.metadata.name),
          this.#rt.timings.schedulingDelay,
        );
      }
    } else if (obj.kind === 'Node' && ev.type === 'MODIFIED') {
      // A node that recovers or loses a taint may fit pods that did not fit before.
      for (const key of [...this.#unscheduled].sort())
        this.#enqueue(key, this.#rt.timings.schedulingDelay);
    } else if (obj.kind === 'PersistentVolumeClaim') {
      const pvc = obj as PersistentVolumeClaim;
      const old = ev.oldObject as PersistentVolumeClaim | undefined;
      const becameBound = pvc.status?.phase === 'Bound' && old?.status?.phase !== 'Bound';
      if (ev.type === 'ADDED' || becameBound) this.#wakeClaimUsers(pvc);
    }
  }

  #wakeClaimUsers(pvc: PersistentVolumeClaim): void {
    const ns = pvc.metadata.namespace ?? 'default';
    const users = this.#waitingOnClaim.get(objectKey(ns, pvc.metadata.name));
    for (const name of [...(users ?? [])].sort()) {
      this.#enqueue(objectKey(ns, name), this.#rt.timings.schedulingDelay);
    }
  }

  #enqueue(key: string, range: readonly [number, number]): void {
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#rt.schedule({ target: this.name, op: 'schedule', key }, range);
  }

  /** Runs one scheduling attempt. */
  run(task: Task): void {
    this.#queued.delete(task.key);
    const [ns, name] = task.key.split('/') as [string, string];
    const pod = this.#rt.api.store.get('Pod', ns, name);
    if (pod === undefined || pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
    this.#schedule(pod);
  }

  #trace(pod: Pod, verdict: 'wait' | 'update', message: string): void {
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'default-scheduler',
      object: {
        kind: 'Pod',
        namespace: pod.metadata.namespace ?? 'default',
        name: pod.metadata.name,
      },
      verdict,
      message,
    });
  }

  /**
   * Records FailedScheduling for a pod that no node passed the filters for (FitError.Error, 1.35).
   * After the filter reasons come the PostFilter plugins' messages, joined by ", "
   * (RunPostFilterPlugins) in profile order: DynamicResources first (DRA is GA and on since 1.34;
   * for a pod without resource claims its PostFilter answers Unschedulable
   * `no new claims to deallocate`), then DefaultPreemption. The preemption part counts, per node,
   * whether evicting lower-priority pods could help: never for taints, selectors or volumes
   * ("Preemption is not helpful"); for lack of resources it could, but no pod here has a lower
   * priority than another ("No preemption victims found for incoming pod").
   */
  #failed(
    pod: Pod,
    total: number,
    reason: string,
    traceMessage: string,
    preemption = `${total} Preemption is not helpful for scheduling`,
  ): void {
    const message = `0/${total} nodes are available: ${reason}. no new claims to deallocate, preemption: 0/${total} nodes are available: ${preemption}.`;
    this.#record(pod, message, traceMessage);
  }

  /**
   * Records FailedScheduling for a pod VolumeBinding's PreFilter rejects (a claim missing, being
   * deleted, or unbound with Immediate binding: UnschedulableAndUnresolvable). RunPreFilterPlugins
   * stops at that plugin, so DynamicResources' PreFilter (later in the profile) never writes its
   * cycle state; its PostFilter, which runs first, then fails to read it and answers an Error with
   * the framework's `not found` (fwk.ErrNotFound), which ends the PostFilter phase before
   * DefaultPreemption. FitError.Error prints the PreFilter message, then that one.
   */
  #rejectedAtPreFilter(pod: Pod, total: number, reason: string, traceMessage: string): void {
    this.#record(pod, `0/${total} nodes are available: ${reason}. not found.`, traceMessage);
  }

  #record(pod: Pod, message: string, traceMessage: string): void {
    this.#rt.recorder.record(pod, 'Warning', 'FailedScheduling', message, {
      component: 'default-scheduler',
    });
    this.#markUnschedulable(pod, message);
    this.#trace(pod, 'wait', traceMessage);
  }

  /**
   * handleSchedulingFailure's updatePod: the pod's `PodScheduled` condition turns False with
   * reason `Unschedulable` and the same message as the event (what `kubectl describe pod` lists
   * under Conditions). podutil.UpdatePodCondition writes only when status, reason or message
   * changed; the transition time moves only when the status does.
   */
  #markUnschedulable(pod: Pod, message: string): void {
    const current = this.#rt.api.store.get('Pod', pod.metadata.namespace, pod.metadata.name);
    if (current === undefined || current.spec.nodeName) return;
    const conditions = current.status?.conditions ?? [];
    const old = conditions.find((c) => c.type === 'PodScheduled');
    if (old?.status === 'False' && old.reason === 'Unschedulable' && old.message === message)
      return;
    const next = deepClone(current);
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime:
        old?.status === 'False' ? old.lastTransitionTime : toRfc3339(this.#rt.clock.now()),
      reason: 'Unschedulable',
      message,
    };
    next.status = {
      ...(next.status ?? {}),
      conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), condition],
    };
    this.#rt.api.update(next, { internal: true, withStatus: true });
  }

  /**
   * calPreFilterState: whether one of the pod's ReadWriteOncePod claims is used by another pod
   * that is on a node (or assumed on one) and not finished.
   */
  #readWriteOncePodInUse(pod: Pod): boolean {
    const store = this.#rt.api.store;
    const ns = pod.metadata.namespace ?? 'default';
    const claims = new Set<string>();
    for (const v of pod.spec.volumes ?? []) {
      const name = v.persistentVolumeClaim?.claimName;
      if (name === undefined) continue;
      const pvc = store.get('PersistentVolumeClaim', ns, name);
      if (pvc?.spec.accessModes?.includes('ReadWriteOncePod')) claims.add(name);
    }
    if (claims.size === 0) return false;
    return store.list('Pod', ns).some((other) => {
      if (other.metadata.uid === pod.metadata.uid) return false;
      const placed =
        other.spec.nodeName !== undefined || this.#assumed.has(objectKey(ns, other.metadata.name));
      const phase = other.status?.phase;
      if (!placed || phase === 'Succeeded' || phase === 'Failed') return false;
      return (other.spec.volumes ?? []).some(
        (v) =>
          v.persistentVolumeClaim !== undefined && claims.has(v.persistentVolumeClaim.claimName),
      );
    });
  }

  #schedule(pod: Pod): void {
    const store = this.#rt.api.store;
    const nodes = store.list('Node');
    const ns = pod.metadata.namespace ?? 'default';
    // Why each node was filtered out, as the scheduler's FitError counts it.
    const rejected = new Map<string, string>();
    // A retry starts from scratch: drop this pod's own assumption first.
    const key = objectKey(ns, pod.metadata.name);
    if (this.#assumed.delete(key)) this.#index(pod, false, true);
    const requests = podRequests(pod.spec);
    // VolumeRestrictions (after NodeResourcesFit in the default profile): a ReadWriteOncePod
    // claim already used by a scheduled pod fails every node (Unschedulable, so preemption is
    // tried; no pod here has a lower priority).
    const rwopConflict = this.#readWriteOncePodInUse(pod);
    const wantsHostPorts = hostPorts(pod).length > 0;
    for (const n of nodes) {
      const why =
        nodeFits(pod, n) ??
        (wantsHostPorts && !this.#hostPortsFit(pod, n) ? NODE_PORTS_CONFLICT : undefined) ??
        this.#resourcesFit(requests, n) ??
        (rwopConflict ? RWOP_CONFLICT : undefined);
      if (why !== undefined) rejected.set(n.metadata.name, why);
    }
    const waitingClaims: PersistentVolumeClaim[] = [];
    for (const v of pod.spec.volumes ?? []) {
      const claimName = v.persistentVolumeClaim?.claimName;
      if (claimName === undefined) continue;
      const pvc = store.get('PersistentVolumeClaim', ns, claimName);
      if (pvc === undefined) {
        this.#rejectedAtPreFilter(
          pod,
          nodes.length,
          `persistentvolumeclaim ${JSON.stringify(claimName)} not found`,
          `waiting: PVC ${claimName} does not exist yet`,
        );
        return;
      }
      if (pvc.metadata.deletionTimestamp !== undefined) {
        this.#rejectedAtPreFilter(
          pod,
          nodes.length,
          `persistentvolumeclaim ${JSON.stringify(claimName)} is being deleted`,
          `waiting: PVC ${claimName} is being deleted`,
        );
        return;
      }
      if (pvc.status?.phase === 'Bound' && pvc.spec.volumeName) {
        const pv = store.get('PersistentVolume', undefined, pvc.spec.volumeName);
        const allowed = pv?.spec.nodeAffinity?.required.nodeSelectorTerms.flatMap((t) =>
          t.matchExpressions
            .filter((e) => e.key === 'kubernetes.io/hostname')
            .flatMap((e) => e.values),
        );
        if (allowed !== undefined && allowed.length > 0) {
          for (const n of nodes) {
            if (!allowed.includes(n.metadata.name) && !rejected.has(n.metadata.name)) {
              rejected.set(n.metadata.name, 'node(s) had volume node affinity conflict');
            }
          }
        }
        continue;
      }
      const className = pvc.spec.storageClassName;
      const sc =
        className === undefined ? undefined : store.get('StorageClass', undefined, className);
      if (sc === undefined || sc.volumeBindingMode !== 'WaitForFirstConsumer') {
        this.#rejectedAtPreFilter(
          pod,
          nodes.length,
          'pod has unbound immediate PersistentVolumeClaims',
          `waiting: PVC ${claimName} is not bound and nothing will provision it for this pod`,
        );
        return;
      }
      waitingClaims.push(pvc);
    }
    const feasible = nodes.filter((n) => !rejected.has(n.metadata.name));
    if (feasible.length === 0) {
      const counts = new Map<string, number>();
      const preemption = new Map<string, number>();
      for (const why of rejected.values()) {
        // NodeResourcesFit reports every resource a node lacks, as separate reasons.
        for (const part of why.split(', ')) counts.set(part, (counts.get(part) ?? 0) + 1);
        const p =
          why.startsWith('Insufficient') ||
          why.startsWith('Too many') ||
          why === RWOP_CONFLICT ||
          why === NODE_PORTS_CONFLICT
            ? 'No preemption victims found for incoming pod'
            : 'Preemption is not helpful for scheduling';
        preemption.set(p, (preemption.get(p) ?? 0) + 1);
      }
      const reasons = [...counts].map(([why, n]) => `${n} ${why}`).sort();
      const preempt = [...preemption].map(([why, n]) => `${n} ${why}`).sort();
      if (preemption.has('No preemption victims found for incoming pod')) this.#unfit.add(key);
      this.#failed(
        pod,
        nodes.length,
        reasons.join(', '),
        `no node fits: ${reasons.join(', ')}`,
        preempt.join(', '),
      );
      return;
    }
    const node = this.#pick(feasible);
    if (waitingClaims.length > 0) {
      const pending = waitingClaims.filter(
        (c) => c.metadata.annotations?.[SELECTED_NODE_ANNOTATION] === undefined,
      );
      const selected =
        waitingClaims[0]?.metadata.annotations?.[SELECTED_NODE_ANNOTATION] ?? node.metadata.name;
      // Scheduling cycle: assume the pod on the node (Reserve).
      this.#assumed.set(key, selected);
      this.#index(pod, false, true);
      // Binding cycle: an unbound claim makes VolumeBinding's PreBindPreFlight succeed, so the
      // scheduler first writes status.nominatedNodeName, then runs PreBind (the claim annotation).
      this.#nominate(pod, selected);
      for (const pvc of pending) {
        const next = deepClone(pvc);
        next.metadata.annotations = {
          ...(next.metadata.annotations ?? {}),
          [SELECTED_NODE_ANNOTATION]: node.metadata.name,
        };
        this.#rt.api.update(next, { internal: true });
      }
      this.#trace(
        pod,
        'wait',
        `waiting for volume binding: ${waitingClaims.map((c) => c.metadata.name).join(', ')} (WaitForFirstConsumer, node ${waitingClaims[0]?.metadata.annotations?.[SELECTED_NODE_ANNOTATION] ?? node.metadata.name})`,
      );
      return;
    }
    this.#bind(pod, node);
  }

  /**
   * NodePorts (after NodeAffinity, before NodeResourcesFit in the default profile): the host
   * ports of the node's non-terminal pods, bound or assumed, must not include one of the pod's.
   * The plugin answers Unschedulable, so preemption is tried (no pod here has a lower priority:
   * "No preemption victims found"), and the pod is retried when a pod leaves a node.
   */
  #hostPortsFit(pod: Pod, node: Node): boolean {
    const store = this.#rt.api.store;
    const others: Pod[] = [];
    for (const key of this.#podsOnNode.get(node.metadata.name) ?? []) {
      const [ns, name] = key.split('/') as [string, string];
      const other = store.get('Pod', ns, name);
      if (other !== undefined) others.push(other);
    }
    return hostPortsFit(pod, others);
  }

  /** NodeResourcesFit: the node's allocatable minus what its pods request must cover the pod. */
  #resourcesFit(req: ResourceAmounts, node: Node): string | undefined {
    const name = node.metadata.name;
    const alloc = node.status.allocatable;
    const maxPods = parseQuantity(alloc['pods'] ?? '110');
    if ((this.#podsOnNode.get(name)?.size ?? 0) + 1 > maxPods) return 'Too many pods';
    const used = this.#requested.get(name) ?? { milliCpu: 0, memory: 0 };
    const why: string[] = [];
    const cpu = Math.round(parseQuantity(alloc['cpu'] ?? '0') * 1000);
    if (req.milliCpu > 0 && used.milliCpu + req.milliCpu > cpu) why.push('Insufficient cpu');
    const mem = parseQuantity(alloc['memory'] ?? '0');
    if (req.memory > 0 && used.memory + req.memory > mem) why.push('Insufficient memory');
    return why.length > 0 ? why.join(', ') : undefined;
  }

  #pick(feasible: readonly Node[]): Node {
    let best: Node[] = [];
    let bestCount = Infinity;
    for (const n of feasible) {
      const c = this.#podsOnNode.get(n.metadata.name)?.size ?? 0;
      if (c < bestCount) {
        best = [n];
        bestCount = c;
      } else if (c === bestCount) best.push(n);
    }
    return best[best.length === 1 ? 0 : this.#rt.random.int(0, best.length - 1)] as Node;
  }

  /**
   * bindingCycle (schedule_one.go, 1.35: NominatedNodeNameForExpectation is Beta and on): when a
   * PreBind plugin has work to do (RunPreBindPreFlights answers Success; of the default plugins
   * only VolumeBinding can, and only while one of the pod's claims is unbound), the scheduler
   * patches `status.nominatedNodeName` to the chosen node (ModeOverride) before PreBind, so the
   * pending pod gets one more update. updatePod writes nothing when the value is already there
   * (a retry of the same pod). A pod whose claims are all bound (or that has none) is bound at
   * once and never nominated.
   */
  #nominate(pod: Pod, nodeName: string): void {
    const current = this.#rt.api.store.get('Pod', pod.metadata.namespace, pod.metadata.name);
    if (current === undefined || current.status?.nominatedNodeName === nodeName) return;
    const next = deepClone(current);
    next.status = { ...(next.status ?? {}), nominatedNodeName: nodeName };
    this.#rt.api.update(next, { internal: true, withStatus: true });
  }

  #bind(pod: Pod, node: Node): void {
    const next = deepClone(pod);
    next.spec.nodeName = node.metadata.name;
    const status = next.status ?? {};
    // The binding subresource clears the nomination in the same write (kube-apiserver 1.35:
    // ClearingNominatedNodeNameAfterBinding is Beta and on; pkg/registry/core/pod/storage).
    delete status.nominatedNodeName;
    status.conditions = [
      ...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
      {
        type: 'PodScheduled',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: toRfc3339(this.#rt.clock.now()),
      },
    ];
    next.status = status;
    // The binding subresource writes nodeName and the PodScheduled condition in one update.
    const res = this.#rt.api.update(next, { internal: true, withStatus: true });
    if (!res.ok) return;
    this.#rt.recorder.record(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} to ${node.metadata.name}`,
      { component: 'default-scheduler' },
    );
    this.#trace(pod, 'update', `bound to ${node.metadata.name}`);
  }
}

/** volumerestrictions.ErrReasonReadWriteOncePodConflict. */
const RWOP_CONFLICT =
  'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

/**
 * Taints (with the taint-toleration rules of the scheduler), cordoning and nodeSelector. Returns
 * why the node does not fit, in the scheduler's words, or undefined when it fits.
 */
function nodeFits(pod: Pod, node: Node): string | undefined {
  if (node.spec.unschedulable) return 'node(s) were unschedulable';
  for (const taint of node.spec.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    const tolerated = (pod.spec.tolerations ?? []).some(
      (t) =>
        (t.effect === undefined || t.effect === '' || t.effect === taint.effect) &&
        ((t.operator === 'Exists' &&
          (t.key === undefined || t.key === '' || t.key === taint.key)) ||
          (t.key === taint.key && (t.value ?? '') === (taint.value ?? ''))),
    );
    // TaintToleration's Filter reason since 1.35 (kubernetes#134740, also on release-1.34 as #135023): the taint
    // is only logged, so nodes with different taints count under one reason.
    if (!tolerated) return 'node(s) had untolerated taint(s)';
  }
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) {
    if (node.metadata.labels?.[k] !== v) return "node(s) didn't match Pod's node affinity/selector";
  }
  return undefined;
}
