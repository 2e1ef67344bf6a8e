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

function volumeView(volume: PersistentVolume | undefined): VolumeView | undefined {
  if (!volume) return undefined;
  return {
    name: volume.metadata.name,
    phase: volume.metadata.deletionTimestamp ? 'Terminating' : (volume.status?.phase ?? ''),
    capacity: volume.spec.capacity?.['storage'] ?? '',
    reclaimPolicy: volume.spec.persistentVolumeReclaimPolicy ?? '',
  };
}

function claimView(
  claim: PersistentVolumeClaim,
  volumes: ReadonlyMap<string, PersistentVolume>,
): ClaimView {
  const volumeName = claim.spec.volumeName;
  return {
    name: claim.metadata.name,
    status: claim.metadata.deletionTimestamp ? 'Terminating' : (claim.status?.phase ?? 'Pending'),
    storageClass: claim.spec.storageClassName ?? '',
    volume: volumeName ? volumeView(volumes.get(volumeName)) : undefined,
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

function statefulSetView(
  set: StatefulSet,
  objects: ClusterObjects,
  volumes: ReadonlyMap<string, PersistentVolume>,
  podStatus: PodStatusFunction,
): StatefulSetView {
  const name = set.metadata.name;
  const namespace = set.metadata.namespace ?? 'default';
  const start = set.spec.ordinals?.start ?? 0;
  const desired = set.spec.replicas ?? 1;
  const podPrefix = `${name}-`;
  const templates = (set.spec.volumeClaimTemplates ?? []).map((template) => template.metadata.name);

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

  const ordinals = new Set<number>();
  for (let ordinal = start; ordinal < start + desired; ordinal++) ordinals.add(ordinal);
  for (const ordinal of podsByOrdinal.keys()) ordinals.add(ordinal);
  for (const ordinal of claimsByOrdinal.keys()) ordinals.add(ordinal);

  const rollingUpdate = set.spec.updateStrategy?.rollingUpdate;
  return {
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
    ordinals: [...ordinals]
      .sort((a, b) => a - b)
      .map((ordinal) => {
        const pod = podsByOrdinal.get(ordinal);
        return {
          ordinal,
          podName: `${name}-${ordinal}`,
          pod: pod ? podView(pod, podStatus) : undefined,
          claims: (claimsByOrdinal.get(ordinal) ?? [])
            .map((claim) => claimView(claim, volumes))
            .sort((a, b) => (a.name < b.name ? -1 : 1)),
          inRange: ordinal >= start && ordinal < start + desired,
        };
      }),
  };
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

/** Builds the cluster panel's model from the current objects. Pure: same objects, same view. */
export function deriveClusterView(
  objects: ClusterObjects,
  podStatus: PodStatusFunction,
): ClusterView {
  const volumes = new Map(objects.volumes.map((volume) => [volume.metadata.name, volume]));
  const endpointsByName = new Map(
    objects.endpoints.map((e) => [`${e.metadata.namespace ?? 'default'}/${e.metadata.name}`, e]),
  );
  const podsByNode = new Map<string, string[]>();
  for (const pod of objects.pods) {
    if (!pod.spec.nodeName) continue;
    const list = podsByNode.get(pod.spec.nodeName) ?? [];
    list.push(pod.metadata.name);
    podsByNode.set(pod.spec.nodeName, list);
  }
  return {
    statefulSets: [...objects.statefulSets]
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
      .map((set) => statefulSetView(set, objects, volumes, podStatus)),
    services: [...objects.services]
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
      .map((service) =>
        serviceView(
          service,
          endpointsByName.get(
            `${service.metadata.namespace ?? 'default'}/${service.metadata.name}`,
          ),
        ),
      ),
    nodes: [...objects.nodes]
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
      .map((node) => ({
        name: node.metadata.name,
        ready: node.status.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
        schedulable: !node.spec.unschedulable,
        pods: (podsByNode.get(node.metadata.name) ?? []).sort(),
      })),
  };
}
