/**
 * Names, labels, predicates and revisions of the StatefulSet controller, after upstream's
 * pkg/controller/statefulset/stateful_set_utils.go. Function names match upstream so a learner
 * can open the real file and find the same function.
 */
import { canonicalJson, deepClone, deepEqual } from '../../api/json.ts';
import type {
  ControllerRevision,
  OwnerReference,
  PersistentVolumeClaim,
  Pod,
  StatefulSet,
} from '../../api/types.ts';
import { fromRfc3339 } from '../../clock/time.ts';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  controllerRevisionName,
  hashControllerRevision,
} from '../history/controller-history.ts';

/** Label with the pod's name (apps.StatefulSetPodNameLabel). */
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** Label with the pod's ordinal (apps.PodIndexLabel, GA 1.32). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** Label with the pod's ControllerRevision name (apps.ControllerRevisionHashLabelKey). */
export const CONTROLLER_REVISION_HASH_LABEL_KEY = 'controller-revision-hash';

const ORDINAL_PATTERN = /^(.*)-([0-9]+)$/;

/**
 * Stored objects are frozen and never change, so per-object results can be cached by identity;
 * a pass visits every pod several times, and these caches keep it cheap at 1,000 replicas.
 */
const ordinalCache = new WeakMap<object, [string, number]>();
const readyCache = new WeakMap<object, boolean>();
/** Per pod: the uid of the set its identity and storage were last found to match. */
const matchCache = new WeakMap<object, string>();

/**
 * identityMatches && storageMatches, cached per stored pod: both depend only on the set's name,
 * namespace and claim templates, which cannot change for a given set uid.
 */
export function identityAndStorageMatch(set: StatefulSet, pod: Pod): boolean {
  const uid = set.metadata.uid ?? '';
  if (uid !== '' && matchCache.get(pod) === uid) return true;
  const ok = identityMatches(set, pod) && storageMatches(set, pod);
  if (ok && uid !== '' && Object.isFrozen(pod)) matchCache.set(pod, uid);
  return ok;
}

/** getParentNameAndOrdinal: `web-3` → ["web", 3]; an unparsable name gives ordinal -1. */
export function getParentNameAndOrdinal(pod: Pod): [string, number] {
  const frozen = Object.isFrozen(pod);
  if (frozen) {
    const hit = ordinalCache.get(pod);
    if (hit !== undefined) return hit;
  }
  const m = ORDINAL_PATTERN.exec(pod.metadata.name);
  let result: [string, number] = ['', -1];
  if (m !== null) {
    const ordinal = Number.parseInt(m[2] ?? '', 10);
    if (Number.isSafeInteger(ordinal) && ordinal <= 2147483647) result = [m[1] ?? '', ordinal];
  }
  if (frozen) ordinalCache.set(pod, result);
  return result;
}

/** getOrdinal: the pod's ordinal, or -1. */
export function getOrdinal(pod: Pod): number {
  return getParentNameAndOrdinal(pod)[1];
}

/** getStartOrdinal: `.spec.ordinals.start` or 0. */
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec.ordinals?.start ?? 0;
}

/** getEndOrdinal: the last ordinal in range (start + replicas - 1). */
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + (set.spec.replicas ?? 1) - 1;
}

/** podInOrdinalRange. */
export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = getOrdinal(pod);
  return o >= getStartOrdinal(set) && o <= getEndOrdinal(set);
}

/** getPodName: `<set>-<ordinal>`. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** isMemberOf: the pod's name parses as `<this set>-<int>`. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return getParentNameAndOrdinal(pod)[0] === set.metadata.name;
}

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`. */
export function getPersistentVolumeClaimName(
  set: StatefulSet,
  templateName: string,
  ordinal: number,
): string {
  return `${templateName}-${set.metadata.name}-${ordinal}`;
}

/**
 * getPersistentVolumeClaims: the claims a pod of this ordinal needs, keyed by template name,
 * labelled with the template's labels plus the selector's matchLabels.
 */
export function getPersistentVolumeClaims(
  set: StatefulSet,
  ordinal: number,
): Map<string, PersistentVolumeClaim> {
  const out = new Map<string, PersistentVolumeClaim>();
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const meta = deepClone(t.metadata);
    const labels = { ...(meta.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) };
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...meta,
        name: getPersistentVolumeClaimName(set, t.metadata.name, ordinal),
        namespace: set.metadata.namespace ?? 'default',
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
      },
      spec: deepClone(t.spec),
    };
    out.set(t.metadata.name, claim);
  }
  return out;
}

/** isCreated: the API server has given the pod a phase. */
export function isCreated(pod: Pod): boolean {
  return pod.status?.phase !== undefined;
}

/** isPending. */
export function isPending(pod: Pod): boolean {
  return pod.status?.phase === 'Pending';
}

/** isFailed. */
export function isFailed(pod: Pod): boolean {
  return pod.status?.phase === 'Failed';
}

/** isSucceeded. */
export function isSucceeded(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded';
}

/** isTerminating: the pod has a deletionTimestamp. */
export function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

function readyCondition(pod: Pod): { status: string; lastTransitionTime: string } | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** isRunningAndReady: phase Running and condition Ready=True. */
export function isRunningAndReady(pod: Pod): boolean {
  const hit = readyCache.get(pod);
  if (hit !== undefined) return hit;
  const ready = pod.status?.phase === 'Running' && readyCondition(pod)?.status === 'True';
  if (Object.isFrozen(pod)) readyCache.set(pod, ready);
  return ready;
}

/** isRunningAndAvailable: Running and Ready for at least minReadySeconds at virtual time `now`. */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isRunningAndReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = fromRfc3339(readyCondition(pod)?.lastTransitionTime ?? '');
  return since + minReadySeconds * 1000 <= now;
}

/** isHealthy: Running, Ready and not terminating. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** getPodRevision: the pod's `controller-revision-hash` label. */
export function getPodRevision(pod: Pod): string {
  return pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL_KEY] ?? '';
}

/** setPodRevision. */
export function setPodRevision(pod: Pod, revision: string): void {
  pod.metadata.labels = {
    ...(pod.metadata.labels ?? {}),
    [CONTROLLER_REVISION_HASH_LABEL_KEY]: revision,
  };
}

/** updateIdentity: name, namespace and the pod-name / pod-index labels. */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = getOrdinal(pod);
  pod.metadata.name = getPodName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace ?? 'default';
  pod.metadata.labels = {
    ...(pod.metadata.labels ?? {}),
    [STATEFULSET_POD_NAME_LABEL]: pod.metadata.name,
    [POD_INDEX_LABEL]: String(ordinal),
  };
}

/** initIdentity: identity labels plus hostname and subdomain (set only at creation). */
export function initIdentity(set: StatefulSet, pod: Pod): void {
  updateIdentity(set, pod);
  pod.spec.hostname = pod.metadata.name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
}

/** identityMatches. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const [parent, ordinal] = getParentNameAndOrdinal(pod);
  return (
    ordinal >= 0 &&
    set.metadata.name === parent &&
    pod.metadata.name === getPodName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[STATEFULSET_POD_NAME_LABEL] === pod.metadata.name &&
    pod.metadata.labels[POD_INDEX_LABEL] === String(ordinal)
  );
}

/** storageMatches: every claim template is mounted from the right claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = pod.spec.volumes ?? [];
  for (const t of set.spec.volumeClaimTemplates ?? []) {
    const v = volumes.find((x) => x.name === t.metadata.name);
    if (
      v?.persistentVolumeClaim?.claimName !==
      getPersistentVolumeClaimName(set, t.metadata.name, ordinal)
    ) {
      return false;
    }
  }
  return true;
}

/** updateStorage: claim-backed volumes first (template order), then the template's others. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = getPersistentVolumeClaims(set, getOrdinal(pod));
  const volumes: NonNullable<Pod['spec']['volumes']> = [];
  for (const [name, claim] of claims) {
    volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata.name } });
  }
  for (const v of pod.spec.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  if (volumes.length > 0) pod.spec.volumes = volumes;
}

/** The controller reference a StatefulSet puts on its pods and revisions. */
export function newControllerRef(set: StatefulSet): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    name: set.metadata.name,
    uid: set.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The owner reference marked controller, if any. */
export function getControllerOf(obj: {
  metadata: { ownerReferences?: OwnerReference[] };
}): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** newStatefulSetPod: the pod for `ordinal` from the set's template (GetPodFromTemplate + identity). */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const tmeta = set.spec.template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: getPodName(set, ordinal),
      generateName: `${set.metadata.name}-`,
      namespace: set.metadata.namespace ?? 'default',
      ...(tmeta.labels ? { labels: { ...tmeta.labels } } : {}),
      ...(tmeta.annotations ? { annotations: { ...tmeta.annotations } } : {}),
      ...(tmeta.finalizers ? { finalizers: [...tmeta.finalizers] } : {}),
      ownerReferences: [newControllerRef(set)],
    },
    spec: deepClone(set.spec.template.spec),
  };
  initIdentity(set, pod);
  updateStorage(set, pod);
  return pod;
}

/**
 * newVersionedStatefulSetPod: ordinals below the partition are (re)created at the current
 * revision, the rest at the update revision. Upstream's operator precedence is kept: without a
 * rollingUpdate block, ordinals below status.currentReplicas stay on the current revision.
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
): Pod {
  const strategy = currentSet.spec.updateStrategy;
  const ru = strategy?.rollingUpdate;
  const useCurrent =
    (strategy?.type === 'RollingUpdate' &&
      ru === undefined &&
      ordinal < (currentSet.status?.currentReplicas ?? 0)) ||
    (ru !== undefined && ordinal < getStartOrdinal(currentSet) + (ru.partition ?? 0));
  if (useCurrent) {
    const pod = newStatefulSetPod(currentSet, ordinal);
    setPodRevision(pod, currentRevision);
    return pod;
  }
  const pod = newStatefulSetPod(updateSet, ordinal);
  setPodRevision(pod, updateRevision);
  return pod;
}

/**
 * getPatch: the revision data, i.e. only `spec.template` with `$patch: replace`, serialised with
 * sorted keys as Go's json.Marshal of a map does.
 */
export function getPatch(set: StatefulSet): Record<string, unknown> {
  const template = deepClone(set.spec.template) as unknown as Record<string, unknown>;
  const metadata = (template['metadata'] ?? {}) as Record<string, unknown>;
  // metav1.Time's zero value marshals as null, and it is part of what upstream hashes.
  template['metadata'] = { creationTimestamp: null, ...metadata };
  template['$patch'] = 'replace';
  return { spec: { template } };
}

/** nextRevision: one more than the highest revision number. */
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revisions) if (r.revision > max) max = r.revision;
  return max + 1;
}

/** The revision data (getPatch) of the set's template and its hash (HashControllerRevision). */
export function revisionDataAndHash(
  set: StatefulSet,
  collisionCount: number,
): { data: Record<string, unknown>; hash: string } {
  const data = getPatch(set);
  return { data, hash: hashControllerRevision(canonicalJson(data), collisionCount) };
}

/** newRevision: a ControllerRevision for the set's current template (not yet stored). */
export function newRevision(
  set: StatefulSet,
  revision: number,
  collisionCount: number,
  precomputed?: { readonly data: Record<string, unknown>; readonly hash: string },
): ControllerRevision {
  const { data, hash } = precomputed ?? revisionDataAndHash(set, collisionCount);
  const labels = {
    ...(set.spec.template.metadata?.labels ?? {}),
    [CONTROLLER_REVISION_HASH_LABEL]: hash,
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(set.metadata.name, hash),
      namespace: set.metadata.namespace ?? 'default',
      labels,
      ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(set)],
    },
    data,
    revision,
  };
}

/** EqualRevision: same data. */
export function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  return deepEqual(a.data, b.data);
}

/** ApplyRevision: the set with its template replaced by the revision's. */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const clone = deepClone(set);
  const data = revision.data as { spec?: { template?: Record<string, unknown> } };
  const template = deepClone(data.spec?.template ?? {});
  delete template['$patch'];
  const meta = (template['metadata'] ?? {}) as Record<string, unknown>;
  delete meta['creationTimestamp'];
  template['metadata'] = meta;
  clone.spec.template = template as unknown as StatefulSet['spec']['template'];
  return clone;
}
