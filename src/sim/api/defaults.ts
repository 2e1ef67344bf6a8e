/**
 * Defaulting, as the API server applies it on create and update (SetDefaults_* in
 * pkg/apis/{core,apps}/v1/defaults.go). Functions mutate the fresh copy they are given; the
 * store never hands these copies out before freezing them.
 */
import type {
  Container,
  DaemonSet,
  Deployment,
  ReplicaSet,
  PersistentVolume,
  PersistentVolumeClaim,
  PersistentVolumeClaimSpec,
  PodSpec,
  Service,
  StatefulSet,
} from './types.ts';

/** The pull policy the API server picks when none is given: Always for `:latest` or no tag. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (image === undefined) return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tail = image.slice(lastSlash + 1);
  const colon = tail.lastIndexOf(':');
  if (colon < 0) return 'Always';
  return tail.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const probe of [c.readinessProbe, c.livenessProbe]) {
    if (probe === undefined) continue;
    probe.timeoutSeconds ??= 1;
    probe.periodSeconds ??= 10;
    probe.successThreshold ??= 1;
    probe.failureThreshold ??= 3;
  }
}

/** SetDefaults_PodSpec and its containers (applies to pods and to pod templates). */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  for (const c of spec.containers) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
}

/** SetDefaults_StatefulSet (1.35.4 profile: maxUnavailable is not defaulted). */
export function defaultStatefulSet(sts: StatefulSet): void {
  const spec = sts.spec;
  spec.podManagementPolicy ??= 'OrderedReady';
  if (spec.updateStrategy === undefined || spec.updateStrategy.type === undefined) {
    // An omitted strategy gets an explicit rollingUpdate block; an explicit
    // `type: RollingUpdate` without one keeps it absent (this changes `rollout status` wording).
    spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate) {
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
  spec.template.metadata ??= {};
  defaultPodSpec(spec.template.spec);
  for (const t of spec.volumeClaimTemplates ?? []) {
    t.apiVersion ??= 'v1';
    t.kind ??= 'PersistentVolumeClaim';
    defaultPvcSpec(t.spec);
    t.status ??= { phase: 'Pending' };
  }
}

/** SetDefaults_Deployment (apps/v1): RollingUpdate with 25% surge and 25% unavailable. */
export function defaultDeployment(d: Deployment): void {
  const spec = d.spec;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ??= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.template.metadata ??= {};
  defaultPodSpec(spec.template.spec);
}

/** SetDefaults_ReplicaSet (apps/v1). */
export function defaultReplicaSet(rs: ReplicaSet): void {
  rs.spec.replicas ??= 1;
  rs.spec.template.metadata ??= {};
  defaultPodSpec(rs.spec.template.spec);
}

/** SetDefaults_DaemonSet (apps/v1): RollingUpdate, maxUnavailable 1, maxSurge 0. */
export function defaultDaemonSet(ds: DaemonSet): void {
  const spec = ds.spec;
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ??= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.template.metadata ??= {};
  defaultPodSpec(spec.template.spec);
}

/** SetDefaults_PersistentVolumeClaimSpec. */
export function defaultPvcSpec(spec: PersistentVolumeClaimSpec): void {
  spec.volumeMode ??= 'Filesystem';
}

/** SetDefaults_PersistentVolumeClaim plus the create-time status the registry sets. */
export function defaultPvc(pvc: PersistentVolumeClaim): void {
  defaultPvcSpec(pvc.spec);
  pvc.status ??= { phase: 'Pending' };
}

/** SetDefaults_PersistentVolume. */
export function defaultPv(pv: PersistentVolume): void {
  pv.spec.persistentVolumeReclaimPolicy ??= 'Retain';
  pv.spec.volumeMode ??= 'Filesystem';
  pv.status ??= { phase: 'Pending' };
}

/** SetDefaults_Service and SetDefaults_ServicePort (IP allocation happens elsewhere). */
export function defaultService(svc: Service): void {
  const spec = svc.spec;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  spec.internalTrafficPolicy ??= 'Cluster';
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
  svc.status ??= { loadBalancer: {} };
}
