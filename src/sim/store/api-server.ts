/**
 * The API server in front of the store: defaulting, admission (default StorageClass,
 * pvc-protection, service accounts, pod status), validation with upstream messages,
 * generation bumps, optimistic concurrency, and deletion (grace periods, finalizers and the
 * propagation policies that the garbage collector then carries out). All answers are data.
 */
import type { IdSource } from '../clock/ids.ts';
import { toRfc3339 } from '../clock/time.ts';
import {
  defaultDaemonSet,
  defaultDeployment,
  defaultReplicaSet,
  defaultPodSpec,
  defaultPv,
  defaultPvc,
  defaultService,
  defaultStatefulSet,
} from '../api/defaults.ts';
import { deepClone, deepEqual, isPlainObject } from '../api/json.ts';
import { applyPatch } from '../api/patch.ts';
import type { PatchType } from '../api/patch.ts';
import type { ApiResult } from '../api/status.ts';
import {
  alreadyExistsStatus,
  badRequestStatus,
  conflictStatus,
  invalidStatus,
  notFoundStatus,
  ok,
  forbiddenStatus,
} from '../api/status.ts';
import type {
  DaemonSet,
  Deployment,
  ReplicaSet,
  PodDisruptionBudget,
  Kind,
  KindMap,
  KubeObject,
  Namespace,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Service,
  StatefulSet,
  StorageClass,
} from '../api/types.ts';
import { KIND_INFO, isKind } from '../api/types.ts';
import { validateCreate, validateUpdate } from '../api/validation.ts';
import { checkStrictBody, checkStrictPatch } from '../api/strict.ts';
import { preparePdbForCreate } from '../disruption/pdb.ts';
import { podQosClass } from '../api/resources.ts';
import type { ObjectStore } from './object-store.ts';

/** How dependents are treated when their owner is deleted. */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** Options of a DELETE call (metav1.DeleteOptions). */
export interface DeleteOptions {
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: PropagationPolicy;
}

/** Options for writes made by the simulated control plane rather than by a user. */
export interface WriteOptions {
  /** Write only `.status` (the status subresource); spec and metadata stay as stored. */
  readonly subresource?: 'status';
  /** Skip validation: the control plane's own writes (binding, finalizers, owner refs). */
  readonly internal?: boolean;
  /** With `internal`: also take `.status` from the input (the binding subresource does this). */
  readonly withStatus?: boolean;
  /** With `internal`: the virtual time to stamp as creationTimestamp (bootstrap objects predate the session). */
  readonly createdAt?: number;
  /**
   * With `internal`: the uid to give the new object instead of drawing one from the seeded
   * generator (objects that every cluster gains, like EndpointSlices, must not shift the draws).
   */
  readonly uid?: string;
}

/** Finalizer the garbage collector honours for Orphan propagation. */
export const ORPHAN_FINALIZER = 'orphan';
/** Finalizer the garbage collector honours for Foreground propagation. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** Finalizer that keeps an in-use PVC (storage-object-in-use protection). */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
/** Finalizer that keeps a bound PV. */
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
/** Annotation of a mirror pod: the API copy of a kubelet's static pod (corev1.MirrorPodAnnotationKey). */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** Annotation that marks the default StorageClass. */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

const HAS_GENERATION: ReadonlySet<string> = new Set([
  'StatefulSet',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'PodDisruptionBudget',
  'DaemonSet',
]);
const HAS_STATUS: ReadonlySet<string> = new Set([
  'StatefulSet',
  'Deployment',
  'ReplicaSet',
  'Pod',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Node',
  'Namespace',
  'Service',
  'PodDisruptionBudget',
  'DaemonSet',
]);

/** `v1.FinalizerKubernetes`: a Namespace's `spec.finalizers` entry owned by the namespace controller. */
export const FINALIZER_KUBERNETES = 'kubernetes';

/** Serves create/get/list/update/patch/delete over an ObjectStore. */
export class ApiServer {
  readonly #store: ObjectStore;
  readonly #ids: IdSource;
  readonly #now: () => number;

  /** Creates the API server; `now` reads the virtual clock. */
  constructor(store: ObjectStore, ids: IdSource, now: () => number) {
    this.#store = store;
    this.#ids = ids;
    this.#now = now;
  }

  /** The underlying store (for components that read a lot). */
  get store(): ObjectStore {
    return this.#store;
  }

  #timestamp(): string {
    return toRfc3339(this.#now());
  }

  #checkKind(input: unknown): ApiResult<{ kind: Kind; obj: KubeObject }> {
    if (!isPlainObject(input)) return badRequestStatus('Object is not a JSON object');
    const kind = input['kind'];
    const apiVersion = input['apiVersion'];
    if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
      return badRequestStatus("Object 'Kind' is missing in the request");
    }
    if (!isKind(kind) || KIND_INFO[kind].apiVersion !== apiVersion) {
      return badRequestStatus(
        `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`,
      );
    }
    const obj = deepClone(input) as unknown as KubeObject;
    if (!isPlainObject(obj.metadata)) obj.metadata = { name: '' };
    return ok({ kind, obj });
  }

  #namespaceOf(kind: Kind, obj: KubeObject): string | undefined {
    if (!KIND_INFO[kind].namespaced) return undefined;
    return obj.metadata.namespace ?? 'default';
  }

  /** Reads one object. */
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): ApiResult<KindMap[K]> {
    const ns = KIND_INFO[kind].namespaced ? (namespace ?? 'default') : undefined;
    const obj = this.#store.get(kind, ns, name);
    return obj === undefined ? notFoundStatus(kind, name) : ok(obj);
  }

  /** Creates an object (POST). */
  create(input: unknown, opts: WriteOptions = {}): ApiResult<KubeObject> {
    const checked = this.#checkKind(input);
    if (!checked.ok) return checked;
    // kubectl 1.35 asks for fieldValidation=Strict: unknown fields and wrong types are refused.
    const strict = opts.internal ? undefined : checkStrictBody(input);
    if (strict !== undefined) return strict;
    const { kind, obj } = checked.object;
    const ns = this.#namespaceOf(kind, obj);
    if (ns === undefined) delete obj.metadata.namespace;
    else obj.metadata.namespace = ns;
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = obj.metadata.generateName + this.#ids.suffix(5);
    }
    const name = obj.metadata.name ?? '';
    if (
      ns !== undefined &&
      kind !== 'Event' &&
      this.#store.get('Namespace', undefined, ns) === undefined
    ) {
      return notFoundStatus('Namespace', ns);
    }
    const nsObj = ns === undefined ? undefined : this.#store.get('Namespace', undefined, ns);
    if (nsObj?.metadata.deletionTimestamp !== undefined) {
      return forbiddenStatus(
        kind,
        name,
        `${KIND_INFO[kind].resource} ${JSON.stringify(name)} is forbidden: unable to create new content in namespace ${ns ?? ''} because it is being terminated`,
      );
    }
    this.#default(kind, obj);
    this.#admit(kind, obj);
    if (!opts.internal) {
      const errs = validateCreate(obj, KIND_INFO[kind].namespaced);
      if (errs.length > 0) return invalidStatus(kind, name, errs);
    }
    if (this.#store.get(kind, ns, name) !== undefined) return alreadyExistsStatus(kind, name);
    // Fields a client may not set on create.
    delete obj.metadata.deletionTimestamp;
    delete obj.metadata.deletionGracePeriodSeconds;
    obj.metadata.uid = opts.internal && opts.uid !== undefined ? opts.uid : this.#ids.uid();
    obj.metadata.creationTimestamp =
      opts.internal && opts.createdAt !== undefined ? toRfc3339(opts.createdAt) : this.#timestamp();
    if (HAS_GENERATION.has(kind)) obj.metadata.generation = 1;
    else delete obj.metadata.generation;
    this.#orderMetadata(obj);
    return ok(this.#store.put(obj));
  }

  /**
   * Checks an object as the API server would on create (or on update, when an object with that
   * name exists: immutable fields), without storing anything and without drawing ids or random
   * numbers, so calling it never changes the simulation. Admission (which allocates names and
   * IPs) is skipped: it never rejects the kinds learners write.
   */
  validate(input: unknown): ApiResult<KubeObject> {
    const checked = this.#checkKind(input);
    if (!checked.ok) return checked;
    const strict = checkStrictBody(input);
    if (strict !== undefined) return strict;
    const { kind, obj } = checked.object;
    const ns = this.#namespaceOf(kind, obj);
    if (ns === undefined) delete obj.metadata.namespace;
    else obj.metadata.namespace = ns;
    const name = obj.metadata.name ?? '';
    const namespaced = KIND_INFO[kind].namespaced;
    const old = this.#store.get(kind, ns, name);
    this.#default(kind, obj);
    if (old === undefined) {
      const errs = validateCreate(obj, namespaced);
      return errs.length > 0 ? invalidStatus(kind, name, errs) : ok(obj);
    }
    obj.metadata.uid = old.metadata.uid ?? '';
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp ?? '';
    if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
    const errs = validateUpdate(obj, old, namespaced);
    return errs.length > 0 ? invalidStatus(kind, name, errs) : ok(obj);
  }

  /** Replaces an object (PUT), or only its status with `subresource: 'status'`. */
  update(input: unknown, opts: WriteOptions = {}): ApiResult<KubeObject> {
    const checked = this.#checkKind(input);
    if (!checked.ok) return checked;
    if (!opts.internal && opts.subresource === undefined) {
      const strict = checkStrictBody(input);
      if (strict !== undefined) return strict;
    }
    const { kind, obj } = checked.object;
    const ns = this.#namespaceOf(kind, obj);
    const name = obj.metadata.name;
    const old = this.#store.get(kind, ns, name);
    if (old === undefined) return notFoundStatus(kind, name);
    if (
      obj.metadata.resourceVersion !== undefined &&
      obj.metadata.resourceVersion !== old.metadata.resourceVersion
    ) {
      return conflictStatus(kind, name);
    }
    let next: KubeObject;
    if (opts.subresource === 'status') {
      next = deepClone(old);
      const status = (obj as unknown as { status?: unknown }).status;
      (next as unknown as { status?: unknown }).status = deepClone(status);
    } else {
      next = obj;
      if (ns !== undefined) next.metadata.namespace = ns;
      // Immutable metadata and the status subresource are kept from the stored object.
      next.metadata.uid = old.metadata.uid ?? '';
      next.metadata.creationTimestamp = old.metadata.creationTimestamp ?? '';
      if (old.metadata.deletionTimestamp !== undefined)
        next.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
      else delete next.metadata.deletionTimestamp;
      if (old.metadata.deletionGracePeriodSeconds !== undefined)
        next.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      else delete next.metadata.deletionGracePeriodSeconds;
      if (old.metadata.generation !== undefined) next.metadata.generation = old.metadata.generation;
      if (HAS_STATUS.has(kind) && !(opts.internal && opts.withStatus)) {
        const oldStatus = (old as unknown as { status?: unknown }).status;
        if (oldStatus === undefined) delete (next as unknown as { status?: unknown }).status;
        else (next as unknown as { status?: unknown }).status = deepClone(oldStatus);
      }
      this.#default(kind, next);
      if (!opts.internal) {
        const errs = validateUpdate(next, old, KIND_INFO[kind].namespaced);
        if (errs.length > 0) return invalidStatus(kind, name, errs);
      }
      if (HAS_GENERATION.has(kind) && !deepEqual(specOf(next), specOf(old))) {
        next.metadata.generation = (old.metadata.generation ?? 0) + 1;
      }
    }
    next.metadata.resourceVersion = old.metadata.resourceVersion ?? '';
    this.#orderMetadata(next);
    if (deepEqual(next, old)) return ok(old);
    // Removing the last finalizer of an object being deleted completes the deletion. A status
    // write during a pod's graceful termination does not: the kubelet finishes that one.
    const hadFinalizers = (old.metadata.finalizers ?? []).length > 0;
    if (
      hadFinalizers &&
      next.metadata.deletionTimestamp !== undefined &&
      (next.metadata.finalizers ?? []).length === 0
    ) {
      this.#store.remove(kind, ns, name);
      return ok(next);
    }
    return ok(this.#store.put(next));
  }

  /** Applies a patch (PATCH): strategic merge (kubectl's default), JSON merge or JSON patch. */
  patch(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    type: PatchType = 'strategic',
    opts: WriteOptions = {},
  ): ApiResult<KubeObject> {
    const current = this.get(kind, namespace, name);
    if (!current.ok) return current;
    const applied = applyPatch(current.object, patch, type);
    if (!applied.ok) return badRequestStatus(applied.message);
    if (!isPlainObject(applied.value)) return badRequestStatus('the patch result is not an object');
    if (!opts.internal && opts.subresource === undefined) {
      const strict = checkStrictPatch(current.object, applied.value, patch, type);
      if (strict !== undefined) return strict;
    }
    const merged = applied.value as unknown as KubeObject;
    merged.metadata.resourceVersion = current.object.metadata.resourceVersion ?? '';
    return this.update(merged, opts);
  }

  /** Deletes an object (DELETE): graceful for scheduled pods, deferred while finalizers remain. */
  delete(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): ApiResult<KubeObject> {
    const ns = KIND_INFO[kind].namespaced ? (namespace ?? 'default') : undefined;
    const old = this.#store.get(kind, ns, name);
    if (old === undefined) return notFoundStatus(kind, name);
    if (kind === 'Namespace') {
      const res = this.#deleteNamespace(old as Namespace);
      if (res !== undefined) return res;
    }
    const next = deepClone(old);
    const finalizers = [...(next.metadata.finalizers ?? [])];
    const policy = opts.propagationPolicy ?? 'Background';
    let changed = false;
    if (old.metadata.deletionTimestamp === undefined) {
      if (policy === 'Orphan' && !finalizers.includes(ORPHAN_FINALIZER))
        finalizers.push(ORPHAN_FINALIZER);
      if (policy === 'Foreground' && !finalizers.includes(FOREGROUND_FINALIZER))
        finalizers.push(FOREGROUND_FINALIZER);
    }
    if (finalizers.length > 0) next.metadata.finalizers = finalizers;
    let grace = 0;
    if (kind === 'Pod') {
      const pod = old as Pod;
      grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      const phase = pod.status?.phase;
      // Unscheduled and already-terminal pods have no kubelet to wait for (CheckGracefulDelete).
      if (!pod.spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
    }
    if (grace > 0) {
      const deadline = this.#now() + grace * 1000;
      const current = old.metadata.deletionGracePeriodSeconds;
      if (
        old.metadata.deletionTimestamp === undefined ||
        (current !== undefined && grace < current)
      ) {
        next.metadata.deletionTimestamp = toRfc3339(deadline);
        next.metadata.deletionGracePeriodSeconds = grace;
        next.metadata.generation = (old.metadata.generation ?? 0) + 1;
        changed = true;
      }
      if (!changed && deepEqual(next, old)) return ok(old);
      return ok(this.#store.put(next));
    }
    if (finalizers.length > 0) {
      if (old.metadata.deletionTimestamp === undefined) {
        next.metadata.deletionTimestamp = this.#timestamp();
        next.metadata.deletionGracePeriodSeconds = 0;
        if (old.metadata.generation !== undefined)
          next.metadata.generation = old.metadata.generation + 1;
      }
      if (deepEqual(next, old)) return ok(old);
      return ok(this.#store.put(next));
    }
    this.#store.remove(kind, ns, name);
    return ok(old);
  }

  /**
   * Namespace deletion (namespace registry `Delete` + NamespaceLifecycle admission): the immortal
   * namespaces cannot be deleted; one with `spec.finalizers` becomes Terminating and stays until
   * the namespace controller has emptied it and called finalize. Undefined: delete normally.
   */
  #deleteNamespace(old: Namespace): ApiResult<KubeObject> | undefined {
    const name = old.metadata.name;
    // plugin/pkg/admission/namespace/lifecycle: immortalNamespaces (guess: kube-node-lease is not one).
    if (name === 'default' || name === 'kube-system' || name === 'kube-public')
      return forbiddenStatus(
        'Namespace',
        name,
        `namespaces ${JSON.stringify(name)} is forbidden: this namespace may not be deleted`,
      );
    if ((old.spec?.finalizers ?? []).length === 0) return undefined;
    if (old.metadata.deletionTimestamp !== undefined) return ok(old);
    const next = deepClone(old);
    next.metadata.deletionTimestamp = this.#timestamp();
    next.metadata.deletionGracePeriodSeconds = 0;
    next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    return ok(this.#store.put(next));
  }

  /**
   * The namespace `finalize` subresource: sets `spec.finalizers`; a terminating Namespace with
   * none left (and no metadata finalizers) is removed.
   */
  finalizeNamespace(name: string, finalizers: readonly string[]): ApiResult<KubeObject> {
    const old = this.#store.get('Namespace', undefined, name);
    if (old === undefined) return notFoundStatus('Namespace', name);
    const next = deepClone(old);
    next.spec = { ...(next.spec ?? {}), finalizers: [...finalizers] };
    if (
      finalizers.length === 0 &&
      old.metadata.deletionTimestamp !== undefined &&
      (old.metadata.finalizers ?? []).length === 0
    ) {
      this.#store.remove('Namespace', undefined, name);
      return ok(next);
    }
    return ok(this.#store.put(next));
  }

  #default(kind: Kind, obj: KubeObject): void {
    switch (kind) {
      case 'Namespace': {
        // namespace strategy PrepareForCreate: the `kubernetes` finalizer and phase Active.
        const ns = obj as Namespace;
        const spec = isPlainObject(ns.spec) ? ns.spec : {};
        if (!Array.isArray(spec.finalizers)) spec.finalizers = [FINALIZER_KUBERNETES];
        ns.spec = spec;
        ns.status = { ...(isPlainObject(ns.status) ? ns.status : {}), phase: 'Active' };
        break;
      }
      case 'StatefulSet':
        defaultStatefulSet(obj as StatefulSet);
        break;
      case 'Pod': {
        const pod = obj as Pod;
        if (isPlainObject(pod.spec) && Array.isArray(pod.spec.containers)) defaultPodSpec(pod.spec);
        break;
      }
      case 'Deployment': {
        const d = obj as Deployment;
        if (isPlainObject(d.spec) && isPlainObject(d.spec.template)) defaultDeployment(d);
        break;
      }
      case 'DaemonSet': {
        const ds = obj as DaemonSet;
        if (isPlainObject(ds.spec) && isPlainObject(ds.spec.template)) defaultDaemonSet(ds);
        break;
      }
      case 'ReplicaSet': {
        const rs = obj as ReplicaSet;
        if (isPlainObject(rs.spec) && isPlainObject(rs.spec.template)) defaultReplicaSet(rs);
        break;
      }
      case 'PersistentVolumeClaim':
        defaultPvc(obj as PersistentVolumeClaim);
        break;
      case 'PersistentVolume':
        defaultPv(obj as PersistentVolume);
        break;
      case 'Service':
        if (isPlainObject((obj as Service).spec)) defaultService(obj as Service);
        break;
      case 'PodDisruptionBudget':
        preparePdbForCreate(obj as PodDisruptionBudget);
        break;
      default:
        break;
    }
  }

  /** Create-time admission plugins that matter to the lessons. */
  #admit(kind: Kind, obj: KubeObject): void {
    if (kind === 'PersistentVolumeClaim') {
      const pvc = obj as PersistentVolumeClaim;
      if (pvc.spec.storageClassName === undefined) {
        const def = this.defaultStorageClass();
        if (def !== undefined) pvc.spec.storageClassName = def.metadata.name;
      }
      addFinalizer(obj, PVC_PROTECTION_FINALIZER);
    } else if (kind === 'PersistentVolume') {
      addFinalizer(obj, PV_PROTECTION_FINALIZER);
    } else if (kind === 'Pod') {
      const pod = obj as Pod;
      if (!isPlainObject(pod.spec) || !Array.isArray(pod.spec.containers)) return;
      pod.spec.serviceAccountName ??= 'default';
      pod.spec.serviceAccount = pod.spec.serviceAccountName;
      pod.spec.priority ??= 0;
      pod.spec.preemptionPolicy ??= 'PreemptLowerPriority';
      pod.spec.tolerations ??= [];
      for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
        // DefaultTolerationSeconds: an empty key (with NoExecute or any effect) already tolerates.
        const tolerates = pod.spec.tolerations.some(
          (t) =>
            (t.key === key || t.key === undefined || t.key === '') &&
            (t.effect === 'NoExecute' || t.effect === undefined || t.effect === ''),
        );
        if (!tolerates) {
          pod.spec.tolerations.push({
            key,
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          });
        }
      }
      // The ServiceAccount admission plugin leaves mirror pods (of static pods) alone.
      if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
        delete pod.spec.serviceAccountName;
        delete pod.spec.serviceAccount;
        pod.status = { phase: 'Pending', qosClass: podQosClass(pod.spec) };
        return;
      }
      // The ServiceAccount admission plugin mounts the API token as a projected volume.
      const tokenVolume = `kube-api-access-${this.#ids.suffix(5)}`;
      pod.spec.volumes = [
        ...(pod.spec.volumes ?? []),
        {
          name: tokenVolume,
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              {
                configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
              },
              {
                downwardAPI: {
                  items: [
                    {
                      path: 'namespace',
                      fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
                    },
                  ],
                },
              },
            ],
          },
        },
      ];
      for (const c of pod.spec.containers) {
        c.volumeMounts = [
          ...(c.volumeMounts ?? []),
          {
            name: tokenVolume,
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            readOnly: true,
          },
        ];
      }
      // The pod registry's PrepareForCreate: every new pod starts Pending.
      pod.status = { phase: 'Pending', qosClass: podQosClass(pod.spec) };
    } else if (kind === 'Service') {
      const svc = obj as Service;
      if (!isPlainObject(svc.spec)) return;
      if (svc.spec.clusterIP === undefined || svc.spec.clusterIP === '') {
        svc.spec.clusterIP = `10.96.${this.#ids.suffixNumber(256)}.${1 + this.#ids.suffixNumber(254)}`;
      }
      svc.spec.clusterIPs ??= [svc.spec.clusterIP];
    }
  }

  /** The StorageClass annotated as default, if any. */
  defaultStorageClass(): StorageClass | undefined {
    return this.#store
      .list('StorageClass')
      .find((sc) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  }

  /** Puts metadata keys in the order the API server serialises them, for stable YAML output. */
  #orderMetadata(obj: KubeObject): void {
    const m = obj.metadata;
    const order = [
      'annotations',
      'creationTimestamp',
      'deletionGracePeriodSeconds',
      'deletionTimestamp',
      'finalizers',
      'generateName',
      'generation',
      'labels',
      'name',
      'namespace',
      'ownerReferences',
      'resourceVersion',
      'uid',
    ];
    const out: Record<string, unknown> = {};
    for (const k of order)
      if ((m as unknown as Record<string, unknown>)[k] !== undefined)
        out[k] = (m as unknown as Record<string, unknown>)[k];
    for (const [k, v] of Object.entries(m)) if (!(k in out) && v !== undefined) out[k] = v;
    obj.metadata = out as unknown as KubeObject['metadata'];
  }
}

function specOf(obj: KubeObject): unknown {
  return (obj as unknown as { spec?: unknown }).spec;
}

function addFinalizer(obj: KubeObject, finalizer: string): void {
  const list = obj.metadata.finalizers ?? [];
  if (!list.includes(finalizer)) obj.metadata.finalizers = [...list, finalizer];
}
