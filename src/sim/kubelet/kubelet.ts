/**
 * The kubelets of all nodes (one component, state per node): they notice pods bound to their
 * node, pull images (slow the first time on a node, `already present` afterwards unless the pull
 * policy is Always), start containers, probe readiness, restart crashed containers with
 * back-off (CrashLoopBackOff), and on deletion stop the containers, mark the pod's phase terminal
 * and remove the object. Events use the kubelet's recent wording.
 *
 * Readiness probes run on the virtual clock, on a grid of `periodSeconds` from the container's
 * start, but only while their result can still change the pod: after a container starts, or
 * after a fault that changes the probe's answer, the kubelet probes each period until
 * `successThreshold` (or `failureThreshold`) identical results have settled Ready, and then stops
 * scheduling probes. A probe's answer depends only on the injected faults, so the probes a real
 * kubelet keeps running would all repeat the settled answer; skipping them changes nothing the
 * API shows except the count of repeated `Unhealthy` events, and lets an undisturbed cluster go
 * idle (`runUntilIdle()` returns). A fault change re-arms the probe at the next grid tick.
 */
import { deepClone } from '../api/json.ts';
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types.ts';
import { formatGoDuration, fromRfc3339, toRfc3339 } from '../clock/time.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import type { TraceVerdict } from '../trace.ts';
import { objectKey } from '../store/object-store.ts';
import type { WatchEvent } from '../store/object-store.ts';
import { lookupImage, parseImage } from './images.ts';
import { withMainContainerTerminated } from './container-state.ts';
import { containerProgram, START_ERROR_EXIT_CODE } from './container-command.ts';
import { completeContainer } from '../node/container-exit.ts';
import { NODE_PORTS, NODE_PORTS_CONFLICT, hostPortsFit } from '../scheduler/host-ports.ts';
import { attachableVolumeName } from '../volume/attach-detach.ts';
import { isSystemObject } from '../system/system-objects.ts';

/** `task.target` of the kubelets. */
export const KUBELET_TARGET = 'kubelet';

/** What the kubelets remember between tasks (part of a snapshot). */
export interface KubeletState {
  /** Images present on each node. */
  readonly images: Record<string, string[]>;
  /** Image-pull back-off (ms) per pod uid. */
  readonly backoff: Record<string, number>;
  /** Virtual time a pull started, per pod uid (for the Pulled event's duration). */
  readonly pullStart: Record<string, number>;
  /** Container restart back-off per pod uid (the kubelet's crash back-off entry). */
  readonly restartBackoff?: Record<string, RestartBackoff>;
  /** Readiness prober state per pod uid. */
  readonly probes?: Record<string, ProbeState>;
  /** Pods (`namespace/name` → uid) waiting for their attachable volumes to be attached. */
  readonly waitingAttach?: Record<string, string>;
}

/** One entry of the kubelet's crash back-off (flowcontrol.Backoff): current delay and last use. */
export interface RestartBackoff {
  readonly delayMs: number;
  readonly lastUpdate: number;
}

/** A readiness prober worker: its tick grid and the run of identical results so far. */
export interface ProbeState {
  /** Virtual time of tick 0; ticks follow every periodSeconds. */
  readonly grid: number;
  readonly last: '' | 'success' | 'failure';
  readonly run: number;
}

/** Crash back-off: 10s doubling to 5 minutes (kubelet's initial and max container back-off). */
const CRASH_BACKOFF_INITIAL_MS = 10_000;
const CRASH_BACKOFF_MAX_MS = 300_000;

const CONDITION_ORDER: readonly PodCondition['type'][] = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

/** Simulates the kubelet on every node. */
export class Kubelet implements Component {
  readonly name = KUBELET_TARGET;
  readonly #rt: Runtime;
  readonly #images: Map<string, Set<string>>;
  readonly #backoff: Map<string, number>;
  readonly #pullStart: Map<string, number>;
  readonly #restartBackoff: Map<string, RestartBackoff>;
  readonly #probes: Map<string, ProbeState>;
  /** Pods (key → uid) whose volumes are not attached to their node yet (volume manager). */
  readonly #waitingAttach: Map<string, string>;
  /** Pods (uid) with a probe tick on the clock, so a fault change does not add a second one. */
  readonly #probeQueued = new Set<string>();

  /** Creates the kubelets, resuming from saved state. */
  constructor(rt: Runtime, state?: KubeletState) {
    this.#rt = rt;
    this.#images = new Map(Object.entries(state?.images ?? {}).map(([k, v]) => [k, new Set(v)]));
    this.#backoff = new Map(Object.entries(state?.backoff ?? {}));
    this.#pullStart = new Map(Object.entries(state?.pullStart ?? {}));
    this.#restartBackoff = new Map(Object.entries(state?.restartBackoff ?? {}));
    this.#probes = new Map(Object.entries(state?.probes ?? {}));
    this.#waitingAttach = new Map(Object.entries(state?.waitingAttach ?? {}));
  }

  /** Rebuilds the set of queued probe ticks after a restore. */
  restore(pending: readonly Task[]): void {
    for (const t of pending)
      if (t.op === 'probe' && t.uid !== undefined) this.#probeQueued.add(t.uid);
  }

  /** The state to snapshot. */
  getState(): KubeletState {
    const images: Record<string, string[]> = {};
    for (const [node, set] of [...this.#images].sort(([a], [b]) => (a < b ? -1 : 1)))
      images[node] = [...set].sort();
    const backoff: Record<string, number> = {};
    for (const [uid, ms] of [...this.#backoff].sort(([a], [b]) => (a < b ? -1 : 1)))
      backoff[uid] = ms;
    const pullStart: Record<string, number> = {};
    for (const [uid, t] of [...this.#pullStart].sort(([a], [b]) => (a < b ? -1 : 1)))
      pullStart[uid] = t;
    const restartBackoff: Record<string, RestartBackoff> = {};
    for (const [uid, b] of [...this.#restartBackoff].sort(([a], [c]) => (a < c ? -1 : 1)))
      restartBackoff[uid] = { ...b };
    const probes: Record<string, ProbeState> = {};
    for (const [uid, p] of [...this.#probes].sort(([a], [b]) => (a < b ? -1 : 1)))
      probes[uid] = { ...p };
    const waitingAttach: Record<string, string> = {};
    for (const [key, uid] of [...this.#waitingAttach].sort(([a], [b]) => (a < b ? -1 : 1)))
      waitingAttach[key] = uid;
    return {
      images,
      backoff,
      pullStart,
      restartBackoff,
      probes,
      // Only when used, so snapshots of clusters without attachable volumes keep their bytes.
      ...(this.#waitingAttach.size > 0 ? { waitingAttach } : {}),
    };
  }

  /** Reacts to pods being bound to a node or marked for deletion. */
  handle(ev: WatchEvent): void {
    if (ev.object.kind === 'Node') {
      if (this.#waitingAttach.size > 0) this.#volumesAttached(ev.object.metadata.name);
      return;
    }
    if (ev.object.kind !== 'Pod') return;
    const pod = ev.object as Pod;
    const key = objectKey(pod.metadata.namespace, pod.metadata.name);
    const uid = pod.metadata.uid ?? '';
    if (ev.type === 'DELETED') {
      if (this.#waitingAttach.get(key) === uid) this.#waitingAttach.delete(key);
      this.#backoff.delete(uid);
      this.#pullStart.delete(uid);
      this.#restartBackoff.delete(uid);
      this.#probes.delete(uid);
      this.#probeQueued.delete(uid);
      return;
    }
    const old = ev.oldObject as Pod | undefined;
    if (pod.spec.nodeName && !old?.spec.nodeName && !pod.metadata.deletionTimestamp) {
      this.#rt.schedule(
        { target: this.name, op: 'sync', key, uid },
        this.#rt.timings.kubeletSyncDelay,
      );
    }
    if (pod.spec.nodeName && pod.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp) {
      this.#rt.schedule(
        { target: this.name, op: 'kill', key, uid },
        this.#rt.timings.kubeletSyncDelay,
      );
    }
  }

  /** Runs one kubelet step for one pod. */
  run(task: Task): void {
    if (task.op === 'probe') this.#probeQueued.delete(task.uid ?? '');
    const [ns, name] = task.key.split('/') as [string, string];
    const pod = this.#rt.api.store.get('Pod', ns, name);
    if (pod === undefined || pod.metadata.uid !== task.uid || !pod.spec.nodeName) return;
    // A stopped node's kubelet does nothing; nodeStarted() picks its pods up again.
    if (this.#rt.faults.nodeDown(pod.spec.nodeName)) return;
    switch (task.op) {
      case 'sync':
        // A terminal pod (completed, or rejected at admission) is never started again.
        if (!pod.metadata.deletionTimestamp && !isTerminal(pod)) this.#sync(pod, task);
        break;
      case 'pull':
        if (!pod.metadata.deletionTimestamp) this.#pull(pod, task);
        break;
      case 'pull-failed':
        if (!pod.metadata.deletionTimestamp) this.#pullFailed(pod, task);
        break;
      case 'back-off':
        if (!pod.metadata.deletionTimestamp) this.#backOff(pod, task);
        break;
      case 'pulled':
        if (!pod.metadata.deletionTimestamp) this.#pulled(pod, task);
        break;
      case 'start':
        if (!pod.metadata.deletionTimestamp) this.#start(pod);
        break;
      case 'probe':
        if (!pod.metadata.deletionTimestamp) this.#probe(pod);
        break;
      case 'crash':
        if (!pod.metadata.deletionTimestamp) this.#crashTick(pod);
        break;
      case 'exit':
        if (!pod.metadata.deletionTimestamp) this.#programExited(pod);
        break;
      case 'crash-back-off':
        if (!pod.metadata.deletionTimestamp) this.#crashBackOff(pod);
        break;
      case 'restart':
        if (!pod.metadata.deletionTimestamp) this.#restart(pod, task);
        break;
      case 'ready-again':
        if (!pod.metadata.deletionTimestamp && pod.status?.phase === 'Running') {
          if (pod.spec.containers[0]?.readinessProbe !== undefined) this.reprobe(ns, name);
          else
            this.#writeStatus(pod, (s) => {
              this.#setCondition(s, 'Ready', 'True');
              this.#setCondition(s, 'ContainersReady', 'True');
              s.containerStatuses = (s.containerStatuses ?? []).map((cs) => ({
                ...cs,
                ready: true,
              }));
            });
        }
        break;
      case 'kill':
        this.#kill(pod, task);
        break;
      case 'stopped':
        this.#stopped(pod, task);
        break;
      case 'remove':
        this.#rt.api.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
        break;
      default:
        break;
    }
  }

  #source(pod: Pod): { component: string; host: string } {
    return { component: 'kubelet', host: pod.spec.nodeName ?? '' };
  }

  #container(pod: Pod): { name: string; image: string; pullPolicy: string } {
    const c = pod.spec.containers[0];
    return {
      name: c?.name ?? '',
      image: c?.image ?? '',
      pullPolicy: c?.imagePullPolicy ?? 'IfNotPresent',
    };
  }

  #writeStatus(pod: Pod, mutate: (status: PodStatus) => void): void {
    const next = deepClone(pod);
    const status = next.status ?? {};
    mutate(status);
    // status_manager mergePodStatus: conditions the kubelet does not own (DisruptionTarget, set
    // by the Eviction API) come first, then the kubelet's own.
    if (status.conditions !== undefined) {
      const own = (c: PodCondition): boolean => CONDITION_ORDER.includes(c.type);
      status.conditions = [
        ...status.conditions.filter((c) => !own(c)),
        ...status.conditions.filter(own),
      ];
    }
    next.status = orderPodStatus(status);
    this.#rt.api.update(next, { subresource: 'status' });
  }

  #setCondition(
    status: PodStatus,
    type: PodCondition['type'],
    value: 'True' | 'False',
    reason?: string,
    message?: string,
  ): void {
    const now = toRfc3339(this.#rt.clock.now());
    const list = status.conditions ?? [];
    const existing = list.find((c) => c.type === type);
    const cond: PodCondition = {
      type,
      status: value,
      lastProbeTime: null,
      lastTransitionTime:
        existing !== undefined && existing.status === value ? existing.lastTransitionTime : now,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    };
    const others = list.filter((c) => c.type !== type);
    status.conditions = [...others, cond].sort(
      (a, b) => CONDITION_ORDER.indexOf(a.type) - CONDITION_ORDER.indexOf(b.type),
    );
  }

  #containerStatuses(
    pod: Pod,
    state: ContainerStatus['state'],
    ready: boolean,
    started: boolean,
  ): ContainerStatus[] {
    return pod.spec.containers.map((c) => {
      const ref = parseImage(c.image ?? '');
      const old = pod.status?.containerStatuses?.find((s) => s.name === c.name);
      return {
        name: c.name,
        image: ref.full,
        imageID: started ? `${ref.repository}@sha256:${this.#digest(ref.full)}` : '',
        ...(started || old?.containerID
          ? {
              containerID:
                old?.containerID ?? `containerd://${this.#digest(pod.metadata.uid + c.name)}`,
            }
          : {}),
        ready,
        started,
        restartCount: old?.restartCount ?? 0,
        state,
        lastState: old?.lastState ?? {},
      };
    });
  }

  /** A stable pseudo digest (hex) derived from a string, so ids look like containerd's. */
  #digest(s: string): string {
    let h1 = 0x811c9dc5;
    let out = '';
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < s.length; i++) h1 = Math.imul(h1 ^ s.charCodeAt(i), 0x01000193) >>> 0;
      h1 = Math.imul(h1 ^ round, 0x01000193) >>> 0;
      out += h1.toString(16).padStart(8, '0');
    }
    return out;
  }

  #notReadyMessage(pod: Pod): string {
    return `containers with unready status: [${pod.spec.containers.map((c) => c.name).join(' ')}]`;
  }

  #sync(pod: Pod, task: Task): void {
    const node = pod.spec.nodeName ?? '';
    if (!this.#admit(pod, node)) return;
    const nodeObj = this.#rt.api.store.get('Node', undefined, node);
    const hostIP = nodeObj?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
    this.#writeStatus(pod, (s) => {
      s.phase = 'Pending';
      this.#setCondition(s, 'PodReadyToStartContainers', 'False');
      this.#setCondition(s, 'Initialized', 'True');
      this.#setCondition(s, 'Ready', 'False', 'ContainersNotReady', this.#notReadyMessage(pod));
      this.#setCondition(
        s,
        'ContainersReady',
        'False',
        'ContainersNotReady',
        this.#notReadyMessage(pod),
      );
      this.#setCondition(s, 'PodScheduled', 'True');
      s.hostIP = hostIP;
      s.hostIPs = [{ ip: hostIP }];
      s.startTime = toRfc3339(this.#rt.clock.now());
      s.containerStatuses = this.#containerStatuses(
        pod,
        { waiting: { reason: 'ContainerCreating' } },
        false,
        false,
      );
    });
    // volumemanager WaitForAttachAndMount: attachable volumes must be attached to this node
    // (listed in its status.volumesAttached) first; the pod stays ContainerCreating meanwhile.
    const unattached = this.#unattachedVolumes(pod);
    if (unattached.length > 0) {
      this.#waitingAttach.set(
        objectKey(pod.metadata.namespace, pod.metadata.name),
        pod.metadata.uid ?? '',
      );
      this.#trace(
        pod,
        'wait',
        `waiting for volumes ${unattached.join(', ')} to be attached to ${node} (attachdetach-controller)`,
      );
      return;
    }
    this.#pull(pod, task);
  }

  /** Records the kubelet's decision about `pod` in the decision trace. */
  #trace(pod: Pod, verdict: TraceVerdict, message: string): void {
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'kubelet',
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
   * canAdmitPod, the part the simulator models: predicateAdmitHandler.Admit runs
   * `scheduler.AdmissionCheck`, whose NodePorts check rejects a pod wanting a host port that a pod
   * already admitted on this node (not terminal; here: one the kubelet has synced, so it has a
   * `startTime`) uses. A pod bound with `spec.nodeName` never met the scheduler, so this is where
   * the conflict is caught. rejectPod: a Warning event with the predicate's reason, and the pod
   * goes Failed with that reason and `Pod was rejected: <message>`; no container is ever created.
   * Returns whether the pod was admitted.
   */
  #admit(pod: Pod, node: string): boolean {
    const others = this.#rt.api.store
      .list('Pod')
      .filter(
        (o) =>
          o.spec.nodeName === node &&
          o.status?.startTime !== undefined &&
          o.status.phase !== 'Succeeded' &&
          o.status.phase !== 'Failed',
      );
    if (hostPortsFit(pod, others)) return true;
    // PredicateFailureError.Error().
    const message = `Predicate ${NODE_PORTS} failed: ${NODE_PORTS_CONFLICT}`;
    this.#rt.recorder.record(pod, 'Warning', NODE_PORTS, message, this.#source(pod));
    this.#writeStatus(pod, (s) => {
      s.phase = 'Failed';
      s.reason = NODE_PORTS;
      s.message = `Pod was rejected: ${message}`;
      // status_manager mergePodStatus keeps only the conditions the kubelet does not own;
      // updateStatusInternal gives the status a startTime.
      const kept = (s.conditions ?? []).filter((c) => !CONDITION_ORDER.includes(c.type));
      if (kept.length > 0) s.conditions = kept;
      else delete s.conditions;
      s.startTime = toRfc3339(this.#rt.clock.now());
    });
    this.#trace(
      pod,
      'update',
      `rejected ${pod.metadata.name}: a pod admitted on ${node} already uses one of its host ports (NodePorts); the pod is Failed`,
    );
    return false;
  }

  /** The attachable volumes (pod volume names) of a pod that are not attached to its node yet. */
  #unattachedVolumes(pod: Pod): string[] {
    const store = this.#rt.api.store;
    const node = store.get('Node', undefined, pod.spec.nodeName ?? '');
    const attached = new Set((node?.status.volumesAttached ?? []).map((v) => v.name));
    const out: string[] = [];
    for (const v of pod.spec.volumes ?? []) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (claim === undefined) continue;
      const pvName = store.get('PersistentVolumeClaim', pod.metadata.namespace, claim)?.spec
        .volumeName;
      const pv = pvName ? store.get('PersistentVolume', undefined, pvName) : undefined;
      const unique = pv === undefined ? undefined : attachableVolumeName(pv);
      if (unique !== undefined && !attached.has(unique)) out.push(v.name);
    }
    return out;
  }

  /** A node's attached volumes changed: pods waiting there whose volumes are all in go on. */
  #volumesAttached(nodeName: string): void {
    for (const [key, uid] of [...this.#waitingAttach].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [ns, name] = key.split('/') as [string, string];
      const pod = this.#rt.api.store.get('Pod', ns, name);
      if (pod === undefined || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp) {
        this.#waitingAttach.delete(key);
        continue;
      }
      if (pod.spec.nodeName !== nodeName || this.#unattachedVolumes(pod).length > 0) continue;
      this.#waitingAttach.delete(key);
      this.#rt.schedule(
        { target: this.name, op: 'pull', key, uid },
        this.#rt.timings.kubeletSyncDelay,
      );
    }
  }

  #pull(pod: Pod, task: Task): void {
    const node = pod.spec.nodeName ?? '';
    const c = this.#container(pod);
    const ref = parseImage(c.image);
    const present = this.#images.get(node)?.has(ref.full) ?? false;
    const src = this.#source(pod);
    const fieldPath = `spec.containers{${c.name}}`;
    if (present && c.pullPolicy !== 'Always') {
      this.#rt.recorder.record(
        pod,
        'Normal',
        'Pulled',
        `Container image ${JSON.stringify(c.image)} already present on machine`,
        src,
        fieldPath,
      );
      this.#rt.schedule(
        { target: this.name, op: 'start', key: task.key, uid: task.uid ?? '' },
        this.#rt.timings.containerStart,
      );
      return;
    }
    this.#rt.recorder.record(
      pod,
      'Normal',
      'Pulling',
      `Pulling image ${JSON.stringify(c.image)}`,
      src,
      fieldPath,
    );
    this.#pullStart.set(pod.metadata.uid ?? '', this.#rt.clock.now());
    if (lookupImage(c.image) === undefined || this.#rt.faults.pullFails(c.image)) {
      this.#rt.schedule(
        { target: this.name, op: 'pull-failed', key: task.key, uid: task.uid ?? '' },
        [500, 1500],
      );
      return;
    }
    const range = present ? this.#rt.timings.imagePullCached : this.#rt.timings.imagePullFirst;
    this.#rt.schedule(
      { target: this.name, op: 'pulled', key: task.key, uid: task.uid ?? '' },
      range,
    );
  }

  #pulled(pod: Pod, task: Task): void {
    const node = pod.spec.nodeName ?? '';
    const c = this.#container(pod);
    const ref = parseImage(c.image);
    const info = lookupImage(c.image);
    let images = this.#images.get(node);
    if (images === undefined) {
      images = new Set();
      this.#images.set(node, images);
    }
    images.add(ref.full);
    // The time since Pulling, printed with Go's duration format as the kubelet does.
    const uid = pod.metadata.uid ?? '';
    const d = formatGoDuration(
      this.#rt.clock.now() - (this.#pullStart.get(uid) ?? this.#rt.clock.now()),
    );
    this.#pullStart.delete(uid);
    this.#rt.recorder.record(
      pod,
      'Normal',
      'Pulled',
      `Successfully pulled image ${JSON.stringify(c.image)} in ${d} (${d} including waiting). Image size: ${info?.sizeBytes ?? 0} bytes.`,
      this.#source(pod),
      `spec.containers{${c.name}}`,
    );
    this.#backoff.delete(uid);
    this.#rt.schedule(
      { target: this.name, op: 'start', key: task.key, uid: task.uid ?? '' },
      this.#rt.timings.containerStart,
    );
  }

  #pullFailed(pod: Pod, task: Task): void {
    const c = this.#container(pod);
    const ref = parseImage(c.image);
    const src = this.#source(pod);
    const fieldPath = `spec.containers{${c.name}}`;
    const detail = `rpc error: code = NotFound desc = failed to pull and unpack image ${JSON.stringify(ref.full)}: failed to resolve reference ${JSON.stringify(ref.full)}: ${ref.full}: not found`;
    this.#rt.recorder.record(
      pod,
      'Warning',
      'Failed',
      `Failed to pull image ${JSON.stringify(c.image)}: ${detail}`,
      src,
      fieldPath,
    );
    this.#rt.recorder.record(pod, 'Warning', 'Failed', 'Error: ErrImagePull', src, fieldPath);
    this.#writeStatus(pod, (s) => {
      s.containerStatuses = this.#containerStatuses(
        pod,
        { waiting: { reason: 'ErrImagePull', message: detail } },
        false,
        false,
      );
    });
    this.#rt.schedule(
      { target: this.name, op: 'back-off', key: task.key, uid: task.uid ?? '' },
      [500, 1500],
    );
  }

  #backOff(pod: Pod, task: Task): void {
    const c = this.#container(pod);
    const src = this.#source(pod);
    const fieldPath = `spec.containers{${c.name}}`;
    const uid = pod.metadata.uid ?? '';
    // Image pull back-off doubles from 10s up to 5 minutes.
    const delay = Math.min(300_000, (this.#backoff.get(uid) ?? 5_000) * 2);
    this.#backoff.set(uid, delay);
    this.#rt.recorder.record(
      pod,
      'Normal',
      'BackOff',
      `Back-off pulling image ${JSON.stringify(c.image)}`,
      src,
      fieldPath,
    );
    this.#rt.recorder.record(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', src, fieldPath);
    this.#writeStatus(pod, (s) => {
      s.containerStatuses = this.#containerStatuses(
        pod,
        {
          waiting: {
            reason: 'ImagePullBackOff',
            message: `Back-off pulling image ${JSON.stringify(c.image)}`,
          },
        },
        false,
        false,
      );
    });
    this.#rt.clock.schedule({ target: this.name, op: 'pull', key: task.key, uid }, delay);
    this.#trace(
      pod,
      'wait',
      `image ${c.image} cannot be pulled: retrying in ${delay / 1000}s (ImagePullBackOff)`,
    );
  }

  #start(pod: Pod): void {
    const src = this.#source(pod);
    const main = pod.spec.containers[0];
    const program = main === undefined ? undefined : containerProgram(main);
    if (program?.kind === 'start-error') {
      this.#startFailed(pod, program.message);
      return;
    }
    // A program that ends at once (`echo hi`) is never seen ready.
    const exitsAtOnce = program?.kind === 'exits' && program.durationMs === 0;
    for (const container of pod.spec.containers) {
      const fieldPath = `spec.containers{${container.name}}`;
      this.#rt.recorder.record(
        pod,
        'Normal',
        'Created',
        `Created container: ${container.name}`,
        src,
        fieldPath,
      );
      this.#rt.recorder.record(
        pod,
        'Normal',
        'Started',
        `Started container ${container.name}`,
        src,
        fieldPath,
      );
    }
    const ns = pod.metadata.namespace ?? 'default';
    const node = pod.spec.nodeName ?? '';
    const nodeIndex = this.#nodeIndex(node);
    // hostNetwork pods (kube-proxy, kindnet, static pods) use the node's own address.
    const ip =
      pod.status?.podIP ??
      (pod.spec.hostNetwork === true
        ? (pod.status?.hostIP ?? '')
        : this.#rt.ids.podIp(node, nodeIndex));
    const probe = pod.spec.containers[0]?.readinessProbe;
    const crash = this.#rt.faults.crash(ns, pod.metadata.name);
    const ready = probe === undefined && crash?.afterSeconds !== 0 && !exitsAtOnce;
    const now = this.#rt.clock.now();
    const startedAt = toRfc3339(now);
    // A restart: the previous run's termination moves to lastState and restartCount goes up.
    const previous = pod.status?.containerStatuses?.[0];
    const lastRun = previous?.state.terminated ?? previous?.lastState.terminated;
    const restarting =
      previous?.state.terminated !== undefined ||
      previous?.state.waiting?.reason === 'CrashLoopBackOff';
    this.#writeStatus(pod, (s) => {
      s.phase = 'Running';
      s.podIP = ip;
      s.podIPs = [{ ip }];
      this.#setCondition(s, 'PodReadyToStartContainers', 'True');
      if (ready) {
        this.#setCondition(s, 'Ready', 'True');
        this.#setCondition(s, 'ContainersReady', 'True');
      }
      s.containerStatuses = this.#containerStatuses(pod, { running: { startedAt } }, ready, true);
      if (restarting) {
        s.containerStatuses = s.containerStatuses.map((cs, i) =>
          i === 0
            ? {
                ...cs,
                containerID: `containerd://${this.#digest(`${pod.metadata.uid ?? ''}${cs.name}${cs.restartCount + 1}`)}`,
                restartCount: cs.restartCount + 1,
                lastState: lastRun ? { terminated: lastRun } : {},
              }
            : cs,
        );
      }
    });
    const key = objectKey(pod.metadata.namespace, pod.metadata.name);
    const uid = pod.metadata.uid ?? '';
    if (program?.kind === 'exits') {
      // The command runs to its end; the kubelet sees the exit at its next relist.
      this.#rt.clock.schedule({ target: this.name, op: 'exit', key, uid }, program.durationMs);
    }
    if (crash !== undefined) {
      // The process exits on its own; the kubelet sees it at its next relist.
      this.#rt.clock.schedule(
        { target: this.name, op: 'crash', key, uid },
        crash.afterSeconds * 1000,
      );
    }
    if (probe !== undefined && crash?.afterSeconds !== 0) {
      // A new container gets a fresh prober worker; readiness starts as failure.
      this.#probes.set(uid, { grid: now + this.#rt.draw([0, 1000]), last: '', run: 0 });
      this.#scheduleProbe(pod, now + (probe.initialDelaySeconds ?? 0) * 1000);
    }
  }

  /** Queues the first probe tick at or after `notBefore` on the pod's probe grid. */
  #scheduleProbe(pod: Pod, notBefore: number): void {
    const uid = pod.metadata.uid ?? '';
    const probe = pod.spec.containers[0]?.readinessProbe;
    if (probe === undefined || this.#probeQueued.has(uid)) return;
    const now = this.#rt.clock.now();
    const state = this.#probes.get(uid) ?? { grid: now, last: '', run: 0 };
    this.#probes.set(uid, state);
    const period = Math.max(1, probe.periodSeconds ?? 10) * 1000;
    const from = Math.max(now, notBefore);
    const k = Math.max(0, Math.ceil((from - state.grid) / period));
    this.#probeQueued.add(uid);
    this.#rt.clock.schedule(
      {
        target: this.name,
        op: 'probe',
        key: objectKey(pod.metadata.namespace, pod.metadata.name),
        uid,
      },
      state.grid + k * period - now,
    );
  }

  /** One readiness probe tick (the prober worker's doProbe). */
  #probe(pod: Pod): void {
    if (pod.status?.phase !== 'Running') return;
    const c = pod.spec.containers[0];
    const probe = c?.readinessProbe;
    const cs = pod.status.containerStatuses?.[0];
    const running = cs?.state.running;
    // Crashed containers are not probed; the restart arms a new worker.
    if (c === undefined || probe === undefined || running === undefined) return;
    const now = this.#rt.clock.now();
    const uid = pod.metadata.uid ?? '';
    const initialDelay = (probe.initialDelaySeconds ?? 0) * 1000;
    if (now < fromRfc3339(running.startedAt) + initialDelay) {
      this.#scheduleProbe(pod, fromRfc3339(running.startedAt) + initialDelay);
      return;
    }
    const ns = pod.metadata.namespace ?? 'default';
    const failing = this.#rt.faults.readinessFails(ns, pod.metadata.name);
    const result = failing ? 'failure' : 'success';
    const prev = this.#probes.get(uid) ?? { grid: now, last: '', run: 0 };
    const run = prev.last === result ? prev.run + 1 : 1;
    this.#probes.set(uid, { grid: prev.grid, last: result, run });
    const wasReady = cs?.ready === true;
    const settled =
      run >= (failing ? (probe.failureThreshold ?? 3) : (probe.successThreshold ?? 1));
    if (failing) {
      this.#rt.recorder.record(
        pod,
        'Warning',
        'Unhealthy',
        `Readiness probe failed: ${probeFailure(pod, probe)}`,
        this.#source(pod),
        `spec.containers{${c.name}}`,
      );
      if (settled && wasReady) {
        this.#writeStatus(pod, (s) => {
          this.#setCondition(s, 'Ready', 'False', 'ContainersNotReady', this.#notReadyMessage(pod));
          this.#setCondition(
            s,
            'ContainersReady',
            'False',
            'ContainersNotReady',
            this.#notReadyMessage(pod),
          );
          s.containerStatuses = (s.containerStatuses ?? []).map((x) => ({ ...x, ready: false }));
        });
      }
      this.#trace(
        pod,
        'wait',
        settled
          ? `readiness probe of ${pod.metadata.name} fails: the pod stays 0/1 and is removed from Service endpoints`
          : `readiness probe of ${pod.metadata.name} failed ${run} time(s); Ready changes after ${probe.failureThreshold ?? 3} failures in a row (failureThreshold)`,
      );
    } else if (settled && !wasReady) {
      this.#writeStatus(pod, (s) => {
        this.#setCondition(s, 'Ready', 'True');
        this.#setCondition(s, 'ContainersReady', 'True');
        s.containerStatuses = (s.containerStatuses ?? []).map((x) => ({ ...x, ready: true }));
      });
    }
    // Keep probing only while the result can still change the pod's readiness.
    if (!settled) this.#scheduleProbe(pod, now + 1);
  }

  /** A crash fault's timer: the container's process exits. */
  #crashTick(pod: Pod): void {
    const ns = pod.metadata.namespace ?? 'default';
    const crash = this.#rt.faults.crash(ns, pod.metadata.name);
    const cs = pod.status?.containerStatuses?.[0];
    if (crash === undefined || cs === undefined) return;
    const startedAt = cs.state.running?.startedAt;
    if (startedAt === undefined) return;
    // A timer from an earlier run (fault cleared and injected again) is stale.
    if (this.#rt.clock.now() < fromRfc3339(startedAt) + crash.afterSeconds * 1000 - 1000) return;
    this.#crashed(pod, crash.exitCode, startedAt);
  }

  /**
   * The container exited and its restartPolicy restarts it: report it terminated, then restart it at once
   * the first time, or after the back-off (doBackOff in kuberuntime_manager.go) when it crashed
   * recently: 10s, doubling up to 5 minutes, forgotten after 10 minutes without a crash.
   */
  #crashed(pod: Pod, exitCode: number, startedAt: string): void {
    const now = this.#rt.clock.now();
    const finishedAt = toRfc3339(now);
    this.#writeStatus(pod, (s) => {
      this.#setCondition(s, 'Ready', 'False', 'ContainersNotReady', this.#notReadyMessage(pod));
      this.#setCondition(
        s,
        'ContainersReady',
        'False',
        'ContainersNotReady',
        this.#notReadyMessage(pod),
      );
      s.containerStatuses = withMainContainerTerminated(
        s.containerStatuses,
        exitCode,
        startedAt,
        finishedAt,
      );
    });
    this.#restartLater(pod, exitCode);
  }

  /** An exited container is restarted: at once, or after the crash back-off (see #crashed). */
  #restartLater(pod: Pod, exitCode: number): void {
    const now = this.#rt.clock.now();
    const c = this.#container(pod);
    const uid = pod.metadata.uid ?? '';
    const key = objectKey(pod.metadata.namespace, pod.metadata.name);
    const entry = this.#restartBackoff.get(uid);
    const inBackOff = entry !== undefined && now - entry.lastUpdate <= 2 * CRASH_BACKOFF_MAX_MS;
    this.#trace(
      pod,
      'wait',
      inBackOff
        ? `container ${c.name} exited with code ${exitCode}: restarting in ${formatGoDuration(entry.delayMs)} (CrashLoopBackOff)`
        : `container ${c.name} exited with code ${exitCode}: restarting it (restartPolicy Always)`,
    );
    if (!inBackOff) {
      this.#rt.schedule(
        { target: this.name, op: 'restart', key, uid },
        this.#rt.timings.kubeletSyncDelay,
      );
      return;
    }
    this.#rt.schedule(
      { target: this.name, op: 'crash-back-off', key, uid },
      this.#rt.timings.kubeletSyncDelay,
    );
    this.#rt.clock.schedule({ target: this.name, op: 'restart', key, uid }, entry.delayMs);
  }

  /**
   * The container's command (container-command.ts) ran to its end: a pod whose restartPolicy
   * restarts it (Always, OnFailure after a failure) goes the crash way (Completed or Error, then
   * restarts with back-off: CrashLoopBackOff); otherwise the pod completes (container-exit.ts).
   */
  #programExited(pod: Pod): void {
    const main = pod.spec.containers[0];
    const startedAt = pod.status?.containerStatuses?.[0]?.state.running?.startedAt;
    if (main === undefined || startedAt === undefined) return;
    const program = containerProgram(main);
    if (program.kind !== 'exits') return;
    // A timer of an earlier run (ended early by a fault or an attached `exit`) is stale.
    if (this.#rt.clock.now() < fromRfc3339(startedAt) + program.durationMs - 1000) return;
    const policy = pod.spec.restartPolicy ?? 'Always';
    if (policy === 'Always' || (policy === 'OnFailure' && program.exitCode !== 0)) {
      this.#crashed(pod, program.exitCode, startedAt);
      return;
    }
    completeContainer(
      this.#rt,
      pod.metadata.namespace ?? 'default',
      pod.metadata.name,
      program.exitCode,
    );
  }

  /**
   * The runtime could not start the container (its executable is not in the image): containerd
   * reports it exited with reason StartError and code 128 and the message of its error, which
   * the kubelet also puts in a `Failed` event (`Error: …`); the process never started, so
   * startedAt is the zero time. Restarted with back-off as a crash is, unless restartPolicy is
   * Never, which fails the pod. GUESS: the kubelet's short-lived RunContainerError waiting
   * reason between the failure and the next relist is not shown.
   */
  #startFailed(pod: Pod, message: string): void {
    const c = this.#container(pod);
    const src = this.#source(pod);
    const fieldPath = `spec.containers{${c.name}}`;
    this.#rt.recorder.record(
      pod,
      'Normal',
      'Created',
      `Created container: ${c.name}`,
      src,
      fieldPath,
    );
    this.#rt.recorder.record(pod, 'Warning', 'Failed', `Error: ${message}`, src, fieldPath);
    const node = pod.spec.nodeName ?? '';
    const ip = pod.status?.podIP ?? this.#rt.ids.podIp(node, this.#nodeIndex(node));
    const finishedAt = toRfc3339(this.#rt.clock.now());
    const policy = pod.spec.restartPolicy ?? 'Always';
    const failed = policy === 'Never';
    const previous = pod.status?.containerStatuses?.[0];
    const lastRun = previous?.state.terminated ?? previous?.lastState.terminated;
    const restarting =
      previous?.state.terminated !== undefined ||
      previous?.state.waiting?.reason === 'CrashLoopBackOff';
    this.#writeStatus(pod, (s) => {
      s.phase = failed ? 'Failed' : 'Running';
      s.podIP = ip;
      s.podIPs = [{ ip }];
      this.#setCondition(s, 'PodReadyToStartContainers', failed ? 'False' : 'True');
      if (failed) {
        this.#setCondition(s, 'Ready', 'False', 'PodCompleted');
        this.#setCondition(s, 'ContainersReady', 'False', 'PodCompleted');
      }
      s.containerStatuses = this.#containerStatuses(pod, {}, false, true).map((cs, i) => {
        if (i !== 0) return cs;
        const containerID = restarting
          ? `containerd://${this.#digest(`${pod.metadata.uid ?? ''}${cs.name}${cs.restartCount + 1}`)}`
          : (cs.containerID ?? '');
        return {
          ...cs,
          containerID,
          started: false,
          restartCount: restarting ? cs.restartCount + 1 : cs.restartCount,
          state: {
            terminated: {
              exitCode: START_ERROR_EXIT_CODE,
              reason: 'StartError',
              message,
              startedAt: '1970-01-01T00:00:00Z',
              finishedAt,
              containerID,
            },
          },
          lastState: restarting && lastRun ? { terminated: lastRun } : cs.lastState,
        };
      });
    });
    if (!failed) this.#restartLater(pod, START_ERROR_EXIT_CODE);
  }

  /** The next sync finds the container in back-off: CrashLoopBackOff and a BackOff event. */
  #crashBackOff(pod: Pod): void {
    const cs = pod.status?.containerStatuses?.[0];
    const entry = this.#restartBackoff.get(pod.metadata.uid ?? '');
    if (cs?.state.terminated === undefined || entry === undefined) return;
    const c = this.#container(pod);
    const podRef = `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
    this.#rt.recorder.record(
      pod,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${podRef}`,
      this.#source(pod),
      `spec.containers{${c.name}}`,
    );
    const terminated = cs.state.terminated;
    this.#writeStatus(pod, (s) => {
      s.containerStatuses = (s.containerStatuses ?? []).map((x, i) =>
        i === 0
          ? {
              ...x,
              state: {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: `back-off ${formatGoDuration(entry.delayMs)} restarting failed container=${c.name} pod=${podRef}`,
                },
              },
              lastState: { terminated },
            }
          : x,
      );
    });
  }

  /** Restarts a crashed container (backOff.Next, then pull and start as usual). */
  #restart(pod: Pod, task: Task): void {
    const cs = pod.status?.containerStatuses?.[0];
    if (cs === undefined || cs.state.running !== undefined) return;
    const uid = pod.metadata.uid ?? '';
    const now = this.#rt.clock.now();
    const entry = this.#restartBackoff.get(uid);
    const expired = entry === undefined || now - entry.lastUpdate > 2 * CRASH_BACKOFF_MAX_MS;
    this.#restartBackoff.set(uid, {
      delayMs: expired
        ? CRASH_BACKOFF_INITIAL_MS
        : Math.min(CRASH_BACKOFF_MAX_MS, entry.delayMs * 2),
      lastUpdate: now,
    });
    this.#pull(pod, task);
  }

  /** The node's kubelet starts again: finish deletions, start pods that never started, re-report readiness. */
  nodeStarted(node: string): void {
    for (const pod of this.#rt.api.store.list('Pod')) {
      if (pod.spec.nodeName !== node) continue;
      const key = objectKey(pod.metadata.namespace, pod.metadata.name);
      const uid = pod.metadata.uid ?? '';
      const started = pod.status?.containerStatuses?.some((cs) => cs.started) ?? false;
      // Running system pods are reported ready by the node lifecycle controller's NodeReady step.
      if (started && !pod.metadata.deletionTimestamp && isSystemObject(pod)) continue;
      if (pod.metadata.deletionTimestamp !== undefined) {
        this.#rt.schedule(
          { target: this.name, op: 'kill', key, uid },
          this.#rt.timings.kubeletSyncDelay,
        );
      } else if (!started) {
        this.#rt.schedule(
          { target: this.name, op: 'sync', key, uid },
          this.#rt.timings.kubeletSyncDelay,
        );
      } else {
        this.#rt.schedule(
          { target: this.name, op: 'ready-again', key, uid },
          this.#rt.timings.kubeletSyncDelay,
        );
      }
    }
  }

  /**
   * A fault changed what the pod's probe answers: probe again from the next tick of its grid
   * until the new answer has settled (see the file comment).
   */
  reprobe(namespace: string, podName: string): void {
    const pod = this.#rt.api.store.get('Pod', namespace, podName);
    const probe = pod?.spec.containers[0]?.readinessProbe;
    if (pod === undefined || probe === undefined || pod.status?.phase !== 'Running') return;
    if (pod.status.containerStatuses?.[0]?.state.running === undefined) return;
    this.#scheduleProbe(pod, this.#rt.clock.now());
  }

  /**
   * A running container's main process exited on its own (`exit` in the shell `kubectl run -it`
   * attached to) in a pod whose restartPolicy restarts it (Always, or OnFailure after a failure):
   * like a crash, the container is reported terminated with the code and restarted, at once the
   * first time and then with the CrashLoopBackOff back-off (kuberuntime_manager.go
   * computePodActions / doBackOff). Returns false when there is no running container to exit.
   */
  containerExited(namespace: string, podName: string, exitCode: number): boolean {
    const pod = this.#rt.api.store.get('Pod', namespace, podName);
    const running = pod?.status?.containerStatuses?.[0]?.state.running;
    if (pod === undefined || running === undefined) return false;
    if (pod.metadata.deletionTimestamp !== undefined || !pod.spec.nodeName) return false;
    if (this.#rt.faults.nodeDown(pod.spec.nodeName)) return false;
    this.#crashed(pod, exitCode, running.startedAt);
    return true;
  }

  /** A crash fault was injected: a running container exits after the fault's delay. */
  crashFaultAdded(namespace: string, podName: string): void {
    const pod = this.#rt.api.store.get('Pod', namespace, podName);
    const crash = this.#rt.faults.crash(namespace, podName);
    const running = pod?.status?.containerStatuses?.[0]?.state.running;
    if (pod === undefined || crash === undefined || running === undefined) return;
    if (pod.metadata.deletionTimestamp !== undefined) return;
    const due = Math.max(
      this.#rt.clock.now(),
      fromRfc3339(running.startedAt) + crash.afterSeconds * 1000,
    );
    this.#rt.clock.schedule(
      {
        target: this.name,
        op: 'crash',
        key: objectKey(namespace, podName),
        uid: pod.metadata.uid ?? '',
      },
      due - this.#rt.clock.now(),
    );
  }

  #nodeIndex(node: string): number {
    const names = this.#rt.api.store.list('Node').map((n) => n.metadata.name);
    const cp = names.filter((n) => n.endsWith('control-plane'));
    const ordered = [...cp, ...names.filter((n) => !n.endsWith('control-plane'))];
    return Math.max(0, ordered.indexOf(node));
  }

  #kill(pod: Pod, task: Task): void {
    const started = pod.status?.containerStatuses?.some((cs) => cs.started) ?? false;
    const src = this.#source(pod);
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    if (started) {
      for (const c of pod.spec.containers) {
        this.#rt.recorder.record(
          pod,
          'Normal',
          'Killing',
          `Stopping container ${c.name}`,
          src,
          `spec.containers{${c.name}}`,
        );
      }
      const info = lookupImage(this.#container(pod).image);
      const stop =
        info?.stopsOnSigterm === false
          ? grace
          : Math.min(grace, this.#rt.draw(this.#rt.timings.gracefulStop));
      this.#rt.clock.schedule(
        { target: this.name, op: 'stopped', key: task.key, uid: task.uid ?? '' },
        stop,
      );
    } else {
      this.#rt.schedule(
        { target: this.name, op: 'stopped', key: task.key, uid: task.uid ?? '' },
        [100, 300],
      );
    }
  }

  #stopped(pod: Pod, task: Task): void {
    const started = pod.status?.containerStatuses?.some((cs) => cs.started) ?? false;
    // A container in CrashLoopBackOff is not running: its last termination is its final state.
    const crashed = pod.status?.containerStatuses?.find(
      (cs) => !cs.started && (cs.state.terminated ?? cs.lastState.terminated) !== undefined,
    );
    const info = lookupImage(this.#container(pod).image);
    const killed = info?.stopsOnSigterm === false;
    const now = toRfc3339(this.#rt.clock.now());
    const failedExit = (crashed?.state.terminated ?? crashed?.lastState.terminated)?.exitCode;
    this.#writeStatus(pod, (s) => {
      // Since 1.27 the kubelet gives a deleted pod a terminal phase before removing it.
      s.phase =
        (started || crashed !== undefined) && !(started && killed) && !failedExit
          ? 'Succeeded'
          : 'Failed';
      this.#setCondition(s, 'PodReadyToStartContainers', 'False');
      this.#setCondition(s, 'Ready', 'False', 'PodCompleted');
      this.#setCondition(s, 'ContainersReady', 'False', 'PodCompleted');
      const previous = s.containerStatuses ?? [];
      s.containerStatuses = previous.map((cs) => {
        const last = cs.state.terminated ?? cs.lastState.terminated;
        if (!cs.started && last !== undefined)
          return { ...cs, ready: false, started: false, state: { terminated: last } };
        return {
          ...cs,
          ready: false,
          started: false,
          state: cs.started
            ? {
                terminated: {
                  exitCode: killed ? 137 : 0,
                  reason: killed ? 'Error' : 'Completed',
                  startedAt: cs.state.running?.startedAt ?? now,
                  finishedAt: now,
                  ...(cs.containerID ? { containerID: cs.containerID } : {}),
                },
              }
            : {
                terminated: {
                  exitCode: 137,
                  reason: 'ContainerStatusUnknown',
                  message:
                    'The container could not be located when the pod was deleted.  The container used to be Running',
                  startedAt: now,
                  finishedAt: now,
                },
              },
        };
      });
    });
    this.#rt.schedule(
      { target: this.name, op: 'remove', key: task.key, uid: task.uid ?? '' },
      this.#rt.timings.podRemoval,
    );
  }
}

/** Phase Succeeded or Failed. */
function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** PodStatus keys in core/v1's serialisation order. */
function orderPodStatus(s: PodStatus): PodStatus {
  const order: (keyof PodStatus)[] = [
    'observedGeneration',
    'phase',
    'conditions',
    'message',
    'reason',
    'hostIP',
    'hostIPs',
    'podIP',
    'podIPs',
    'startTime',
    'containerStatuses',
    'qosClass',
  ];
  const out: Record<string, unknown> = {};
  for (const k of order) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

/** The detail of a failed readiness probe, worded like the kubelet's prober for each probe type. */
function probeFailure(
  pod: Pod,
  probe: NonNullable<Pod['spec']['containers'][number]['readinessProbe']>,
): string {
  const ip = pod.status?.podIP ?? '';
  if (probe.httpGet !== undefined) return 'HTTP probe failed with statuscode: 503';
  if (probe.tcpSocket !== undefined)
    return `dial tcp ${ip}:${String(probe.tcpSocket.port)}: connect: connection refused`;
  return 'command terminated with non-zero exit code: exit status 1';
}
