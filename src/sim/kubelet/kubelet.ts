/**
 * The kubelets of all nodes (one component, state per node): they notice pods bound to their
 * node, pull images (slow the first time on a node, `already present` afterwards unless the pull
 * policy is Always), start containers, report Ready, and on deletion stop the containers, mark
 * the pod's phase terminal and remove the object. Events use the kubelet's recent wording.
 */
import { deepClone } from '../api/json.ts';
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types.ts';
import { formatGoDuration, toRfc3339 } from '../clock/time.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import { objectKey } from '../store/object-store.ts';
import type { WatchEvent } from '../store/object-store.ts';
import { lookupImage, parseImage } from './images.ts';

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
}

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

  /** Creates the kubelets, resuming from saved state. */
  constructor(rt: Runtime, state?: KubeletState) {
    this.#rt = rt;
    this.#images = new Map(Object.entries(state?.images ?? {}).map(([k, v]) => [k, new Set(v)]));
    this.#backoff = new Map(Object.entries(state?.backoff ?? {}));
    this.#pullStart = new Map(Object.entries(state?.pullStart ?? {}));
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
    return { images, backoff, pullStart };
  }

  /** Reacts to pods being bound to a node or marked for deletion. */
  handle(ev: WatchEvent): void {
    if (ev.object.kind !== 'Pod') return;
    const pod = ev.object as Pod;
    const key = objectKey(pod.metadata.namespace, pod.metadata.name);
    const uid = pod.metadata.uid ?? '';
    if (ev.type === 'DELETED') {
      this.#backoff.delete(uid);
      this.#pullStart.delete(uid);
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
    const [ns, name] = task.key.split('/') as [string, string];
    const pod = this.#rt.api.store.get('Pod', ns, name);
    if (pod === undefined || pod.metadata.uid !== task.uid || !pod.spec.nodeName) return;
    // A stopped node's kubelet does nothing; nodeStarted() picks its pods up again.
    if (this.#rt.faults.nodeDown(pod.spec.nodeName)) return;
    switch (task.op) {
      case 'sync':
        if (!pod.metadata.deletionTimestamp) this.#sync(pod, task);
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
      case 'ready-again':
        if (!pod.metadata.deletionTimestamp && pod.status?.phase === 'Running') {
          if (pod.spec.containers[0]?.readinessProbe !== undefined) this.#probe(pod);
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
        lastState: {},
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
    this.#pull(pod, task);
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
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'kubelet',
      object: {
        kind: 'Pod',
        namespace: pod.metadata.namespace ?? 'default',
        name: pod.metadata.name,
      },
      verdict: 'wait',
      message: `image ${c.image} cannot be pulled: retrying in ${delay / 1000}s (ImagePullBackOff)`,
    });
  }

  #start(pod: Pod): void {
    const src = this.#source(pod);
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
    const node = pod.spec.nodeName ?? '';
    const nodeIndex = this.#nodeIndex(node);
    const ip = pod.status?.podIP ?? this.#rt.ids.podIp(node, nodeIndex);
    const probe = pod.spec.containers[0]?.readinessProbe;
    const ready = probe === undefined;
    const startedAt = toRfc3339(this.#rt.clock.now());
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
    });
    if (probe !== undefined) {
      const first = (probe.initialDelaySeconds ?? 0) * 1000;
      this.#rt.schedule(
        {
          target: this.name,
          op: 'probe',
          key: objectKey(pod.metadata.namespace, pod.metadata.name),
          uid: pod.metadata.uid ?? '',
        },
        [first, first + 1000],
      );
    }
  }

  #probe(pod: Pod): void {
    if (pod.status?.phase !== 'Running') return;
    const c = pod.spec.containers[0];
    const probe = c?.readinessProbe;
    if (c === undefined || probe === undefined) return;
    const ns = pod.metadata.namespace ?? 'default';
    const failing = this.#rt.faults.readinessFails(ns, pod.metadata.name);
    const wasReady = pod.status.containerStatuses?.[0]?.ready === true;
    if (failing) {
      this.#rt.recorder.record(
        pod,
        'Warning',
        'Unhealthy',
        `Readiness probe failed: ${probeFailure(pod, probe)}`,
        this.#source(pod),
        `spec.containers{${c.name}}`,
      );
      if (wasReady || pod.status.conditions?.find((x) => x.type === 'Ready')?.status !== 'False') {
        this.#writeStatus(pod, (s) => {
          this.#setCondition(s, 'Ready', 'False', 'ContainersNotReady', this.#notReadyMessage(pod));
          this.#setCondition(
            s,
            'ContainersReady',
            'False',
            'ContainersNotReady',
            this.#notReadyMessage(pod),
          );
          s.containerStatuses = (s.containerStatuses ?? []).map((cs) => ({ ...cs, ready: false }));
        });
      }
      this.#rt.trace.record({
        time: this.#rt.clock.now(),
        component: 'kubelet',
        object: { kind: 'Pod', namespace: ns, name: pod.metadata.name },
        verdict: 'wait',
        message: `readiness probe of ${pod.metadata.name} fails: the pod stays 0/1 and is removed from Service endpoints`,
      });
      return;
    }
    if (wasReady) return;
    this.#writeStatus(pod, (s) => {
      this.#setCondition(s, 'Ready', 'True');
      this.#setCondition(s, 'ContainersReady', 'True');
      s.containerStatuses = (s.containerStatuses ?? []).map((cs) => ({ ...cs, ready: true }));
    });
  }

  /** The node's kubelet starts again: finish deletions, start pods that never started, re-report readiness. */
  nodeStarted(node: string): void {
    for (const pod of this.#rt.api.store.list('Pod')) {
      if (pod.spec.nodeName !== node) continue;
      const key = objectKey(pod.metadata.namespace, pod.metadata.name);
      const uid = pod.metadata.uid ?? '';
      const started = pod.status?.containerStatuses?.some((cs) => cs.started) ?? false;
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
   * Runs a probe soon (within one probe period) for pods a fault change affects. Probes are
   * event-driven here rather than periodic so that an undisturbed cluster goes idle.
   */
  reprobe(namespace: string, podName: string): void {
    const pod = this.#rt.api.store.get('Pod', namespace, podName);
    const probe = pod?.spec.containers[0]?.readinessProbe;
    if (pod === undefined || probe === undefined || pod.status?.phase !== 'Running') return;
    const period = (probe.periodSeconds ?? 10) * 1000;
    this.#rt.schedule(
      {
        target: this.name,
        op: 'probe',
        key: objectKey(namespace, podName),
        uid: pod.metadata.uid ?? '',
      },
      [0, period],
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
    const info = lookupImage(this.#container(pod).image);
    const killed = info?.stopsOnSigterm === false;
    const now = toRfc3339(this.#rt.clock.now());
    this.#writeStatus(pod, (s) => {
      // Since 1.27 the kubelet gives a deleted pod a terminal phase before removing it.
      s.phase = started && !killed ? 'Succeeded' : 'Failed';
      this.#setCondition(s, 'PodReadyToStartContainers', 'False');
      this.#setCondition(s, 'Ready', 'False', 'PodCompleted');
      this.#setCondition(s, 'ContainersReady', 'False', 'PodCompleted');
      const previous = s.containerStatuses ?? [];
      s.containerStatuses = previous.map((cs) => ({
        ...cs,
        ready: false,
        started: false,
        state: started
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
      }));
    });
    this.#rt.schedule(
      { target: this.name, op: 'remove', key: task.key, uid: task.uid ?? '' },
      this.#rt.timings.podRemoval,
    );
  }
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
