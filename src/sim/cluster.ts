/**
 * The composition root: builds a simulated kind-like Kubernetes 1.35 cluster (a tainted
 * control-plane node, worker nodes, a default `standard` StorageClass, the system namespaces and
 * the `kubernetes` Service), wires the components to the store's watch stream, and exposes the
 * API, the clock controls, events, the decision trace and snapshot/restore.
 */
import {
  cloneUnfrozen,
  deepClone,
  deepEqual,
  isPlainObject,
  createMergePatch,
  mergePatch,
  canonicalJson,
} from './api/json.ts';
import { parseSelector, matches } from './api/labels.ts';
import type { Selector } from './api/labels.ts';
import type { ApiResult, Status } from './api/status.ts';
import type { PatchType } from './api/patch.ts';
import { badRequestStatus, expiredStatus, ok } from './api/status.ts';
import { checkStrictPatch } from './api/strict.ts';
import type { Kind, KindMap, KubeEvent, KubeObject, Node, Pod } from './api/types.ts';
import { KIND_INFO, isKind } from './api/types.ts';
import { IdSource } from './clock/ids.ts';
import type { IdState } from './clock/ids.ts';
import { Random, SplitRandom } from './clock/random.ts';
import type { RandomState } from './clock/random.ts';
import { toRfc3339 } from './clock/time.ts';
import { VirtualClock } from './clock/virtual-clock.ts';
import type { ClockState, Task } from './clock/virtual-clock.ts';
import { StatefulSetController } from './controllers/statefulset/statefulset-controller.ts';
import { DeploymentController } from './controllers/deployment/deployment-controller.ts';
import { ReplicaSetController } from './controllers/replicaset/replicaset-controller.ts';
import { DaemonSetController } from './controllers/daemonset/daemonset-controller.ts';
import { MirrorPodController, mirrorPodFor } from './system/mirror-pods.ts';
import {
  STATIC_POD_COMPONENTS,
  SYSTEM_IMAGES,
  SYSTEM_START_MS,
  isSystemKey,
  isSystemObject,
  localPathNamespace,
  systemWorkloads,
} from './system/system-objects.ts';
import { parseImage } from './kubelet/images.ts';
import { Emitter } from './events.ts';
import type { Disposable, Event } from './events.ts';
import { EventRecorder } from './event-recorder.ts';
import { EndpointsController } from './endpoints/endpoints-controller.ts';
import { resolveName } from './endpoints/dns.ts';
import type { DnsAnswer } from './endpoints/dns.ts';
import { GarbageCollector } from './gc/garbage-collector.ts';
import { Kubelet } from './kubelet/kubelet.ts';
import type { KubeletState } from './kubelet/kubelet.ts';
import type { Component, Range, Runtime, Timings } from './runtime.ts';
import { REALISTIC_TIMINGS } from './runtime.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import type { SchedulerState } from './scheduler/scheduler.ts';
import { NodeLifecycleController } from './node/node-lifecycle-controller.ts';
import { DisruptionController } from './disruption/disruption-controller.ts';
import { evictPod } from './disruption/eviction.ts';
import { NamespaceController } from './namespace/namespace-controller.ts';
import { ApiServer, DEFAULT_CLASS_ANNOTATION } from './store/api-server.ts';
import type { DeleteOptions } from './store/api-server.ts';
import { ObjectStore } from './store/object-store.ts';
import type { WatchEvent, WatchHistoryState } from './store/object-store.ts';
import { Trace } from './trace.ts';
import { FaultSet } from './faults.ts';
import type { Fault } from './faults.ts';
import type { TraceEntry } from './trace.ts';
import { VolumeController } from './volume/volume-controller.ts';
import { FileStore } from './volume/files.ts';
import { databaseInsert, databaseSelect, httpGet } from './kubelet/image-behaviour.ts';
import type { HttpResponse, ImageResult } from './kubelet/image-behaviour.ts';
import type { FileResult, FilesState } from './volume/files.ts';

/** Options of createCluster. */
export interface ClusterOptions {
  /** Seed of the cluster's random generator (default 1). Same seed + same commands = same output. */
  readonly seed?: number;
  /** Number of worker nodes (default 3): `kind-worker`, `kind-worker2`, … */
  readonly nodes?: number;
  /** Create the default StorageClass `standard` (default true). Without it PVCs stay Pending. */
  readonly defaultStorageClass?: boolean;
  /** Overrides of the realistic timing profile. */
  readonly timings?: Partial<Timings>;
  /**
   * How long before the session the cluster was created (default 10 days), so nodes, the
   * StorageClass and the `kubernetes` Service show an AGE like a cluster that has been up a while.
   */
  readonly clusterAgeSeconds?: number;
  /** Capacity (= allocatable) of every node; default kind on a laptop: 8 cpu, ~15.6Gi, 110 pods. */
  readonly nodeResources?: NodeResources;
}

/** A node's capacity, as quantities (`cpu: '2'`, `memory: '4Gi'`, `pods: '110'`). */
export interface NodeResources {
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: string;
}

/** What `apply` did with one object, in `kubectl apply` terms. */
export type ApplyResult =
  | {
      readonly ok: true;
      readonly action: 'created' | 'configured' | 'unchanged';
      readonly object: KubeObject;
    }
  | { readonly ok: false; readonly status: Status };

/** Options of `list`. */
export interface ListOptions {
  /** Only this namespace (namespaced kinds); omit for all namespaces. */
  readonly namespace?: string;
  /** A label selector in kubectl's string syntax (`app=db,tier in (a,b)`). */
  readonly labelSelector?: string;
}

/** Options of `watch`. */
export interface WatchOptions {
  readonly kind?: Kind;
  readonly namespace?: string;
  readonly labelSelector?: string;
  /**
   * Start after this resourceVersion (e.g. a list's): every remembered change after it is
   * replayed to the listener first, synchronously, then new changes stream. Omitted or "0":
   * only new changes. Too old (forgotten): the watch fails with 410 Gone (see `WatchHandle`).
   */
  readonly resourceVersion?: string;
}

/** A running watch. `error` is set (and nothing is delivered) when the watch could not start. */
export interface WatchHandle extends Disposable {
  /** 410 Gone `too old resource version: X (Y)`, or 400 for a malformed resourceVersion. */
  readonly error: Status | undefined;
}

/** A list and the collection resourceVersion it was read at (`metadata.resourceVersion` of a List). */
export interface ListWithVersion<T> {
  readonly items: T[];
  readonly resourceVersion: string;
}

/** The JSON form of a whole cluster, including pending timers and the generator state. */
export interface ClusterSnapshot {
  readonly format: 'statefulset-lab/cluster@1';
  readonly options: {
    readonly seed: number;
    readonly nodes: number;
    readonly defaultStorageClass: boolean;
    readonly timings: Timings;
    readonly clusterAgeSeconds: number;
    readonly nodeResources?: NodeResources;
  };
  readonly clock: ClockState;
  readonly random: RandomState;
  readonly ids: IdState;
  readonly recorderSeq: number;
  readonly provisionerId: string;
  readonly objects: readonly KubeObject[];
  readonly trace: readonly TraceEntry[];
  readonly kubelet: KubeletState;
  readonly statefulSetRetries: Readonly<Record<string, number>>;
  readonly faults: readonly Fault[];
  readonly files: FilesState;
  readonly scheduler?: SchedulerState;
  /**
   * The system pods' generator (kube-system, local-path-storage) and their events' name
   * sequence. Absent in snapshots from before system pods: restored from the seed.
   */
  readonly system?: { readonly random: RandomState; readonly eventSeq: number };
  /**
   * The watch window: `since` is the oldest resourceVersion a watch on the restored cluster may
   * start from (older ones get 410 Expired); with `entries` (snapshot({ watchHistory: true }))
   * the restored cluster replays the same changes the original would. Absent: only the current
   * revision or later (as after an API server restart, whose watch cache starts empty).
   */
  readonly watch?: WatchHistoryState;
}

/** Annotation in which `apply` remembers what was applied (three-way merge, as kubectl does). */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** A simulated cluster. All methods are synchronous; time moves only through advance/step/runUntilIdle. */
export class Cluster {
  readonly #clock: VirtualClock;
  readonly #random: Random;
  readonly #split: SplitRandom;
  #systemEventSeq: number;
  readonly #ids: IdSource;
  readonly #store: ObjectStore;
  readonly #api: ApiServer;
  readonly #recorder: EventRecorder;
  readonly #trace: Trace;
  readonly #timings: Timings;
  readonly #options: ClusterSnapshot['options'];
  readonly #provisionerId: string;
  readonly #kubelet: Kubelet;
  readonly #scheduler: Scheduler;
  readonly #statefulSets: StatefulSetController;
  readonly #faults: FaultSet;
  readonly #nodeLifecycle: NodeLifecycleController;
  readonly #disruption: DisruptionController;
  readonly #rt: Runtime;
  readonly #files: FileStore;
  readonly #components = new Map<string, Component>();
  readonly #changes = new Emitter<WatchEvent>();

  /** Every change to any object (ADDED / MODIFIED / DELETED), after the control plane has seen it. */
  readonly onChange: Event<WatchEvent> = this.#changes.event;
  /** Every Kubernetes Event recorded (or re-counted). */
  readonly onEvent: Event<KubeEvent>;
  /** Every decision-trace entry. */
  readonly onTrace: Event<TraceEntry>;

  /** Use createCluster or restoreCluster. */
  constructor(options: ClusterSnapshot['options'], state?: ClusterSnapshot) {
    this.#options = options;
    this.#timings = options.timings;
    const shadow = buildingSystem !== undefined;
    // A fresh cluster's system pods come from a separate, cached build (see #systemBuild).
    const boot = state || shadow ? undefined : Cluster.#systemBuild(options);
    this.#clock = state
      ? VirtualClock.fromState(state.clock)
      : shadow
        ? VirtualClock.fromState({
            now: SYSTEM_START_MS - options.clusterAgeSeconds * 1000,
            seq: 0,
            queue: [],
          })
        : new VirtualClock();
    this.#random = state ? Random.fromState(state.random) : new Random(options.seed);
    // The shadow cluster is all system work: one stream (its seed is already the system seed).
    const systemRandom = shadow
      ? this.#random
      : state?.system
        ? Random.fromState(state.system.random)
        : boot
          ? Random.fromState(boot.random)
          : new Random(systemSeed(options.seed));
    this.#split = new SplitRandom(this.#random, systemRandom);
    this.#systemEventSeq = state?.system?.eventSeq ?? 0;
    this.#ids = new IdSource(
      this.#split,
      state?.ids ?? (boot ? { resourceVersion: 0, podIpByNode: { ...boot.podIps } } : undefined),
    );
    this.#store = new ObjectStore(this.#ids);
    if (state) {
      this.#store.load(cloneUnfrozen(state.objects), state.ids.resourceVersion);
      if (state.watch !== undefined) this.#store.restoreHistory(deepClone(state.watch));
    } else if (boot) {
      // Loaded as they are (no watch event, no resourceVersion drawn): the components below find
      // them in the store as after a restore, and user objects keep the revisions they had.
      this.#store.load(boot.objects.filter((o) => !isMirrorPod(o)));
    }
    const now = (): number => this.#clock.now();
    this.#api = new ApiServer(this.#store, this.#ids, now);
    this.#recorder = new EventRecorder(
      this.#store,
      now,
      () => this.#ids.uid(),
      state?.recorderSeq ?? 0,
      {
        isSystem: (obj) => isSystemObject(obj),
        uid: () => this.#split.system(() => this.#ids.uid()),
        nextSeq: () => this.#systemEventSeq++,
      },
    );
    this.#trace = new Trace(state ? deepClone(state.trace) : []);
    this.onEvent = this.#recorder.onEvent;
    this.onTrace = this.#trace.onEntry;
    this.#provisionerId =
      state?.provisionerId ??
      `rancher.io/local-path_local-path-provisioner-${this.#ids.suffix(10)}-${this.#ids.suffix(5)}_${this.#ids.uid()}`;
    this.#faults = new FaultSet(state?.faults ?? []);
    this.#files = new FileStore(this.#store, state?.files ?? {});
    const split = this.#split;
    const rt: Runtime = {
      faults: this.#faults,
      clock: this.#clock,
      random: split,
      ids: this.#ids,
      api: this.#api,
      recorder: this.#recorder,
      trace: this.#trace,
      timings: this.#timings,
      draw: (range: Range) => split.int(range[0], range[1]),
      // Work about a system object draws its delay from the system stream, whoever schedules it.
      schedule: (task: Task, range: Range) =>
        this.#clock.schedule(
          task,
          (isSystemKey(task.key) ? split.systemStream : split).int(range[0], range[1]),
        ),
      inSystem: <T>(fn: () => T): T => split.system(fn),
    };
    const sts = new StatefulSetController(rt, state?.statefulSetRetries);
    this.#statefulSets = sts;
    const scheduler = new Scheduler(rt, state?.scheduler);
    this.#scheduler = scheduler;
    const volume = new VolumeController(rt, this.#provisionerId);
    this.#kubelet = new Kubelet(
      rt,
      state?.kubelet ??
        (boot || shadow
          ? {
              images: preloadedImages(buildingSystem?.workers ?? options.nodes),
              backoff: {},
              pullStart: {},
            }
          : undefined),
    );
    const gc = new GarbageCollector(rt);
    const endpoints = new EndpointsController(rt);
    const deployments = new DeploymentController(rt);
    const replicaSets = new ReplicaSetController(rt);
    const daemonSets = new DaemonSetController(rt);
    const mirrorPods = new MirrorPodController(rt);
    this.#nodeLifecycle = new NodeLifecycleController(rt, daemonSets);
    this.#disruption = new DisruptionController(rt);
    this.#rt = rt;
    const namespaces = new NamespaceController(rt);
    for (const c of [
      sts,
      scheduler,
      volume,
      this.#kubelet,
      gc,
      endpoints,
      this.#nodeLifecycle,
      this.#disruption,
      deployments,
      replicaSets,
      namespaces,
      daemonSets,
      mirrorPods,
    ])
      this.#components.set(c.name, c);
    if (state) {
      const pending = this.#clock.tasks().map((t) => t.task);
      for (const c of this.#components.values()) c.restore?.(pending);
    }
    this.#store.onChange((ev) => {
      // A change to a system object is handled drawing from the system stream.
      if (isSystemObject(ev.object)) split.system(() => handleAll(ev));
      else handleAll(ev);
      this.#changes.fire(ev);
    });
    const handleAll = (ev: WatchEvent): void => {
      sts.handle(ev);
      scheduler.handle(ev);
      volume.handle(ev);
      this.#kubelet.handle(ev);
      gc.handle(ev);
      endpoints.handle(ev);
      this.#nodeLifecycle.handle(ev);
      this.#disruption.handle(ev);
      deployments.handle(ev);
      replicaSets.handle(ev);
      namespaces.handle(ev);
      // Data lives as long as its storage: a PV's files go with the PV, a pod's with the pod.
      if (ev.type === 'DELETED' && ev.object.kind === 'PersistentVolume')
        this.#files.forget(`pv/${ev.object.metadata.name}`);
      if (ev.type === 'DELETED' && ev.object.kind === 'Pod')
        this.#files.forget(`pod/${ev.object.metadata.uid ?? ''}`);
      // Not during the bootstrap: the system pods are in place before their nodes are created.
      if (bootstrapped) {
        daemonSets.handle(ev);
        mirrorPods.handle(ev);
      }
    };
    let bootstrapped = state !== undefined;
    if (!state) this.#bootstrap();
    bootstrapped = true;
    if (boot) {
      // The mirror pods name the control-plane Node as their owner, which exists only now.
      const cp = this.#store.get('Node', undefined, 'kind-control-plane');
      const mirrors = boot.objects.filter(isMirrorPod).map((o) => {
        const pod = deepClone(o);
        pod.metadata.ownerReferences = (pod.metadata.ownerReferences ?? []).map((r) =>
          r.kind === 'Node' ? { ...r, uid: cp?.metadata.uid ?? r.uid } : r,
        );
        return pod;
      });
      this.#store.load(mirrors);
      for (const pod of mirrors) scheduler.notice(pod as Pod);
    }
  }

  /** The system build for these options, built once per distinct options (it is deterministic). */
  static #systemBuild(options: ClusterSnapshot['options']): SystemBuild {
    const key = canonicalJson(options);
    let b = systemBuilds.get(key);
    if (b === undefined) {
      b = Cluster.#buildSystem(options);
      if (systemBuilds.size >= 32) systemBuilds.clear();
      systemBuilds.set(key, b);
    }
    return b;
  }

  /**
   * Builds the system workloads in a separate cluster (the "shadow", seeded from the seed by
   * systemSeed, its clock starting just after the cluster's creation time): the control plane
   * first with its static pods, kube-proxy, CoreDNS with kube-dns, kindnet and the local-path
   * provisioner (so CoreDNS and the provisioner land on the control plane, as on kind, where
   * workers join later), then the workers, which get their DaemonSet pods. The real controllers
   * and kubelet write every field; the result (objects, the shadow's generator, the pod IPs
   * used on the control plane) seeds the cluster.
   */
  static #buildSystem(options: ClusterSnapshot['options']): SystemBuild {
    buildingSystem = { workers: options.nodes };
    let c: Cluster;
    try {
      c = new Cluster({ ...options, seed: systemSeed(options.seed), nodes: 0 });
    } finally {
      buildingSystem = undefined;
    }
    const createdAt = -options.clusterAgeSeconds * 1000;
    const create = (obj: unknown): void => {
      const res = c.#api.create(obj, { internal: true });
      if (!res.ok) throw new Error(`system bootstrap failed: ${res.status.message}`);
    };
    create(localPathNamespace());
    const cp = c.#store.get('Node', undefined, 'kind-control-plane');
    if (cp !== undefined) for (const comp of STATIC_POD_COMPONENTS) create(mirrorPodFor(comp, cp));
    for (const o of systemWorkloads()) create(o);
    c.runUntilIdle();
    for (let i = 1; i <= options.nodes; i++) {
      const name = i === 1 ? 'kind-worker' : `kind-worker${i}`;
      const res = c.#api.create(c.#node(name, i), { internal: true, createdAt });
      if (!res.ok) throw new Error(`system bootstrap failed: ${res.status.message}`);
    }
    c.runUntilIdle();
    const objects = c.#store
      .all()
      .filter(
        (o) =>
          o.kind !== 'Event' &&
          (isSystemObject(o) ||
            (o.kind === 'Namespace' && o.metadata.name === 'local-path-storage')),
      );
    return {
      objects,
      random: c.#random.getState(),
      podIps: { ...c.#ids.getState().podIpByNode },
    };
  }

  #bootstrap(): void {
    const create = (obj: unknown): void => {
      const createdAt = -this.#options.clusterAgeSeconds * 1000;
      const res = this.#api.create(obj, { internal: true, createdAt });
      if (!res.ok) throw new Error(`bootstrap failed: ${res.status.message}`);
    };
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    const names = [
      'kind-control-plane',
      ...Array.from({ length: this.#options.nodes }, (_, i) =>
        i === 0 ? 'kind-worker' : `kind-worker${i + 1}`,
      ),
    ];
    names.forEach((name, i) => create(this.#node(name, i)));
    if (this.#options.defaultStorageClass) {
      create({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'standard', annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
        provisioner: 'rancher.io/local-path',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: false,
      });
    }
    create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    });
    // The API server publishes its own address as the endpoints of the selector-less Service.
    create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [
        {
          addresses: [{ ip: '172.18.0.2' }],
          ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
        },
      ],
    });
  }

  #node(name: string, index: number): Node {
    const controlPlane = index === 0;
    const now = toRfc3339(this.#clock.now());
    const cond = (
      type: string,
      status: string,
      reason: string,
      message: string,
    ): Node['status']['conditions'][number] => ({
      type,
      status,
      reason,
      message,
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    });
    const res = this.#options.nodeResources ?? {};
    const capacity = {
      cpu: res.cpu ?? '8',
      'ephemeral-storage': '102626232Ki',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: res.memory ?? '16318540Ki',
      pods: res.pods ?? '110',
    };
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          ...(controlPlane
            ? {
                'node-role.kubernetes.io/control-plane': '',
                'node.kubernetes.io/exclude-from-external-load-balancers': '',
              }
            : {}),
        },
      },
      spec: {
        podCIDR: `10.244.${index}.0/24`,
        podCIDRs: [`10.244.${index}.0/24`],
        providerID: `kind://docker/kind/${name}`,
        ...(controlPlane
          ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
          : {}),
      },
      status: {
        addresses: [
          { type: 'InternalIP', address: `172.18.0.${index + 2}` },
          { type: 'Hostname', address: name },
        ],
        capacity,
        allocatable: { ...capacity },
        conditions: [
          cond(
            'MemoryPressure',
            'False',
            'KubeletHasSufficientMemory',
            'kubelet has sufficient memory available',
          ),
          cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          cond(
            'PIDPressure',
            'False',
            'KubeletHasSufficientPID',
            'kubelet has sufficient PID available',
          ),
          cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        nodeInfo: {
          architecture: 'amd64',
          containerRuntimeVersion: 'containerd://2.1.4',
          kernelVersion: '6.8.0-86-generic',
          kubeProxyVersion: '',
          kubeletVersion: 'v1.35.4',
          operatingSystem: 'linux',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
        },
      },
    };
  }

  // ---- API -------------------------------------------------------------------------------

  /** Creates an object (like `kubectl create`): AlreadyExists if it is there. */
  create(obj: unknown): ApiResult<KubeObject> {
    return this.#api.create(obj);
  }

  /**
   * A server-side dry run: the Status the API server would answer for this object (created, or
   * replacing the stored one), with nothing stored and the simulation untouched. The editor uses
   * it to mark the API server's own errors in the text.
   */
  validate(obj: unknown): ApiResult<KubeObject> {
    return this.#api.validate(obj);
  }

  /** Reads one object; namespace defaults to `default` for namespaced kinds. */
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): ApiResult<KindMap[K]> {
    return this.#api.get(kind, namespace, name);
  }

  /** Lists objects of a kind, sorted by namespace and name, optionally filtered by labels. */
  list<K extends Kind>(kind: K, opts: ListOptions = {}): ApiResult<KindMap[K][]> {
    let selector: Selector = [];
    if (opts.labelSelector !== undefined) {
      const parsed = parseSelector(opts.labelSelector);
      if (!parsed.ok) return badRequestStatus(parsed.message);
      selector = parsed.selector;
    }
    const ns = KIND_INFO[kind].namespaced ? opts.namespace : undefined;
    return ok(this.#store.list(kind, ns).filter((o) => matches(selector, o.metadata.labels)));
  }

  /**
   * Lists like `list` and also answers the collection resourceVersion (the store revision the list
   * was read at), to pass to `watch({ resourceVersion })` so no change is missed or seen twice.
   */
  listWithVersion<K extends Kind>(
    kind: K,
    opts: ListOptions = {},
  ): ApiResult<ListWithVersion<KindMap[K]>> {
    const res = this.list(kind, opts);
    if (!res.ok) return res;
    return ok({ items: res.object, resourceVersion: this.#ids.currentResourceVersion() });
  }

  /** The store's current revision: what a List's `metadata.resourceVersion` would say now. */
  resourceVersion(): string {
    return this.#ids.currentResourceVersion();
  }

  /**
   * Subscribes to changes, optionally filtered by kind, namespace and label selector. With
   * `resourceVersion`, the remembered changes after it are replayed first (synchronously, before
   * this returns), then new ones stream, as a watch from a list's resourceVersion does.
   */
  watch(listener: (ev: WatchEvent) => void, opts: WatchOptions = {}): WatchHandle {
    const parsed = opts.labelSelector === undefined ? undefined : parseSelector(opts.labelSelector);
    const selector = parsed?.ok ? parsed.selector : [];
    const accept = (ev: WatchEvent): boolean => {
      const o = ev.object;
      if (opts.kind !== undefined && o.kind !== opts.kind) return false;
      if (opts.namespace !== undefined && o.metadata.namespace !== opts.namespace) return false;
      return matches(selector, o.metadata.labels);
    };
    let replay: WatchEvent[] = [];
    if (
      opts.resourceVersion !== undefined &&
      opts.resourceVersion !== '' &&
      opts.resourceVersion !== '0'
    ) {
      const rv = /^[0-9]+$/.test(opts.resourceVersion) ? Number(opts.resourceVersion) : NaN;
      if (!Number.isSafeInteger(rv)) {
        // Upstream: apimachinery storage `ParseResourceVersion` (guess: wording of the 400 body).
        const status = badRequestStatus(
          `invalid resource version: ${JSON.stringify(opts.resourceVersion)}`,
        ).status;
        return { error: status, dispose: () => undefined };
      }
      const since = this.#store.changesSince(rv);
      if (!since.ok) {
        // apiserver storage/cacher/watch_cache.go getAllEventsSinceLocked: errors.NewResourceExpired(
        //   fmt.Sprintf("too old resource version: %d (%d)", resourceVersion, oldest-1))
        const status = expiredStatus(`too old resource version: ${rv} (${since.oldest})`).status;
        return { error: status, dispose: () => undefined };
      }
      replay = since.entries.map((e) => e.event).filter(accept);
    }
    for (const ev of replay) listener(ev);
    const sub = this.onChange((ev) => {
      if (accept(ev)) listener(ev);
    });
    return { error: undefined, dispose: () => sub.dispose() };
  }

  /** Replaces an object (PUT); a stale metadata.resourceVersion gives a Conflict. */
  update(obj: unknown): ApiResult<KubeObject> {
    return this.#api.update(obj);
  }

  /**
   * Patches an object like `kubectl patch`: `strategic` (the default; containers merge by name),
   * `merge` (RFC 7386) or `json` (RFC 6902 operations).
   */
  patch(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType = 'strategic',
  ): ApiResult<KubeObject> {
    return this.#api.patch(kind, namespace, name, patch, type);
  }

  /** Deletes an object (graceful for pods; propagation Background by default). */
  delete(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): ApiResult<KubeObject> {
    return this.#api.delete(kind, namespace, name, opts);
  }

  /**
   * Creates or updates each object like `kubectl apply` (client-side, three-way merge through the
   * last-applied-configuration annotation), returning one result per object in input order.
   */
  apply(objects: readonly unknown[]): ApplyResult[] {
    return objects.map((o) => this.#applyOne(o));
  }

  #applyOne(input: unknown): ApplyResult {
    if (!isPlainObject(input) || typeof input['kind'] !== 'string' || !isKind(input['kind'])) {
      const str = (v: unknown): string => (typeof v === 'string' ? v : '');
      const kind = isPlainObject(input) ? str(input['kind']) : '';
      const version = isPlainObject(input) ? str(input['apiVersion']) : '';
      const failure = badRequestStatus(
        `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(version)}`,
      );
      return { ok: false, status: failure.status };
    }
    const kind = input['kind'];
    const applied = deepClone(input) as unknown as KubeObject;
    applied.metadata = isPlainObject(applied.metadata) ? applied.metadata : { name: '' };
    if (KIND_INFO[kind].namespaced) applied.metadata.namespace ??= 'default';
    const annotations = { ...(applied.metadata.annotations ?? {}) };
    delete annotations[LAST_APPLIED_ANNOTATION];
    const record = deepClone(applied);
    record.metadata.annotations = annotations;
    const lastApplied = canonicalJson(record) + '\n';
    const live = this.#store.get(kind, applied.metadata.namespace, applied.metadata.name);
    if (live === undefined) {
      applied.metadata.annotations = { ...annotations, [LAST_APPLIED_ANNOTATION]: lastApplied };
      const res = this.#api.create(applied);
      return res.ok ? { ok: true, action: 'created', object: res.object } : res;
    }
    let previous: unknown = {};
    const prevText = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
    if (prevText !== undefined) {
      try {
        previous = JSON.parse(prevText) as unknown;
      } catch {
        previous = {};
      }
    }
    const patch = createMergePatch(previous, record) as Record<string, unknown>;
    const merged = mergePatch(live, patch) as KubeObject;
    merged.metadata.annotations = {
      ...(merged.metadata.annotations ?? {}),
      [LAST_APPLIED_ANNOTATION]: lastApplied,
    };
    // kubectl sends this as a strategic-merge PATCH, so strict decoding answers as for a patch.
    const patchMeta = isPlainObject(patch['metadata']) ? patch['metadata'] : {};
    const patchAnnotations = isPlainObject(patchMeta['annotations'])
      ? patchMeta['annotations']
      : {};
    const sent = {
      ...patch,
      metadata: {
        ...patchMeta,
        annotations: { ...patchAnnotations, [LAST_APPLIED_ANNOTATION]: lastApplied },
      },
    };
    const strict = checkStrictPatch(live, merged, sent, 'strategic');
    if (strict !== undefined) return { ok: false, status: strict.status };
    if (deepEqual(merged, live)) return { ok: true, action: 'unchanged', object: live };
    const res = this.#api.update(merged);
    if (!res.ok) return res;
    return {
      ok: true,
      action: res.object === live ? 'unchanged' : 'configured',
      object: res.object,
    };
  }

  // ---- time ------------------------------------------------------------------------------

  /** Virtual milliseconds since the cluster started. */
  now(): number {
    return this.#clock.now();
  }

  /**
   * Runs everything due within the next `ms` milliseconds, then sets the clock to now + ms, and
   * returns how far the clock moved. `stopEarly`, when given, is asked before a task that would
   * move the clock on (never between two tasks of the same millisecond, nor before the first):
   * once it answers true, the call returns with the clock at the last task it ran, every task of
   * that moment done, and the rest of the span is left to a later call (the browser stops when a
   * frame's time is spent). The tasks run, and their order, are the same however a span is cut.
   */
  advance(ms: number, stopEarly?: () => boolean): number {
    const start = this.#clock.now();
    const deadline = start + Math.max(0, ms);
    let ran = false;
    for (;;) {
      const next = this.#clock.nextAt();
      if (next === undefined || next > deadline) break;
      if (ran && next > this.#clock.now() && stopEarly?.() === true)
        return this.#clock.now() - start;
      const t = this.#clock.popDue(deadline);
      if (t === undefined) break;
      this.#dispatch(t);
      ran = true;
    }
    this.#clock.moveTo(deadline);
    return deadline - start;
  }

  /** Runs the next scheduled task (moving the clock to it). False when nothing is scheduled. */
  step(): boolean {
    const t = this.#clock.popDue(Number.POSITIVE_INFINITY);
    if (t === undefined) return false;
    this.#dispatch(t);
    return true;
  }

  /**
   * Runs tasks until nothing is scheduled or the next task is more than `limitMs` (default 10
   * minutes) away from the start. Returns true when the cluster went idle.
   */
  runUntilIdle(limitMs = 600_000): boolean {
    const deadline = this.#clock.now() + limitMs;
    for (let t = this.#clock.popDue(deadline); t !== undefined; t = this.#clock.popDue(deadline))
      this.#dispatch(t);
    if (this.#clock.pending === 0) return true;
    this.#clock.moveTo(deadline);
    return false;
  }

  /** Number of scheduled tasks (0 = idle). */
  pendingTasks(): number {
    return this.#clock.pending;
  }

  #dispatch(task: Task): void {
    const c = this.#components.get(task.target);
    if (c === undefined) return;
    // Work about a system object draws from the system stream.
    if (isSystemKey(task.key)) this.#split.system(() => c.run(task));
    else c.run(task);
  }

  /**
   * Resolves a DNS name as a pod in `namespace` would (kube-dns semantics): Services, and
   * `<pod>.<service>` records for ready endpoints of headless Services.
   */
  resolveDns(name: string, namespace = 'default'): DnsAnswer {
    return resolveName(this.#store, name, namespace);
  }

  /**
   * Starts simulating a fault: a readiness probe that fails for one pod (noticed at its next
   * probe), a container that exits (restarted with CrashLoopBackOff), an image whose pulls fail, or a node that stops (marked Unknown after the node
   * monitor grace period, its pods evicted after their tolerationSeconds). Injecting an active
   * fault again changes nothing.
   */
  injectFault(fault: Fault): void {
    if (!this.#faults.add(fault)) return;
    if (fault.kind === 'readiness') this.#kubelet.reprobe(fault.namespace ?? 'default', fault.pod);
    if (fault.kind === 'crash')
      this.#kubelet.crashFaultAdded(fault.namespace ?? 'default', fault.pod);
    if (fault.kind === 'node-down') this.#nodeLifecycle.nodeStopped(fault.node);
  }

  /** Stops simulating a fault: a failing pod recovers at its next probe, a stopped node restarts. */
  clearFault(fault: Fault): void {
    if (!this.#faults.remove(fault)) return;
    if (fault.kind === 'readiness') this.#kubelet.reprobe(fault.namespace ?? 'default', fault.pod);
    if (fault.kind === 'node-down') {
      this.#nodeLifecycle.nodeStarted(fault.node);
      this.#kubelet.nodeStarted(fault.node);
    }
  }

  /**
   * A pod's main container process exits on its own with `exitCode` (`exit` in the shell that
   * `kubectl run -it` attached to). A pod that does not restart it (restartPolicy Never, or
   * OnFailure with code 0) completes: Succeeded or Failed. Otherwise the kubelet restarts the
   * container (RESTARTS + 1, lastState terminated with the code, CrashLoopBackOff when it keeps
   * exiting). Returns false when nothing changed.
   */
  containerExited(namespace: string, pod: string, exitCode: number): boolean {
    if (this.#nodeLifecycle.containerExited(namespace, pod, exitCode)) return true;
    const p = this.get('Pod', namespace, pod);
    if (!p.ok) return false;
    const policy = p.object.spec.restartPolicy ?? 'Always';
    if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) return false;
    return this.#kubelet.containerExited(namespace, pod, exitCode);
  }

  /**
   * The Eviction API (`POST pods/<name>/eviction`, what `kubectl drain` uses): deletes the pod
   * unless a PodDisruptionBudget forbids it (429 TooManyRequests, "Cannot evict pod as it would
   * violate the pod's disruption budget.").
   */
  evict(
    namespace: string,
    pod: string,
    opts: { gracePeriodSeconds?: number } = {},
  ): ApiResult<null> {
    return evictPod(this.#rt, this.#disruption, namespace, pod, opts);
  }

  /** The active faults. */
  activeFaults(): readonly Fault[] {
    return this.#faults.list();
  }

  // ---- data inside pods -----------------------------------------------------------------

  /**
   * Writes a file inside a running container (what `echo … > path` does). Under a PVC mount the
   * data is kept on the PersistentVolume and survives the pod.
   */
  writeFile(
    namespace: string,
    pod: string,
    path: string,
    content: string,
    opts: { container?: string; append?: boolean } = {},
  ): FileResult<null> {
    return this.#files.write(namespace, pod, path, content, opts);
  }

  /** Reads a file inside a running container (what `cat path` does). */
  readFile(
    namespace: string,
    pod: string,
    path: string,
    opts: { container?: string } = {},
  ): FileResult<string> {
    return this.#files.read(namespace, pod, path, opts);
  }

  /** Lists a directory inside a running container (what `ls dir` does). */
  listFiles(
    namespace: string,
    pod: string,
    dir: string,
    opts: { container?: string } = {},
  ): FileResult<string[]> {
    return this.#files.list(namespace, pod, dir, opts);
  }

  /**
   * An HTTP GET to a pod's container (what `curl` would get): nginx and nginx-slim serve
   * `/usr/share/nginx/html` (index.html for a directory); other images refuse the connection.
   */
  httpGet(namespace: string, pod: string, path = '/', port = 80): ImageResult<HttpResponse> {
    const p = this.#store.get('Pod', namespace, pod);
    if (p === undefined) return { ok: false, code: 'PodNotFound' };
    return httpGet(this.#files, p, path, port);
  }

  /** Inserts a row into a table of the pod's database image (kept on its data volume). */
  databaseInsert(
    namespace: string,
    pod: string,
    table: string,
    row: readonly string[],
  ): ImageResult<null> {
    const p = this.#store.get('Pod', namespace, pod);
    if (p === undefined) return { ok: false, code: 'PodNotFound' };
    return databaseInsert(this.#files, p, table, row);
  }

  /** The rows of a table of the pod's database image, oldest first. */
  databaseSelect(namespace: string, pod: string, table: string): ImageResult<string[][]> {
    const p = this.#store.get('Pod', namespace, pod);
    if (p === undefined) return { ok: false, code: 'PodNotFound' };
    return databaseSelect(this.#files, p, table);
  }

  // ---- observation -----------------------------------------------------------------------

  /** Kubernetes Events, oldest first (in the order they were first recorded), optionally filtered. */
  events(
    filter: {
      readonly kind?: string;
      readonly namespace?: string;
      readonly name?: string;
      /** Only events about this object incarnation (what `kubectl describe` shows). */
      readonly uid?: string;
    } = {},
  ): KubeEvent[] {
    return this.#store
      .list('Event')
      .filter(
        (e) =>
          (filter.kind === undefined || e.involvedObject.kind === filter.kind) &&
          (filter.namespace === undefined || e.metadata.namespace === filter.namespace) &&
          (filter.name === undefined || e.involvedObject.name === filter.name) &&
          (filter.uid === undefined || e.involvedObject.uid === filter.uid),
      )
      .map((e) => [eventSequence(e), e] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => e);
  }

  /** The decision trace, oldest first, optionally only entries about one object. */
  trace(
    filter: { readonly kind?: string; readonly namespace?: string; readonly name?: string } = {},
  ): readonly TraceEntry[] {
    return this.#trace
      .entries()
      .filter(
        (e) =>
          (filter.kind === undefined || e.object.kind === filter.kind) &&
          (filter.namespace === undefined || e.object.namespace === filter.namespace) &&
          (filter.name === undefined || e.object.name === filter.name),
      );
  }

  /**
   * The whole cluster as a JSON-compatible value (objects, pending tasks, generator state). With
   * `watchHistory`, also the remembered changes (up to 10,000 objects more), so that a watch from
   * any resourceVersion still in the window replays the same events after restoreCluster.
   */
  snapshot(options: { readonly watchHistory?: boolean } = {}): ClusterSnapshot {
    return cloneUnfrozen({
      format: 'statefulset-lab/cluster@1' as const,
      options: this.#options,
      clock: this.#clock.getState(),
      random: this.#random.getState(),
      ids: this.#ids.getState(),
      recorderSeq: this.#recorder.seq,
      provisionerId: this.#provisionerId,
      objects: this.#store.all(),
      trace: this.#trace.entries(),
      kubelet: this.#kubelet.getState(),
      statefulSetRetries: this.#statefulSets.getState(),
      faults: this.#faults.list(),
      files: this.#files.getState(),
      scheduler: this.#scheduler.getState(),
      system: { random: this.#split.systemStream.getState(), eventSeq: this.#systemEventSeq },
      ...(options.watchHistory ? { watch: this.#store.historyState() } : {}),
    });
  }
}

/** What Cluster.buildSystem hands a fresh cluster. */
interface SystemBuild {
  readonly objects: readonly KubeObject[];
  readonly random: RandomState;
  readonly podIps: Readonly<Record<string, number>>;
}

/** True while Cluster.buildSystem constructs its shadow cluster (which has no system build). */
let buildingSystem: { readonly workers: number } | undefined;
const systemBuilds = new Map<string, SystemBuild>();

/** The seed of the system pods' generator, derived from the cluster's seed. */
function systemSeed(seed: number): number {
  return ((seed >>> 0) ^ 0x6b696e64) >>> 0;
}

function isMirrorPod(o: KubeObject): boolean {
  return o.kind === 'Pod' && o.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
}

/** kind's node image comes with the system images already pulled, on every node. */
function preloadedImages(workers: number): Record<string, string[]> {
  const images = Object.values(SYSTEM_IMAGES)
    .map((i) => parseImage(i).full)
    .sort();
  const out: Record<string, string[]> = { 'kind-control-plane': images };
  for (let i = 1; i <= workers; i++) out[i === 1 ? 'kind-worker' : `kind-worker${i}`] = [...images];
  return out;
}

/** The creation order of an event, from the `<unix nanos in hex>` suffix of its name. */
function eventSequence(e: KubeEvent): bigint {
  const hex = e.metadata.name.slice(e.metadata.name.lastIndexOf('.') + 1);
  return /^[0-9a-f]+$/.test(hex) ? BigInt(`0x${hex}`) : 0n;
}

/** Creates a fresh cluster. */
export function createCluster(options: ClusterOptions = {}): Cluster {
  return new Cluster({
    seed: options.seed ?? 1,
    nodes: options.nodes ?? 3,
    defaultStorageClass: options.defaultStorageClass ?? true,
    timings: { ...REALISTIC_TIMINGS, ...(options.timings ?? {}) },
    clusterAgeSeconds: options.clusterAgeSeconds ?? 10 * 24 * 3600,
    ...(options.nodeResources ? { nodeResources: { ...options.nodeResources } } : {}),
  });
}

/** Rebuilds a cluster from a snapshot; it continues exactly as the original would have. */
export function restoreCluster(snapshot: ClusterSnapshot): Cluster {
  return new Cluster(deepClone(snapshot.options), snapshot);
}
