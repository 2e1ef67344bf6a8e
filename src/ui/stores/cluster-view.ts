import type {
  Endpoints,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Service,
  StatefulSet,
} from '../../sim/index.ts';

/** The objects the cluster view is drawn from (one namespace's worth, plus cluster-scoped ones). */
export interface ClusterObjects {
  readonly statefulSets: readonly StatefulSet[];
  readonly pods: readonly Pod[];
  readonly claims: readonly PersistentVolumeClaim[];
  readonly volumes: readonly PersistentVolume[];
  readonly services: readonly Service[];
  readonly endpoints: readonly Endpoints[];
  readonly nodes: readonly Node[];
}

/** A PersistentVolume as the view shows it. */
export interface VolumeView {
  readonly name: string;
  /** Available, Bound, Released, Failed. */
  readonly phase: string;
  readonly capacity: string;
  readonly reclaimPolicy: string;
}

/** A PersistentVolumeClaim with the volume bound to it. */
export interface ClaimView {
  readonly name: string;
  /** Pending, Bound, Lost; Terminating while being deleted. */
  readonly status: string;
  readonly storageClass: string;
  readonly volume: VolumeView | undefined;
}

/** A pod as the view shows it. */
export interface PodView {
  readonly name: string;
  readonly uid: string;
  /** The STATUS column of `kubectl get pods` (Pending, ContainerCreating, Running, Terminating…). */
  readonly status: string;
  /** READY column, such as "1/1". */
  readonly ready: string;
  readonly isReady: boolean;
  readonly restarts: number;
  readonly node: string | undefined;
  readonly ip: string | undefined;
  /** The ControllerRevision the pod was made from (its controller-revision-hash label). */
  readonly revision: string | undefined;
  readonly terminating: boolean;
}

/** One ordinal of a StatefulSet: the pod (if any) and the claims for that ordinal. */
export interface OrdinalView {
  readonly ordinal: number;
  /** The name the pod has, or will have: `<set>-<ordinal>`. */
  readonly podName: string;
  readonly pod: PodView | undefined;
  readonly claims: readonly ClaimView[];
  /** Whether the ordinal is within the set's current range; claims of scaled-away pods are not. */
  readonly inRange: boolean;
}

/** A StatefulSet with its ordinals in order. */
export interface StatefulSetView {
  readonly name: string;
  readonly namespace: string;
  readonly desiredReplicas: number;
  readonly replicas: number;
  readonly readyReplicas: number;
  readonly currentReplicas: number;
  readonly updatedReplicas: number;
  readonly currentRevision: string | undefined;
  readonly updateRevision: string | undefined;
  readonly updateStrategy: string;
  readonly partition: number;
  readonly podManagementPolicy: string;
  readonly serviceName: string | undefined;
  readonly ordinals: readonly OrdinalView[];
}

/** One DNS record kube-dns answers for a headless Service. */
export interface DnsRecord {
  readonly name: string;
  readonly type: 'A' | 'SRV';
  /** An IP for A records; `<target>:<port>` for SRV records. */
  readonly value: string;
}

/** A Service and the records the cluster DNS publishes for it. */
export interface ServiceView {
  readonly name: string;
  readonly headless: boolean;
  readonly clusterIP: string;
  readonly records: readonly DnsRecord[];
  /** Pods selected but not published because they are not Ready. */
  readonly notReady: readonly string[];
}

/** A node and the pods bound to it. */
export interface NodeView {
  readonly name: string;
  readonly ready: boolean;
  readonly schedulable: boolean;
  readonly pods: readonly string[];
}

/** Everything the cluster panel draws. */
export interface ClusterView {
  readonly statefulSets: readonly StatefulSetView[];
  readonly services: readonly ServiceView[];
  readonly nodes: readonly NodeView[];
}

/** How the view turns a pod into its STATUS and READY cells (kubectl's printer, in practice). */
export type PodStatusFunction = (pod: Pod) => { readonly status: string; readonly ready: string };

const CLUSTER_DOMAIN = 'cluster.local';

/** The ordinal at the end of a pod or claim name (`db-cluster-12` → 12), or -1. */
function trailingOrdinal(name: string, prefix: string): number {
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9][0-9]*)$/.test(rest) ? Number(rest) : -1;
}

function serviceView(service: Service, endpoints: Endpoints | undefined): ServiceView {
  const namespace = service.metadata.namespace ?? 'default';
  const fqdn = `${service.metadata.name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
  const headless = service.spec.clusterIP === 'None';
  // Grouped as a learner reads them: the Service name's answers, each pod's own name, then SRV.
  const serviceRecords: DnsRecord[] = [];
  const podRecords: DnsRecord[] = [];
  const srvRecords: DnsRecord[] = [];
  const notReady: string[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    for (const address of subset.addresses ?? []) {
      if (!headless) continue;
      serviceRecords.push({ name: fqdn, type: 'A', value: address.ip });
      if (!address.hostname) continue;
      const podName = `${address.hostname}.${fqdn}`;
      podRecords.push({ name: podName, type: 'A', value: address.ip });
      for (const port of subset.ports ?? []) {
        if (!port.name) continue;
        const protocol = (port.protocol ?? 'TCP').toLowerCase();
        srvRecords.push({
          name: `_${port.name}._${protocol}.${fqdn}`,
          type: 'SRV',
          value: `${podName}:${port.port}`,
        });
      }
    }
    for (const address of subset.notReadyAddresses ?? []) {
      notReady.push(address.targetRef?.name ?? address.hostname ?? address.ip);
    }
  }
  const byName = (a: DnsRecord, b: DnsRecord): number =>
    a.name === b.name ? (a.value < b.value ? -1 : 1) : a.name < b.name ? -1 : 1;
  const records = [
    ...serviceRecords.sort(byName),
    ...podRecords.sort(byName),
    ...srvRecords.sort(byName),
  ];
  if (!headless && service.spec.clusterIP) {
    records.push({ name: fqdn, type: 'A', value: service.spec.clusterIP });
  }
  return {
    name: service.metadata.name,
    headless,
    clusterIP: service.spec.clusterIP ?? '',
    records,
    notReady: notReady.sort(),
  };
}

function volumeView(volume: PersistentVolume | undefined): VolumeView | undefined {
  if (!volume) return undefined;
  return {
    name: volume.metadata.name,
    phase: volume.metadata.deletionTimestamp ? 'Terminating' : (volume.status?.phase ?? ''),
    capacity: volume.spec.capacity?.['storage'] ?? '',
    reclaimPolicy: volume.spec.persistentVolumeReclaimPolicy ?? '',
  };
}

function claimView(claim: PersistentVolumeClaim, volume: PersistentVolume | undefined): ClaimView {
  return {
    name: claim.metadata.name,
    status: claim.metadata.deletionTimestamp ? 'Terminating' : (claim.status?.phase ?? 'Pending'),
    storageClass: claim.spec.storageClassName ?? '',
    volume: volumeView(volume),
  };
}

function podView(pod: Pod, podStatus: PodStatusFunction): PodView {
  const { status, ready } = podStatus(pod);
  const readyCondition = pod.status?.conditions?.find((condition) => condition.type === 'Ready');
  return {
    name: pod.metadata.name,
    uid: pod.metadata.uid ?? '',
    status,
    ready,
    isReady: pod.status?.phase === 'Running' && readyCondition?.status === 'True',
    restarts: (pod.status?.containerStatuses ?? []).reduce((sum, c) => sum + c.restartCount, 0),
    node: pod.spec.nodeName,
    ip: pod.status?.podIP,
    revision: pod.metadata.labels?.['controller-revision-hash'],
    terminating: pod.metadata.deletionTimestamp !== undefined,
  };
}

/** Whether two lists hold the same items (by identity) in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `next` when it differs from `previous` item by item, else `previous` (keeping its identity). */
function reuse<T>(previous: readonly T[] | undefined, next: readonly T[]): readonly T[] {
  return previous && sameItems(previous, next) ? previous : next;
}

const byName = <T extends { readonly metadata: { readonly name: string } }>(a: T, b: T): number =>
  a.metadata.name < b.metadata.name ? -1 : 1;

/**
 * Derives cluster views frame after frame, reusing every part of the previous view whose source
 * objects did not change. The simulator's objects are immutable (an update replaces the object),
 * so identity tells what changed: an unchanged pod keeps its {@link PodView}, an ordinal whose pod
 * and claims are unchanged keeps its {@link OrdinalView}, and so on up. The views rely on that to
 * skip the DOM work for everything that stayed the same (with a hundred pods, most of them).
 * `podStatus` must depend on the pod alone (kubectl's STATUS and READY cells do).
 */
export class ClusterViewDeriver {
  readonly #podStatus: PodStatusFunction;
  #pods = new WeakMap<Pod, PodView>();
  #claims = new WeakMap<
    PersistentVolumeClaim,
    { volume: PersistentVolume | undefined; view: ClaimView }
  >();
  #services = new WeakMap<Service, { endpoints: Endpoints | undefined; view: ServiceView }>();
  #ordinals = new Map<string, OrdinalView>();
  #sets = new Map<string, { set: StatefulSet; view: StatefulSetView }>();
  #nodes = new Map<string, { node: Node; view: NodeView }>();
  #last: ClusterView | undefined;

  constructor(podStatus: PodStatusFunction) {
    this.#podStatus = podStatus;
  }

  /** Forgets what was derived before (after the cluster was replaced). */
  reset(): void {
    this.#pods = new WeakMap();
    this.#claims = new WeakMap();
    this.#services = new WeakMap();
    this.#ordinals.clear();
    this.#sets.clear();
    this.#nodes.clear();
    this.#last = undefined;
  }

  /**
   * The view of `objects`. A new top-level object every time (so subscribers always hear about a
   * flush), sharing the unchanged parts with the previous one.
   */
  derive(objects: ClusterObjects): ClusterView {
    const volumes = new Map<string, PersistentVolume>();
    for (const volume of objects.volumes) volumes.set(volume.metadata.name, volume);
    const endpointsByName = new Map<string, Endpoints>();
    for (const e of objects.endpoints) {
      endpointsByName.set(`${e.metadata.namespace ?? 'default'}/${e.metadata.name}`, e);
    }
    const podsByNode = new Map<string, string[]>();
    for (const pod of objects.pods) {
      if (!pod.spec.nodeName) continue;
      const list = podsByNode.get(pod.spec.nodeName) ?? [];
      list.push(pod.metadata.name);
      podsByNode.set(pod.spec.nodeName, list);
    }

    const liveSets = new Set<string>();
    const statefulSets = [...objects.statefulSets].sort(byName).map((set) => {
      const key = `${set.metadata.namespace ?? 'default'}/${set.metadata.name}`;
      liveSets.add(key);
      return this.#statefulSet(key, set, objects, volumes);
    });
    for (const key of this.#sets.keys()) if (!liveSets.has(key)) this.#sets.delete(key);
    // Ordinals of sets that are gone are forgotten with them.
    for (const key of this.#ordinals.keys()) {
      if (!liveSets.has(key.slice(0, key.lastIndexOf('#')))) this.#ordinals.delete(key);
    }

    const services = [...objects.services].sort(byName).map((service) => {
      const endpoints = endpointsByName.get(
        `${service.metadata.namespace ?? 'default'}/${service.metadata.name}`,
      );
      const cached = this.#services.get(service);
      if (cached && cached.endpoints === endpoints) return cached.view;
      const view = serviceView(service, endpoints);
      this.#services.set(service, { endpoints, view });
      return view;
    });

    const liveNodes = new Set<string>();
    const nodes = [...objects.nodes].sort(byName).map((node) => {
      const name = node.metadata.name;
      liveNodes.add(name);
      const pods = (podsByNode.get(name) ?? []).sort();
      const cached = this.#nodes.get(name);
      if (cached && cached.node === node && sameItems(cached.view.pods, pods)) return cached.view;
      const view: NodeView = {
        name,
        ready: node.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
        schedulable: !node.spec.unschedulable,
        pods,
      };
      this.#nodes.set(name, { node, view });
      return view;
    });
    for (const name of this.#nodes.keys()) if (!liveNodes.has(name)) this.#nodes.delete(name);

    const last = this.#last;
    const view: ClusterView = {
      statefulSets: reuse(last?.statefulSets, statefulSets),
      services: reuse(last?.services, services),
      nodes: reuse(last?.nodes, nodes),
    };
    this.#last = view;
    return view;
  }

  #pod(pod: Pod): PodView {
    let view = this.#pods.get(pod);
    if (!view) {
      view = podView(pod, this.#podStatus);
      this.#pods.set(pod, view);
    }
    return view;
  }

  #claim(claim: PersistentVolumeClaim, volumes: ReadonlyMap<string, PersistentVolume>): ClaimView {
    const volumeName = claim.spec.volumeName;
    const volume = volumeName ? volumes.get(volumeName) : undefined;
    const cached = this.#claims.get(claim);
    if (cached && cached.volume === volume) return cached.view;
    const view = claimView(claim, volume);
    this.#claims.set(claim, { volume, view });
    return view;
  }

  #statefulSet(
    key: string,
    set: StatefulSet,
    objects: ClusterObjects,
    volumes: ReadonlyMap<string, PersistentVolume>,
  ): StatefulSetView {
    const name = set.metadata.name;
    const namespace = set.metadata.namespace ?? 'default';
    const start = set.spec.ordinals?.start ?? 0;
    const desired = set.spec.replicas ?? 1;
    const podPrefix = `${name}-`;
    const templates = (set.spec.volumeClaimTemplates ?? []).map(
      (template) => template.metadata.name,
    );

    const podsByOrdinal = new Map<number, Pod>();
    for (const pod of objects.pods) {
      if ((pod.metadata.namespace ?? 'default') !== namespace) continue;
      const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller);
      if (owner && owner.uid !== set.metadata.uid) continue;
      const ordinal = trailingOrdinal(pod.metadata.name, podPrefix);
      if (ordinal >= 0) podsByOrdinal.set(ordinal, pod);
    }
    const claimsByOrdinal = new Map<number, PersistentVolumeClaim[]>();
    for (const claim of objects.claims) {
      if ((claim.metadata.namespace ?? 'default') !== namespace) continue;
      for (const template of templates) {
        const ordinal = trailingOrdinal(claim.metadata.name, `${template}-${podPrefix}`);
        if (ordinal < 0) continue;
        const list = claimsByOrdinal.get(ordinal) ?? [];
        list.push(claim);
        claimsByOrdinal.set(ordinal, list);
      }
    }

    const numbers = new Set<number>();
    for (let ordinal = start; ordinal < start + desired; ordinal++) numbers.add(ordinal);
    for (const ordinal of podsByOrdinal.keys()) numbers.add(ordinal);
    for (const ordinal of claimsByOrdinal.keys()) numbers.add(ordinal);

    const ordinals = [...numbers]
      .sort((a, b) => a - b)
      .map((ordinal): OrdinalView => {
        const pod = podsByOrdinal.get(ordinal);
        const podView = pod ? this.#pod(pod) : undefined;
        const claims = (claimsByOrdinal.get(ordinal) ?? [])
          .map((claim) => this.#claim(claim, volumes))
          .sort((a, b) => (a.name < b.name ? -1 : 1));
        const inRange = ordinal >= start && ordinal < start + desired;
        const ordinalKey = `${key}#${ordinal}`;
        const cached = this.#ordinals.get(ordinalKey);
        if (
          cached &&
          cached.pod === podView &&
          cached.inRange === inRange &&
          sameItems(cached.claims, claims)
        ) {
          return cached;
        }
        const view: OrdinalView = {
          ordinal,
          podName: `${name}-${ordinal}`,
          pod: podView,
          claims,
          inRange,
        };
        this.#ordinals.set(ordinalKey, view);
        return view;
      });
    // Ordinals that left the set (their pod and claims are gone) are forgotten.
    if (this.#ordinals.size > ordinals.length) {
      const kept = new Set(ordinals.map((o) => `${key}#${o.ordinal}`));
      for (const ordinalKey of this.#ordinals.keys()) {
        if (ordinalKey.startsWith(`${key}#`) && !kept.has(ordinalKey)) {
          this.#ordinals.delete(ordinalKey);
        }
      }
    }

    const cached = this.#sets.get(key);
    if (cached && cached.set === set && sameItems(cached.view.ordinals, ordinals)) {
      return cached.view;
    }
    const rollingUpdate = set.spec.updateStrategy?.rollingUpdate;
    const view: StatefulSetView = {
      name,
      namespace,
      desiredReplicas: desired,
      replicas: set.status?.replicas ?? 0,
      readyReplicas: set.status?.readyReplicas ?? 0,
      currentReplicas: set.status?.currentReplicas ?? 0,
      updatedReplicas: set.status?.updatedReplicas ?? 0,
      currentRevision: set.status?.currentRevision,
      updateRevision: set.status?.updateRevision,
      updateStrategy: set.spec.updateStrategy?.type ?? 'RollingUpdate',
      partition: rollingUpdate?.partition ?? 0,
      podManagementPolicy: set.spec.podManagementPolicy ?? 'OrderedReady',
      serviceName: set.spec.serviceName,
      ordinals: reuse(cached?.view.ordinals, ordinals),
    };
    this.#sets.set(key, { set, view });
    return view;
  }
}

/** Builds the cluster panel's model from the current objects. Pure: same objects, same view. */
export function deriveClusterView(
  objects: ClusterObjects,
  podStatus: PodStatusFunction,
): ClusterView {
  return new ClusterViewDeriver(podStatus).derive(objects);
}
