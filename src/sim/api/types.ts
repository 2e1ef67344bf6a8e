/**
 * TypeScript shapes of the Kubernetes objects the simulator serves. Field names mirror the
 * Kubernetes API exactly (apps/v1 and core/v1) so YAML round-trips without a mapping layer. Only
 * the fields the simulator reads or writes are typed; unknown fields are kept as they came.
 */

/** Labels or annotations: string keys to string values. */
export type StringMap = Record<string, string>;

/** A reference from a dependent to its owner (metadata.ownerReferences[]). */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** metav1.ObjectMeta. */
export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: StringMap;
  annotations?: StringMap;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

/** Any object the store holds. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/** metav1.LabelSelectorRequirement. */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** metav1.LabelSelector. */
export interface LabelSelector {
  matchLabels?: StringMap;
  matchExpressions?: LabelSelectorRequirement[];
}

/** core/v1 ContainerPort. */
export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
  hostPort?: number;
}

/** core/v1 Probe (the parts the kubelet simulates). */
export interface Probe {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; scheme?: string };
  tcpSocket?: { port: number | string };
}

/** core/v1 Container. */
export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  ports?: ContainerPort[];
  env?: { name: string; value?: string; valueFrom?: Record<string, unknown> }[];
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: StringMap; limits?: StringMap };
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  /** Keep stdin open for `kubectl attach -i` (kubectl run -i sets it). */
  stdin?: boolean;
  /** Close stdin after the first attach session (kubectl run -i without --leave-stdin-open). */
  stdinOnce?: boolean;
  /** Allocate a terminal (kubectl run -t). */
  tty?: boolean;
}

/** core/v1 Volume (only the sources the simulator understands are typed). */
export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  emptyDir?: Record<string, unknown>;
  configMap?: { name: string; items?: { key: string; path: string }[] };
  [source: string]: unknown;
}

/** core/v1 Toleration. */
export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** core/v1 PodSpec. */
export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  dnsPolicy?: string;
  schedulerName?: string;
  securityContext?: Record<string, unknown>;
  serviceAccountName?: string;
  serviceAccount?: string;
  nodeName?: string;
  nodeSelector?: StringMap;
  hostname?: string;
  subdomain?: string;
  tolerations?: Toleration[];
  enableServiceLinks?: boolean;
  preemptionPolicy?: string;
  priority?: number;
  priorityClassName?: string;
  /** Use the node's network namespace: the pod's IP is the node's (DaemonSets like kube-proxy). */
  hostNetwork?: boolean;
  affinity?: Record<string, unknown>;
}

/** core/v1 PodTemplateSpec. */
export interface PodTemplateSpec {
  metadata?: Partial<ObjectMeta>;
  spec: PodSpec;
}

/** core/v1 PodCondition. */
export interface PodCondition {
  type:
    | 'PodScheduled'
    | 'Initialized'
    | 'Ready'
    | 'ContainersReady'
    | 'PodReadyToStartContainers'
    | 'DisruptionTarget';
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime: string | null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** core/v1 ContainerState. */
export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt: string };
  terminated?: {
    exitCode: number;
    reason?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
    containerID?: string;
  };
}

/** core/v1 ContainerStatus. */
export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
}

/** Pod phase. */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** core/v1 PodStatus. */
export interface PodStatus {
  phase?: PodPhase;
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  containerStatuses?: ContainerStatus[];
  qosClass?: string;
  reason?: string;
  message?: string;
  /** Where the scheduler expects to bind the pod (set before a slow PreBind, cleared on binding). */
  nominatedNodeName?: string;
  observedGeneration?: number;
}

/** core/v1 Pod. */
export interface Pod extends KubeObject {
  kind: 'Pod';
  spec: PodSpec;
  status?: PodStatus;
}

/** core/v1 ServicePort. */
export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

/** core/v1 Service. */
export interface Service extends KubeObject {
  kind: 'Service';
  spec: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    selector?: StringMap;
    ports?: ServicePort[];
    publishNotReadyAddresses?: boolean;
    sessionAffinity?: string;
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    internalTrafficPolicy?: string;
  };
  status?: { loadBalancer: Record<string, unknown> };
}

/** core/v1 EndpointAddress. */
export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}

/** core/v1 Endpoints. */
export interface Endpoints extends KubeObject {
  kind: 'Endpoints';
  subsets?: {
    addresses?: EndpointAddress[];
    notReadyAddresses?: EndpointAddress[];
    ports?: { name?: string; port: number; protocol?: string }[];
  }[];
}

/** discovery.k8s.io/v1 EndpointConditions. */
export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

/** discovery.k8s.io/v1 Endpoint. */
export interface EndpointSliceEndpoint {
  addresses: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

/** discovery.k8s.io/v1 EndpointPort. */
export interface EndpointSlicePort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}

/** discovery.k8s.io/v1 EndpointSlice. */
export interface EndpointSlice extends KubeObject {
  kind: 'EndpointSlice';
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: EndpointSliceEndpoint[];
  ports?: EndpointSlicePort[];
}

/** apps/v1 StatefulSetSpec. */
export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  template: PodTemplateSpec;
  volumeClaimTemplates?: PersistentVolumeClaimTemplate[];
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: {
    type?: string;
    rollingUpdate?: { partition?: number; maxUnavailable?: number | string };
  };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  ordinals?: { start?: number };
}

/** apps/v1 StatefulSetStatus. */
export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  availableReplicas: number;
  conditions?: unknown[];
}

/** apps/v1 StatefulSet. */
export interface StatefulSet extends KubeObject {
  kind: 'StatefulSet';
  spec: StatefulSetSpec;
  status?: StatefulSetStatus;
}

/** apps/v1 DeploymentSpec. */
export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template: PodTemplateSpec;
  strategy?: {
    type?: string;
    rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

/** apps/v1 DeploymentCondition. */
export interface DeploymentCondition {
  type: 'Available' | 'Progressing' | 'ReplicaFailure';
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** apps/v1 DeploymentStatus. */
export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

/** apps/v1 Deployment. */
export interface Deployment extends KubeObject {
  kind: 'Deployment';
  spec: DeploymentSpec;
  status?: DeploymentStatus;
}

/** apps/v1 ReplicaSetStatus. */
export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
}

/** apps/v1 ReplicaSet. */
export interface ReplicaSet extends KubeObject {
  kind: 'ReplicaSet';
  spec: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: LabelSelector;
    template: PodTemplateSpec;
  };
  status?: ReplicaSetStatus;
}

/** apps/v1 DaemonSetStatus. */
export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
}

/** apps/v1 DaemonSet: one pod on every node its template tolerates and selects. */
export interface DaemonSet extends KubeObject {
  kind: 'DaemonSet';
  spec: {
    selector?: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy?: {
      type?: 'RollingUpdate' | 'OnDelete';
      rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
    };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
}

/** apps/v1 ControllerRevision. */
export interface ControllerRevision extends KubeObject {
  kind: 'ControllerRevision';
  data: unknown;
  revision: number;
}

/** A PersistentVolumeClaim as it appears inside volumeClaimTemplates. */
export interface PersistentVolumeClaimTemplate {
  apiVersion?: string;
  kind?: string;
  metadata: Partial<ObjectMeta> & { name: string };
  spec: PersistentVolumeClaimSpec;
  status?: { phase?: string };
}

/** core/v1 PersistentVolumeClaimSpec. */
export interface PersistentVolumeClaimSpec {
  accessModes?: string[];
  resources?: { requests?: StringMap; limits?: StringMap };
  storageClassName?: string;
  volumeMode?: string;
  volumeName?: string;
  selector?: LabelSelector;
}

/** core/v1 PersistentVolumeClaim. */
export interface PersistentVolumeClaim extends KubeObject {
  kind: 'PersistentVolumeClaim';
  spec: PersistentVolumeClaimSpec;
  status?: { phase?: string; accessModes?: string[]; capacity?: StringMap };
}

/** core/v1 PersistentVolume. */
export interface PersistentVolume extends KubeObject {
  kind: 'PersistentVolume';
  spec: {
    capacity?: StringMap;
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    claimRef?: {
      kind: string;
      namespace: string;
      name: string;
      uid: string;
      apiVersion: string;
      resourceVersion?: string;
    };
    hostPath?: { path: string; type?: string };
    /** A CSI volume: attachable (the attach/detach controller attaches it to a node first). */
    csi?: { driver: string; volumeHandle: string; fsType?: string; readOnly?: boolean };
    nodeAffinity?: {
      required: {
        nodeSelectorTerms: {
          matchExpressions: { key: string; operator: string; values: string[] }[];
        }[];
      };
    };
  };
  status?: { phase?: string; lastPhaseTransitionTime?: string };
}

/** storage.k8s.io/v1 StorageClass. */
export interface StorageClass extends KubeObject {
  kind: 'StorageClass';
  provisioner: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
}

/** core/v1 Namespace. */
export interface Namespace extends KubeObject {
  kind: 'Namespace';
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: NamespaceCondition[] };
}

/** core/v1 NamespaceCondition (set by the namespace controller while a Namespace terminates). */
export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** core/v1 Node. */
export interface Node extends KubeObject {
  kind: 'Node';
  spec: {
    podCIDR?: string;
    podCIDRs?: string[];
    providerID?: string;
    taints?: { key: string; effect: string; value?: string }[];
    unschedulable?: boolean;
  };
  status: {
    addresses: { type: string; address: string }[];
    capacity: StringMap;
    allocatable: StringMap;
    conditions: {
      type: string;
      status: string;
      reason: string;
      message: string;
      lastHeartbeatTime: string;
      lastTransitionTime: string;
    }[];
    nodeInfo: StringMap;
    /** Volumes the attach/detach controller attached to the node (attachable volumes only). */
    volumesAttached?: { name: string; devicePath: string }[];
  };
}

/** core/v1 ObjectReference as used by Event.involvedObject. */
export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** core/v1 Event (the shape `kubectl get events` and `describe` read). */
export interface KubeEvent extends KubeObject {
  kind: 'Event';
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: 'Normal' | 'Warning';
  eventTime: string | null;
  reportingComponent: string;
  reportingInstance: string;
}

/** policy/v1 PodDisruptionBudgetSpec. */
export interface PodDisruptionBudgetSpec {
  minAvailable?: number | string;
  selector?: LabelSelector;
  maxUnavailable?: number | string;
  unhealthyPodEvictionPolicy?: string;
}

/** metav1.Condition (the shape of policy/v1 status conditions). */
export interface MetaCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** policy/v1 PodDisruptionBudgetStatus. */
export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  disruptedPods?: StringMap;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: MetaCondition[];
}

/** policy/v1 PodDisruptionBudget. */
export interface PodDisruptionBudget extends KubeObject {
  kind: 'PodDisruptionBudget';
  spec: PodDisruptionBudgetSpec;
  status?: PodDisruptionBudgetStatus;
}

/** Every kind the simulator serves. */
export const KINDS = [
  'Namespace',
  'Node',
  'Pod',
  'Service',
  'Endpoints',
  'EndpointSlice',
  'StatefulSet',
  'ControllerRevision',
  'Deployment',
  'ReplicaSet',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'Event',
  'PodDisruptionBudget',
  'DaemonSet',
] as const;

/** The name of a kind the simulator serves. */
export type Kind = (typeof KINDS)[number];

/** Maps each kind to its TypeScript type. */
export interface KindMap {
  Namespace: Namespace;
  Node: Node;
  Pod: Pod;
  Service: Service;
  Endpoints: Endpoints;
  EndpointSlice: EndpointSlice;
  StatefulSet: StatefulSet;
  ControllerRevision: ControllerRevision;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  PersistentVolumeClaim: PersistentVolumeClaim;
  PersistentVolume: PersistentVolume;
  StorageClass: StorageClass;
  Event: KubeEvent;
  PodDisruptionBudget: PodDisruptionBudget;
  DaemonSet: DaemonSet;
}

/** How the API names a kind: group/version, plural resource, and whether it lives in a namespace. */
export interface KindInfo {
  readonly apiVersion: string;
  readonly group: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

/** REST mapping for every served kind (the plural is what NotFound messages print). */
export const KIND_INFO: Readonly<Record<Kind, KindInfo>> = {
  Namespace: { apiVersion: 'v1', group: '', resource: 'namespaces', namespaced: false },
  Node: { apiVersion: 'v1', group: '', resource: 'nodes', namespaced: false },
  Pod: { apiVersion: 'v1', group: '', resource: 'pods', namespaced: true },
  Service: { apiVersion: 'v1', group: '', resource: 'services', namespaced: true },
  Endpoints: { apiVersion: 'v1', group: '', resource: 'endpoints', namespaced: true },
  EndpointSlice: {
    apiVersion: 'discovery.k8s.io/v1',
    group: 'discovery.k8s.io',
    resource: 'endpointslices',
    namespaced: true,
  },
  StatefulSet: { apiVersion: 'apps/v1', group: 'apps', resource: 'statefulsets', namespaced: true },
  ControllerRevision: {
    apiVersion: 'apps/v1',
    group: 'apps',
    resource: 'controllerrevisions',
    namespaced: true,
  },
  Deployment: { apiVersion: 'apps/v1', group: 'apps', resource: 'deployments', namespaced: true },
  DaemonSet: { apiVersion: 'apps/v1', group: 'apps', resource: 'daemonsets', namespaced: true },
  ReplicaSet: { apiVersion: 'apps/v1', group: 'apps', resource: 'replicasets', namespaced: true },
  PersistentVolumeClaim: {
    apiVersion: 'v1',
    group: '',
    resource: 'persistentvolumeclaims',
    namespaced: true,
  },
  PersistentVolume: {
    apiVersion: 'v1',
    group: '',
    resource: 'persistentvolumes',
    namespaced: false,
  },
  StorageClass: {
    apiVersion: 'storage.k8s.io/v1',
    group: 'storage.k8s.io',
    resource: 'storageclasses',
    namespaced: false,
  },
  Event: { apiVersion: 'v1', group: '', resource: 'events', namespaced: true },
  PodDisruptionBudget: {
    apiVersion: 'policy/v1',
    group: 'policy',
    resource: 'poddisruptionbudgets',
    namespaced: true,
  },
};

/** True when `kind` is one the simulator serves. */
export function isKind(kind: string): kind is Kind {
  return (KINDS as readonly string[]).includes(kind);
}
