/**
 * The Deployment controller, after pkg/controller/deployment (sync.go, rolling.go, recreate.go,
 * util/deployment_util.go): it owns one ReplicaSet per pod template (`<deployment>-<hash>`, the
 * hash also labelling the pods as `pod-template-hash`), numbers them with the
 * `deployment.kubernetes.io/revision` annotation, rolls from the old ReplicaSets to the new one
 * within maxSurge/maxUnavailable (RollingUpdate) or by scaling everything old to zero first
 * (Recreate), deletes old ReplicaSets beyond revisionHistoryLimit and reports status conditions.
 * It never looks at pod identity: that is what the comparison with StatefulSets shows.
 */
import { canonicalJson, deepClone, deepEqual } from '../../api/json.ts';
import { fromLabelSelector, matches } from '../../api/labels.ts';
import type {
  Deployment,
  DeploymentCondition,
  DeploymentStatus,
  OwnerReference,
  PodTemplateSpec,
  ReplicaSet,
} from '../../api/types.ts';
import { toRfc3339 } from '../../clock/time.ts';
import type { Task } from '../../clock/virtual-clock.ts';
import type { Component, Runtime } from '../../runtime.ts';
import { SyncQueue } from '../../sync-queue.ts';
import { objectKey } from '../../store/object-store.ts';
import type { WatchEvent } from '../../store/object-store.ts';
import { fnv32, safeEncodeString, utf8Bytes } from '../history/controller-history.ts';
import { getControllerOf } from '../statefulset/statefulset-utils.ts';

/** `task.target` of the Deployment controller. */
export const DEPLOYMENT_TARGET = 'deployment';
/** The label that ties a ReplicaSet and its pods to one pod template. */
export const DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY = 'pod-template-hash';
/** Revision number of a ReplicaSet (and of the Deployment: its newest ReplicaSet's). */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** spec.replicas of the Deployment when the ReplicaSet was last scaled. */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
/** spec.replicas + maxSurge when the ReplicaSet was last scaled. */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const SOURCE = { component: 'deployment-controller' };

/**
 * ComputeHash: a 32-bit FNV hash of the pod template (and collisionCount), safe-encoded, so
 * hashes use only `bcdfghjklmnpqrstvwxz2456789`-mapped digits like `5d4f8b7c9`. Upstream hashes
 * the Go structure as printed by spew; this hashes its canonical JSON, so the characters and
 * length look real but the values differ from a real cluster's (a deliberate approximation).
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv32(utf8Bytes(canonicalJson(template)));
  if (collisionCount !== undefined) h = fnv32(utf8Bytes(String(collisionCount)), h);
  return safeEncodeString(String(h));
}

/** EqualIgnoreHash: the templates are equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  const strip = (t: PodTemplateSpec): PodTemplateSpec => {
    const c = deepClone(t);
    const labels = { ...(c.metadata?.labels ?? {}) };
    delete labels[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
    c.metadata = { ...(c.metadata ?? {}), labels };
    return c;
  };
  return deepEqual(strip(a), strip(b));
}

/** An int-or-percent against `total` (GetScaledValueFromIntOrPercent). */
function scaled(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (m === null) return Number.parseInt(value, 10) || 0;
  const v = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(v) : Math.floor(v);
}

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down, and both 0 means 1 unavailable. */
export function resolveFenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const replicas = d.spec.replicas ?? 1;
  if (d.spec.strategy?.type !== 'RollingUpdate') return { maxSurge: 0, maxUnavailable: replicas };
  const ru = d.spec.strategy.rollingUpdate ?? {};
  const maxSurge = scaled(ru.maxSurge, replicas, true);
  let maxUnavailable = scaled(ru.maxUnavailable, replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

function revisionOf(rs: ReplicaSet): number {
  return Number.parseInt(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '0', 10) || 0;
}

function specReplicas(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 1;
}

function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ca = a.metadata.creationTimestamp ?? '';
  const cb = b.metadata.creationTimestamp ?? '';
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

/** The Deployment controller. */
export class DeploymentController implements Component {
  readonly name = DEPLOYMENT_TARGET;
  readonly #rt: Runtime;
  readonly #queue: SyncQueue;

  /** Creates the controller. */
  constructor(rt: Runtime) {
    this.#rt = rt;
    this.#queue = new SyncQueue(rt, this.name);
  }

  /** Rebuilds the queue after a restore. */
  restore(pending: readonly Task[]): void {
    this.#queue.restore(pending);
  }

  /** Queues the Deployment a change concerns (its own changes and its ReplicaSets'). */
  handle(ev: WatchEvent): void {
    const obj = ev.object;
    if (obj.kind === 'Deployment') {
      this.#enqueue(objectKey(obj.metadata.namespace, obj.metadata.name));
    } else if (obj.kind === 'Pod') {
      // Recreate waits for old pods to finish: their end wakes the Deployment (deletePod).
      const phase = (obj as { status?: { phase?: string } }).status?.phase;
      if (ev.type !== 'DELETED' && phase !== 'Succeeded' && phase !== 'Failed') return;
      const ref = getControllerOf(obj);
      if (ref?.kind !== 'ReplicaSet') return;
      const ns = obj.metadata.namespace ?? 'default';
      const rs = this.#rt.api.store.get('ReplicaSet', ns, ref.name);
      const owner = rs === undefined ? undefined : getControllerOf(rs);
      if (owner?.kind !== 'Deployment') return;
      const d = this.#rt.api.store.get('Deployment', ns, owner.name);
      if (d?.spec.strategy?.type === 'Recreate') this.#enqueue(objectKey(ns, owner.name));
    } else if (obj.kind === 'ReplicaSet') {
      const ref = getControllerOf(obj);
      const ns = obj.metadata.namespace ?? 'default';
      if (ref?.kind === 'Deployment') this.#enqueue(objectKey(ns, ref.name));
      else if (ref === undefined && ev.type !== 'DELETED') {
        for (const d of this.#rt.api.store.list('Deployment', ns))
          if (matches(fromLabelSelector(d.spec.selector), obj.metadata.labels))
            this.#enqueue(objectKey(ns, d.metadata.name));
      }
    }
  }

  #enqueue(key: string): void {
    this.#queue.add(key);
  }

  /** Runs a queued sync. */
  run(task: Task): void {
    this.#queue.started(task);
    this.syncDeployment(task.key);
  }

  /** syncDeployment: claim ReplicaSets, scale or roll out, clean up history, write status. */
  syncDeployment(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const d = this.#rt.api.store.get('Deployment', ns, name);
    if (d === undefined) return;
    const rsList = this.#claimReplicaSets(d);
    if (d.metadata.deletionTimestamp !== undefined || d.spec.paused === true) {
      this.#syncStatus(d, rsList);
      return;
    }
    const current = rsList.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
    const active = rsList.filter((rs) => specReplicas(rs) > 0);
    // isScalingEvent: replicas changed, and there is nothing to roll.
    const desired = d.spec.replicas ?? 1;
    if (
      current !== undefined &&
      active.length <= 1 &&
      (active.length === 0 || active[0] === current) &&
      current.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] !== String(desired)
    ) {
      this.#syncRevision(d, rsList, current);
      this.#scaleReplicaSet(current, desired, d);
      this.#syncStatus(d, this.#claimReplicaSets(d));
      return;
    }
    if (d.spec.strategy?.type === 'Recreate') this.#rolloutRecreate(d, rsList);
    else this.#rolloutRolling(d, rsList);
  }

  #claimReplicaSets(d: Deployment): ReplicaSet[] {
    const store = this.#rt.api.store;
    const uid = d.metadata.uid ?? '';
    const out = store
      .dependents(uid, 'ReplicaSet')
      .filter((r) => getControllerOf(r)?.uid === uid) as ReplicaSet[];
    if (d.metadata.deletionTimestamp === undefined) {
      const selector = fromLabelSelector(d.spec.selector);
      for (const rs of store.list('ReplicaSet', d.metadata.namespace)) {
        if (getControllerOf(rs) !== undefined || rs.metadata.deletionTimestamp !== undefined)
          continue;
        if (!matches(selector, rs.metadata.labels)) continue;
        const next = deepClone(rs);
        next.metadata.ownerReferences = [
          ...(next.metadata.ownerReferences ?? []),
          controllerRef(d),
        ];
        const res = this.#rt.api.update(next, { internal: true });
        if (res.ok) out.push(res.object as ReplicaSet);
      }
    }
    return out.sort(byCreation);
  }

  /**
   * getNewReplicaSet: the ReplicaSet for the current template, its revision bumped past the old
   * ones (a rollback re-uses the old ReplicaSet and renumbers it), created when missing.
   */
  #getNewReplicaSet(
    d: Deployment,
    rsList: readonly ReplicaSet[],
    create: boolean,
  ): ReplicaSet | undefined {
    const existing = rsList.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
    const old = rsList.filter((rs) => rs !== existing);
    const newRevision = String(Math.max(0, ...old.map(revisionOf)) + 1);
    const { maxSurge } = resolveFenceposts(d);
    const desired = d.spec.replicas ?? 1;
    if (existing !== undefined) {
      this.#syncRevision(d, rsList, existing);
      return this.#rt.api.store.get(
        'ReplicaSet',
        existing.metadata.namespace,
        existing.metadata.name,
      );
    }
    if (!create) return undefined;
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const template = deepClone(d.spec.template);
    template.metadata = {
      ...(template.metadata ?? {}),
      labels: { ...(template.metadata?.labels ?? {}), [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash },
    };
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
      if (k !== LAST_APPLIED && k !== REVISION_ANNOTATION) annotations[k] = v;
    const replicas = this.#newRSNewReplicas(d, rsList, 0);
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace ?? 'default',
        labels: { ...(template.metadata.labels ?? {}) },
        annotations: {
          ...annotations,
          [DESIRED_REPLICAS_ANNOTATION]: String(desired),
          [MAX_REPLICAS_ANNOTATION]: String(desired + maxSurge),
          [REVISION_ANNOTATION]: newRevision,
        },
        ownerReferences: [controllerRef(d)],
      },
      spec: {
        replicas,
        ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
        selector: {
          ...(d.spec.selector ?? {}),
          matchLabels: {
            ...(d.spec.selector?.matchLabels ?? {}),
            [DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY]: hash,
          },
        },
        template,
      },
    };
    const res = this.#rt.api.create(rs);
    if (!res.ok) {
      this.#trace(
        d,
        'wait',
        `could not create replica set ${rs.metadata.name}: ${res.status.message}`,
      );
      return undefined;
    }
    const created = res.object as ReplicaSet;
    if (replicas > 0) {
      this.#rt.recorder.record(
        d,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`,
        SOURCE,
      );
    }
    this.#trace(
      d,
      'update',
      `created replica set ${created.metadata.name} (revision ${newRevision}) for the new pod template`,
    );
    this.#setDeploymentRevision(d, newRevision, {
      type: 'Progressing',
      status: 'True',
      reason: 'NewReplicaSetCreated',
      message: `Created new replica set ${JSON.stringify(created.metadata.name)}`,
    });
    return created;
  }

  /** Brings the new ReplicaSet's revision and the Deployment's annotation up to date. */
  #syncRevision(d: Deployment, rsList: readonly ReplicaSet[], current: ReplicaSet): void {
    const old = rsList.filter((rs) => rs !== current);
    const maxOld = Math.max(0, ...old.map(revisionOf));
    let revision = revisionOf(current);
    if (revision <= maxOld) {
      revision = maxOld + 1;
      const next = deepClone(current);
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        [REVISION_ANNOTATION]: String(revision),
      };
      this.#rt.api.update(next, { internal: true });
    }
    this.#setDeploymentRevision(d, String(revision));
  }

  #setDeploymentRevision(
    d: Deployment,
    revision: string,
    condition?: Pick<DeploymentCondition, 'type' | 'status' | 'reason' | 'message'>,
  ): void {
    const live = this.#rt.api.store.get('Deployment', d.metadata.namespace, d.metadata.name);
    if (live === undefined) return;
    if (live.metadata.annotations?.[REVISION_ANNOTATION] !== revision) {
      const next = deepClone(live);
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        [REVISION_ANNOTATION]: revision,
      };
      this.#rt.api.update(next, { internal: true });
    }
    if (condition !== undefined) {
      const fresh = this.#rt.api.store.get('Deployment', d.metadata.namespace, d.metadata.name);
      if (fresh === undefined) return;
      const next = deepClone(fresh);
      const status = next.status ?? {};
      status.conditions = setCondition(status.conditions ?? [], condition, this.#rt.clock.now());
      next.status = status;
      this.#rt.api.update(next, { subresource: 'status' });
    }
  }

  /** NewRSNewReplicas for RollingUpdate: grow the new ReplicaSet as far as maxSurge allows. */
  #newRSNewReplicas(d: Deployment, rsList: readonly ReplicaSet[], newReplicas: number): number {
    const desired = d.spec.replicas ?? 1;
    if (d.spec.strategy?.type !== 'RollingUpdate') return desired;
    const { maxSurge } = resolveFenceposts(d);
    const current = rsList.reduce((n, rs) => n + specReplicas(rs), 0);
    const maxTotal = desired + maxSurge;
    if (current >= maxTotal) return newReplicas;
    const up = Math.min(maxTotal - current, desired - newReplicas);
    return newReplicas + Math.max(0, up);
  }

  /** rolloutRolling: scale the new ReplicaSet up, then old ones down, within the fenceposts. */
  #rolloutRolling(d: Deployment, rsListIn: readonly ReplicaSet[]): void {
    const newRS = this.#getNewReplicaSet(d, rsListIn, true);
    const rsList = this.#claimReplicaSets(d);
    const desired = d.spec.replicas ?? 1;
    if (newRS !== undefined) {
      const fresh = rsList.find((r) => r.metadata.uid === newRS.metadata.uid) ?? newRS;
      // reconcileNewReplicaSet
      let target = specReplicas(fresh);
      if (target > desired) target = desired;
      else if (target < desired) target = this.#newRSNewReplicas(d, rsList, target);
      if (target !== specReplicas(fresh) && this.#scaleReplicaSet(fresh, target, d)) {
        this.#syncStatus(d, this.#claimReplicaSets(d));
        return;
      }
    }
    const all = this.#claimReplicaSets(d);
    const current = all.find((r) => r.metadata.uid === newRS?.metadata.uid);
    const oldRSs = all.filter((r) => r !== current);
    if (this.#reconcileOldReplicaSets(d, all, oldRSs, current)) {
      this.#syncStatus(d, this.#claimReplicaSets(d));
      return;
    }
    const status = this.#syncStatus(d, all);
    if (deploymentComplete(d, status)) this.#cleanupDeployment(d, oldRSs);
  }

  /** reconcileOldReplicaSets: scale old ReplicaSets down without going below minAvailable. */
  #reconcileOldReplicaSets(
    d: Deployment,
    all: readonly ReplicaSet[],
    oldRSs: readonly ReplicaSet[],
    newRS: ReplicaSet | undefined,
  ): boolean {
    const oldPods = oldRSs.reduce((n, rs) => n + specReplicas(rs), 0);
    if (oldPods === 0) return false;
    const allPods = all.reduce((n, rs) => n + specReplicas(rs), 0);
    const { maxUnavailable } = resolveFenceposts(d);
    const minAvailable = (d.spec.replicas ?? 1) - maxUnavailable;
    const newUnavailable =
      newRS === undefined ? 0 : specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      this.#trace(
        d,
        'wait',
        `not scaling down old replica sets: ${minAvailable} pod(s) must stay available (maxUnavailable ${maxUnavailable}) and new pods are not available yet`,
      );
      return false;
    }
    let scaledDown = false;
    // cleanupUnhealthyReplicas: unavailable old pods go first.
    let cleaned = 0;
    const active = oldRSs.filter((rs) => specReplicas(rs) > 0);
    for (const rs of active) {
      if (cleaned >= maxScaledDown) break;
      const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
      if (unhealthy <= 0) continue;
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      if (this.#scaleReplicaSet(rs, specReplicas(rs) - n, d)) scaledDown = true;
      cleaned += n;
    }
    // scaleDownOldReplicaSetsForRollingUpdate: then available ones, oldest first.
    const latest = this.#claimReplicaSets(d);
    const available = latest.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
    if (available > minAvailable) {
      let total = Math.min(available - minAvailable, maxScaledDown - cleaned);
      for (const rs of latest.filter(
        (r) => r.metadata.uid !== newRS?.metadata.uid && specReplicas(r) > 0,
      )) {
        if (total <= 0) break;
        const n = Math.min(specReplicas(rs), total);
        if (this.#scaleReplicaSet(rs, specReplicas(rs) - n, d)) scaledDown = true;
        total -= n;
      }
    }
    return scaledDown;
  }

  /** rolloutRecreate: old ReplicaSets to zero, wait for their pods to be gone, then the new one. */
  #rolloutRecreate(d: Deployment, rsList: readonly ReplicaSet[]): void {
    let newRS = this.#getNewReplicaSet(d, rsList, false);
    const oldRSs = rsList.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
    let scaled = false;
    for (const rs of oldRSs) if (this.#scaleReplicaSet(rs, 0, d)) scaled = true;
    if (scaled) {
      this.#syncStatus(d, this.#claimReplicaSets(d));
      return;
    }
    // oldPodsRunning: any pod of an old ReplicaSet that has not finished.
    const running = oldRSs.some((rs) =>
      this.#rt.api.store.dependents(rs.metadata.uid ?? '', 'Pod').some((p) => {
        const phase = (p as { status?: { phase?: string } }).status?.phase;
        return phase !== 'Succeeded' && phase !== 'Failed';
      }),
    );
    if (running) {
      this.#trace(
        d,
        'wait',
        'Recreate: waiting for the old pods to terminate before creating new ones',
      );
      this.#syncStatus(d, this.#claimReplicaSets(d));
      return;
    }
    newRS ??= this.#getNewReplicaSet(d, this.#claimReplicaSets(d), true);
    if (newRS !== undefined) this.#scaleReplicaSet(newRS, d.spec.replicas ?? 1, d);
    const all = this.#claimReplicaSets(d);
    const status = this.#syncStatus(d, all);
    if (deploymentComplete(d, status))
      this.#cleanupDeployment(
        d,
        all.filter((r) => r.metadata.uid !== newRS?.metadata.uid),
      );
  }

  /** scaleReplicaSetAndRecordEvent. Returns true when the replica count changed. */
  #scaleReplicaSet(rs: ReplicaSet, replicas: number, d: Deployment): boolean {
    const live = this.#rt.api.store.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
    if (live === undefined) return false;
    const from = specReplicas(live);
    const { maxSurge } = resolveFenceposts(d);
    const desired = d.spec.replicas ?? 1;
    const annotations = {
      ...(live.metadata.annotations ?? {}),
      [DESIRED_REPLICAS_ANNOTATION]: String(desired),
      [MAX_REPLICAS_ANNOTATION]: String(desired + maxSurge),
    };
    if (from === replicas && deepEqual(annotations, live.metadata.annotations ?? {})) return false;
    const next = deepClone(live);
    next.spec.replicas = replicas;
    next.metadata.annotations = annotations;
    const res = this.#rt.api.update(next, { internal: true });
    if (!res.ok || from === replicas) return false;
    const verb = from < replicas ? 'up' : 'down';
    this.#rt.recorder.record(
      d,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${verb} replica set ${live.metadata.name} from ${from} to ${replicas}`,
      SOURCE,
    );
    this.#trace(
      d,
      'update',
      `scaled ${verb} replica set ${live.metadata.name} from ${from} to ${replicas}`,
    );
    return true;
  }

  /** cleanupDeployment: delete old, empty ReplicaSets beyond revisionHistoryLimit, oldest first. */
  #cleanupDeployment(d: Deployment, oldRSs: readonly ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const cleanable = oldRSs
      .filter(
        (rs) =>
          specReplicas(rs) === 0 &&
          (rs.status?.replicas ?? 0) === 0 &&
          rs.metadata.deletionTimestamp === undefined,
      )
      .sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    const excess = cleanable.length - limit;
    for (const rs of cleanable.slice(0, Math.max(0, excess))) {
      const res = this.#rt.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
      if (res.ok)
        this.#trace(
          d,
          'update',
          `deleted old replica set ${rs.metadata.name} (revision ${revisionOf(rs)}): beyond revisionHistoryLimit ${limit}`,
        );
    }
  }

  /** calculateStatus + syncRolloutStatus: counts from the ReplicaSets, and the conditions. */
  #syncStatus(d: Deployment, rsList: readonly ReplicaSet[]): DeploymentStatus {
    const live = this.#rt.api.store.get('Deployment', d.metadata.namespace, d.metadata.name);
    if (live === undefined) return {};
    const newRS = rsList.find((rs) => equalIgnoreHash(rs.spec.template, live.spec.template));
    const desired = live.spec.replicas ?? 1;
    const sum = (f: (rs: ReplicaSet) => number | undefined): number =>
      rsList.reduce((n, rs) => n + (f(rs) ?? 0), 0);
    const replicas = sum((rs) => rs.status?.replicas);
    const updated = newRS?.status?.replicas ?? 0;
    const ready = sum((rs) => rs.status?.readyReplicas);
    const available = sum((rs) => rs.status?.availableReplicas);
    const unavailable = Math.max(0, desired - available);
    const { maxUnavailable } = resolveFenceposts(live);
    const now = this.#rt.clock.now();
    let conditions = live.status?.conditions ?? [];
    conditions = setCondition(
      conditions,
      available >= desired - maxUnavailable
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
      now,
    );
    const status: DeploymentStatus = {
      observedGeneration: live.metadata.generation ?? 0,
      ...(replicas ? { replicas } : {}),
      ...(updated ? { updatedReplicas: updated } : {}),
      ...(ready ? { readyReplicas: ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      ...(unavailable ? { unavailableReplicas: unavailable } : {}),
    };
    if (newRS !== undefined) {
      const complete = deploymentComplete(live, status);
      const progressing = conditions.find((c) => c.type === 'Progressing');
      if (complete) {
        conditions = setCondition(
          conditions,
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet ${JSON.stringify(newRS.metadata.name)} has successfully progressed.`,
          },
          now,
        );
      } else if (
        progressing === undefined ||
        progressing.reason !== 'NewReplicaSetCreated' ||
        replicas > 0
      ) {
        conditions = setCondition(
          conditions,
          {
            type: 'Progressing',
            status: 'True',
            reason: 'ReplicaSetUpdated',
            message: `ReplicaSet ${JSON.stringify(newRS.metadata.name)} is progressing.`,
          },
          now,
        );
      }
    }
    const ordered = [...conditions].sort(
      (a, b) => (a.type === 'Available' ? 0 : 1) - (b.type === 'Available' ? 0 : 1),
    );
    const full: DeploymentStatus = {
      ...status,
      conditions: ordered,
      ...(live.status?.collisionCount !== undefined
        ? { collisionCount: live.status.collisionCount }
        : {}),
    };
    if (!deepEqual(live.status, full)) {
      const next = deepClone(live);
      next.status = full;
      this.#rt.api.update(next, { subresource: 'status' });
    }
    return full;
  }

  #trace(d: Deployment, verdict: 'update' | 'wait', message: string): void {
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'deployment-controller',
      object: {
        kind: 'Deployment',
        namespace: d.metadata.namespace ?? 'default',
        name: d.metadata.name,
      },
      verdict,
      message,
    });
  }
}

/** DeploymentComplete: every replica updated and available, and the spec observed. */
function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const desired = d.spec.replicas ?? 1;
  return (
    (s.updatedReplicas ?? 0) === desired &&
    (s.replicas ?? 0) === desired &&
    (s.availableReplicas ?? 0) === desired &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/**
 * SetDeploymentCondition: replaces the condition of that type; lastTransitionTime moves only
 * when the status changes, lastUpdateTime whenever the reason or message does.
 */
function setCondition(
  list: readonly DeploymentCondition[],
  c: Pick<DeploymentCondition, 'type' | 'status' | 'reason' | 'message'>,
  now: number,
): DeploymentCondition[] {
  const existing = list.find((x) => x.type === c.type);
  if (
    existing?.status === c.status &&
    existing.reason === c.reason &&
    existing.message === c.message
  )
    return [...list];
  const ts = toRfc3339(now);
  const next: DeploymentCondition = {
    type: c.type,
    status: c.status,
    lastUpdateTime: ts,
    lastTransitionTime:
      existing !== undefined && existing.status === c.status ? existing.lastTransitionTime : ts,
    reason: c.reason,
    message: c.message,
  };
  return [...list.filter((x) => x.type !== c.type), next];
}

function controllerRef(d: Deployment): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: d.metadata.name,
    uid: d.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
