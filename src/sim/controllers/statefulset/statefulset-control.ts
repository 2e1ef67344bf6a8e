/**
 * One reconcile pass of a StatefulSet, after stateful_set_control.go (MaxUnavailableStatefulSet
 * off, the 1.35.4 default): revisions, replica slots, processReplica in ascending ordinal,
 * processCondemned in descending ordinal, then the rolling update from the highest ordinal down
 * to the partition. Each pass also explains itself in the decision trace.
 */
import { deepClone, deepFreeze } from '../../api/json.ts';
import type { ControllerRevision, Pod, StatefulSet, StatefulSetStatus } from '../../api/types.ts';
import type { Runtime } from '../../runtime.ts';
import type { TraceVerdict } from '../../trace.ts';
import type { MemberCounts, SetPodIndex } from './set-pod-index.ts';
import type { StatefulPodControl } from './stateful-pod-control.ts';
import { STATEFULSET_CONTROLLER } from './stateful-pod-control.ts';
import {
  applyRevision,
  equalRevision,
  getEndOrdinal,
  getOrdinal,
  getPodRevision,
  getStartOrdinal,
  identityAndStorageMatch,
  isFailed,
  isHealthy,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  newRevision,
  revisionDataAndHash,
  newVersionedStatefulSetPod,
  nextRevision,
} from './statefulset-utils.ts';

/** The result of one pass: the status to write and the revisions it used. */
export interface PassResult {
  readonly status: StatefulSetStatus;
  readonly currentRevision: ControllerRevision;
  readonly updateRevision: ControllerRevision;
  /** True when a create/delete/update call failed; the controller retries with back-off. */
  readonly failed: boolean;
}

/** Runs reconcile passes. */
export class StatefulSetControl {
  readonly #rt: Runtime;
  readonly #podControl: StatefulPodControl;
  readonly #revisionDataCache = new Map<
    string,
    {
      readonly generation: number;
      readonly collisionCount: number;
      readonly value: { readonly data: Record<string, unknown>; readonly hash: string };
    }
  >();
  #failed = false;

  /** Binds the pass to a runtime and pod control. */
  constructor(rt: Runtime, podControl: StatefulPodControl) {
    this.#rt = rt;
    this.#podControl = podControl;
  }

  #trace(set: StatefulSet, verdict: TraceVerdict, message: string): void {
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: STATEFULSET_CONTROLLER,
      object: {
        kind: 'StatefulSet',
        namespace: set.metadata.namespace ?? 'default',
        name: set.metadata.name,
      },
      verdict,
      message,
    });
  }

  /**
   * getPatch + hash of the set's template, remembered per set uid while its generation (bumped by
   * every spec change, so by every template change) and collisionCount stay the same: a status
   * write gives the set a new object every pass, but not a new template.
   */
  #revisionData(
    set: StatefulSet,
    collisionCount: number,
  ): { readonly data: Record<string, unknown>; readonly hash: string } {
    const uid = set.metadata.uid ?? '';
    const generation = set.metadata.generation;
    const hit = this.#revisionDataCache.get(uid);
    if (
      uid !== '' &&
      generation !== undefined &&
      hit !== undefined &&
      hit.generation === generation &&
      hit.collisionCount === collisionCount
    )
      return hit.value;
    const value = revisionDataAndHash(set, collisionCount);
    deepFreeze(value.data);
    if (uid !== '' && generation !== undefined) {
      // One entry per set; sets that are gone leave a small entry behind until their uid is reused
      // (never): bounded by the number of sets ever created in this session.
      this.#revisionDataCache.set(uid, { generation, collisionCount, value });
    }
    return value;
  }

  /** getStatefulSetRevisions: reuse, renumber (rollback) or create the update revision. */
  getStatefulSetRevisions(
    set: StatefulSet,
    revisions: ControllerRevision[],
  ): [ControllerRevision, ControllerRevision, number] {
    let collisionCount = set.status?.collisionCount ?? 0;
    let update = newRevision(
      set,
      nextRevision(revisions),
      collisionCount,
      this.#revisionData(set, collisionCount),
    );
    const equal = revisions.filter((r) => equalRevision(r, update));
    const last = revisions[revisions.length - 1];
    const lastEqual = equal[equal.length - 1];
    if (lastEqual !== undefined && last !== undefined && equalRevision(last, lastEqual)) {
      update = last;
    } else if (lastEqual !== undefined) {
      const bumped = deepClone(lastEqual);
      bumped.revision = update.revision;
      const res = this.#rt.api.update(bumped, { internal: true });
      update = res.ok ? (res.object as ControllerRevision) : lastEqual;
      this.#trace(
        set,
        'update',
        `template matches older revision ${lastEqual.metadata.name}: renumbered it to revision ${update.revision} (rollback re-uses the old ControllerRevision)`,
      );
    } else {
      // CreateControllerRevision: on a name collision with different data, bump collisionCount.
      for (;;) {
        const res = this.#rt.api.create(update, { internal: true });
        if (res.ok) {
          update = res.object as ControllerRevision;
          this.#trace(
            set,
            'create',
            `created ControllerRevision ${update.metadata.name} (revision ${update.revision}) for the new pod template`,
          );
          break;
        }
        const existing = this.#rt.api.store.get(
          'ControllerRevision',
          update.metadata.namespace,
          update.metadata.name,
        );
        if (existing !== undefined && equalRevision(existing, update)) {
          update = existing;
          break;
        }
        collisionCount++;
        update = newRevision(set, update.revision, collisionCount);
      }
    }
    const current =
      revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return [current, update, collisionCount];
  }

  /**
   * UpdateStatefulSet: the whole pass, including history truncation. `index` holds the set's
   * member pods as the pass starts (claimed by the controller just before).
   */
  updateStatefulSet(
    set: StatefulSet,
    index: SetPodIndex,
    revisions: ControllerRevision[],
  ): PassResult {
    revisions.sort(
      (a, b) => a.revision - b.revision || (a.metadata.name < b.metadata.name ? -1 : 1),
    );
    this.#failed = false;
    const [currentRevision, updateRevision, collisionCount] = this.getStatefulSetRevisions(
      set,
      revisions,
    );
    const status = this.#update(set, currentRevision, updateRevision, collisionCount, index);
    this.truncateHistory(set, index, revisions, currentRevision, updateRevision);
    return { status, currentRevision, updateRevision, failed: this.#failed };
  }

  /**
   * The pass proper. Upstream walks every replica slot in each loop; here each loop walks only
   * the ordinals the index lists for it (missing, unhealthy, not quiet, not updated), in the same
   * order, because every other slot is a pod the loop passes over without acting or stopping.
   */
  #update(
    set: StatefulSet,
    currentRevision: ControllerRevision,
    updateRevision: ControllerRevision,
    collisionCount: number,
    index: SetPodIndex,
  ): StatefulSetStatus {
    const now = this.#rt.clock.now();
    const minReady = set.spec.minReadySeconds ?? 0;
    // ApplyRevision only swaps the template, so it is computed when a pod is built or updated
    // (never for a pass that only reads: most passes of a big rolling update).
    let currentSetCache: StatefulSet | undefined;
    let updateSetCache: StatefulSet | undefined;
    const currentSet = (): StatefulSet => (currentSetCache ??= applyRevision(set, currentRevision));
    const updateSet = (): StatefulSet => (updateSetCache ??= applyRevision(set, updateRevision));
    const start = getStartOrdinal(set);
    const end = getEndOrdinal(set);
    const monotonic = set.spec.podManagementPolicy !== 'Parallel';
    const policyName = monotonic ? 'OrderedReady' : 'Parallel';
    const updateName = updateRevision.metadata.name;

    index.classify(
      {
        set,
        start,
        end,
        minReady,
        now,
        updateRevision: updateName,
        retentionOk: (s, p) => this.#podControl.claimsMatchRetentionPolicy(s, p),
      },
      [
        set.metadata.generation ?? 0,
        start,
        end,
        minReady,
        set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? '',
        set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? '',
        updateName,
      ].join('|'),
    );
    const missing = index.missing;
    // The pod that would be created for a missing slot (built once per pass, when needed).
    const planned = new Map<number, Pod>();
    const slotPod = (ord: number): Pod => {
      const live = index.podAt(ord);
      if (live !== undefined) return live;
      let pod = planned.get(ord);
      if (pod === undefined) {
        pod = newVersionedStatefulSetPod(
          currentSet(),
          updateSet(),
          currentRevision.metadata.name,
          updateName,
          ord,
        );
        planned.set(ord, pod);
      }
      return pod;
    };
    const condemned = index.condemned(start, end);

    // firstUnhealthyPod: the lowest missing or unhealthy slot, else the lowest unhealthy
    // condemned pod. Only its identity with a condemned pod matters below.
    const firstUnhealthySlot = minOf(missing.minIn(start, end), index.unhealthy.minIn(start, end));
    let firstUnhealthyPod: Pod | undefined =
      firstUnhealthySlot === undefined ? undefined : slotPod(firstUnhealthySlot);
    if (firstUnhealthyPod === undefined) {
      for (let i = condemned.length - 1; i >= 0; i--) {
        const p = condemned[i] as Pod;
        if (!isHealthy(p)) {
          firstUnhealthyPod = p;
          break;
        }
      }
    }

    const statusFor = (): StatefulSetStatus =>
      computeStatus(
        set,
        index.counts(),
        index.availableCount(minReady, now),
        currentRevision.metadata.name,
        updateName,
        collisionCount,
      );

    if (set.metadata.deletionTimestamp !== undefined) {
      this.#trace(set, 'wait', 'StatefulSet is being deleted: only updating status');
      return statusFor();
    }

    // 1. Replica slots, ascending ordinal (only the missing and the not quiet ones).
    const loud = index.loud;
    for (
      let ord = minOf(missing.minIn(start, end), loud.minIn(start, end));
      ord !== undefined;
      ord = minOf(missing.minIn(ord + 1, end), loud.minIn(ord + 1, end))
    ) {
      const created = !missing.has(ord);
      const pod = slotPod(ord);
      const name = pod.metadata.name;
      if (created && (isFailed(pod) || isSucceeded(pod))) {
        if (!isTerminating(pod)) {
          const err = this.#podControl.deleteStatefulPod(set, pod);
          this.#trace(
            set,
            'delete',
            err ??
              `deleting ${name}: its phase is ${pod.status?.phase ?? ''}; it will be recreated once it is gone`,
          );
        }
        if (monotonic) return statusFor();
        continue;
      }
      if (!created) {
        if (this.#podControl.podClaimIsStale(set, pod)) {
          this.#trace(
            set,
            'wait',
            `not creating ${name} yet: a claim of the previous ${name} is still owned by it and is being deleted (whenScaled: Delete)`,
          );
          if (monotonic) return statusFor();
          continue;
        }
        const revision = getPodRevision(pod);
        const err = this.#podControl.createStatefulPod(set, pod);
        if (err !== undefined) {
          this.#failed = true;
          this.#trace(set, 'wait', `creating ${name} failed: ${err}`);
          return statusFor();
        }
        this.#trace(set, 'create', `created pod ${name} at revision ${revision}`);
        if (monotonic) {
          if (ord + 1 <= end && missing.has(ord + 1)) {
            this.#trace(
              set,
              'wait',
              `not creating ${slotPod(ord + 1).metadata.name}: ${name} is not Running and Ready (OrderedReady)`,
            );
          }
          return statusFor();
        }
        continue;
      }
      if (isPending(pod)) {
        const err = this.#podControl.createPersistentVolumeClaims(set, pod, true);
        if (err !== undefined)
          this.#trace(set, 'wait', `recreating a missing claim of ${name} failed: ${err}`);
      }
      if (isTerminating(pod) && monotonic) {
        this.#trace(
          set,
          'wait',
          `waiting for ${name} to terminate: a pod's name is reused only after the old object is gone (OrderedReady)`,
        );
        return statusFor();
      }
      const blocked = (): string | undefined => {
        const next = missing.minIn(ord + 1, end);
        return next === undefined ? undefined : slotPod(next).metadata.name;
      };
      if (!isRunningAndReady(pod) && monotonic) {
        this.#trace(
          set,
          'wait',
          waitMessage(name, blocked(), condemned, 'is not Running and Ready'),
        );
        return statusFor();
      }
      if (!isRunningAndAvailable(pod, minReady, now) && monotonic) {
        this.#trace(
          set,
          'wait',
          waitMessage(
            name,
            blocked(),
            condemned,
            `has not been Ready for minReadySeconds (${minReady}s)`,
          ),
        );
        return statusFor();
      }
      const identityOk = identityAndStorageMatch(set, pod);
      // `set` and `updateSet()` differ only in the template, which the check does not read.
      const retentionOk = this.#podControl.claimsMatchRetentionPolicy(set, pod);
      if (!identityOk || !retentionOk) {
        const err = this.#podControl.updateStatefulPod(updateSet(), pod);
        const what = identityOk
          ? `updated the owner references of ${name}'s claims for the retention policy`
          : `repaired identity/storage of ${name}`;
        this.#trace(set, 'update', err ?? what);
        if (err !== undefined) {
          this.#failed = true;
          return statusFor();
        }
      }
    }

    // Claims of condemned pods get the owner references the retention policy asks for.
    for (const pod of condemned) {
      if (!this.#podControl.claimsMatchRetentionPolicy(set, pod)) {
        const err = this.#podControl.updatePodClaimForRetentionPolicy(updateSet(), pod);
        if (err !== undefined) {
          this.#failed = true;
          return statusFor();
        }
      }
    }

    // 2. Condemned pods (scale-down), highest ordinal first.
    for (const pod of condemned) {
      const name = pod.metadata.name;
      if (isTerminating(pod)) {
        if (monotonic) {
          this.#trace(
            set,
            'wait',
            `scale down: waiting for ${name} to be gone before deleting the next pod (OrderedReady)`,
          );
          return statusFor();
        }
        continue;
      }
      if (
        monotonic &&
        pod !== firstUnhealthyPod &&
        (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now))
      ) {
        this.#trace(
          set,
          'wait',
          `scale down: not deleting ${name} until it is Running and Ready (OrderedReady)`,
        );
        return statusFor();
      }
      const err = this.#podControl.deleteStatefulPod(set, pod);
      this.#trace(
        set,
        'delete',
        err ??
          `scale down: deleting ${name} (ordinal ${getOrdinal(pod)} is outside ${start}..${end}, ${policyName})`,
      );
      if (err === undefined) this.#traceClaimsKept(set, pod);
      if (monotonic) return statusFor();
    }

    const stale = index.stale;
    // 3. OnDelete: pods change only when the user deletes them.
    if (set.spec.updateStrategy?.type === 'OnDelete') {
      const names = stale.range(start, end).map((o) => slotPod(o).metadata.name);
      if (names.length > 0) {
        this.#trace(
          set,
          'wait',
          `OnDelete: ${names.join(', ')} keep the old template until you delete them`,
        );
      }
      return statusFor();
    }

    // 4. Rolling update: highest ordinal first, down to the partition, one pod at a time. Only
    // missing, unhealthy and not-updated slots can stop the walk.
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    const low = start + Math.max(partition, 0);
    const unhealthy = index.unhealthy;
    for (
      let ord = maxOf(missing.maxIn(low, end), unhealthy.maxIn(low, end), stale.maxIn(low, end));
      ord !== undefined;
      ord = maxOf(
        missing.maxIn(low, ord - 1),
        unhealthy.maxIn(low, ord - 1),
        stale.maxIn(low, ord - 1),
      )
    ) {
      const pod = slotPod(ord);
      if (getPodRevision(pod) !== updateName && !isTerminating(pod)) {
        const err = this.#podControl.deleteStatefulPod(set, pod);
        this.#trace(
          set,
          'delete',
          err ??
            `rolling update: deleting ${pod.metadata.name} to recreate it at revision ${updateName}`,
        );
        const status = statusFor();
        return {
          ...status,
          ...(status.currentReplicas ? { currentReplicas: status.currentReplicas - 1 } : {}),
        };
      }
      if (!isHealthy(pod)) {
        this.#trace(
          set,
          'wait',
          `rolling update: waiting for ${pod.metadata.name} to be Running and Ready before updating the next pod`,
        );
        return statusFor();
      }
    }
    if (partition > 0 && currentRevision.metadata.name !== updateName) {
      // Slots below the partition: missing ones would be created at the current revision.
      const heldEnd = Math.min(end, start + partition - 1);
      const candidates = [...stale.range(start, heldEnd), ...missing.range(start, heldEnd)].sort(
        (a, b) => a - b,
      );
      const held = candidates
        .map(slotPod)
        .filter((p) => getPodRevision(p) !== updateName)
        .map((p) => p.metadata.name);
      if (held.length > 0) {
        this.#trace(
          set,
          'wait',
          `rolling update paused at partition ${partition}: ${held.join(', ')} stay at revision ${currentRevision.metadata.name}`,
        );
      }
    }
    return statusFor();
  }

  #traceClaimsKept(set: StatefulSet, pod: Pod): void {
    const policy = set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain';
    for (const t of set.spec.volumeClaimTemplates ?? []) {
      const claim = `${t.metadata.name}-${pod.metadata.name}`;
      this.#trace(
        set,
        'info',
        policy === 'Retain'
          ? `PVC ${claim} kept: whenScaled is Retain`
          : `PVC ${claim} will be deleted once ${pod.metadata.name} is gone: whenScaled is Delete`,
      );
    }
  }

  /** truncateHistory: deletes non-live revisions beyond revisionHistoryLimit, oldest first. */
  truncateHistory(
    set: StatefulSet,
    index: SetPodIndex,
    revisions: readonly ControllerRevision[],
    current: ControllerRevision,
    update: ControllerRevision,
  ): void {
    const limit = set.spec.revisionHistoryLimit ?? 10;
    // The non-live history is a subset of the revisions: nothing to truncate below the limit.
    if (revisions.length <= limit) return;
    const live = new Set([
      current.metadata.name,
      update.metadata.name,
      ...index.pods().map(getPodRevision),
    ]);
    const history = revisions.filter((r) => !live.has(r.metadata.name));
    if (history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit)) {
      this.#rt.api.delete('ControllerRevision', r.metadata.namespace, r.metadata.name);
      this.#trace(
        set,
        'delete',
        `deleted ControllerRevision ${r.metadata.name}: beyond revisionHistoryLimit ${limit}`,
      );
    }
  }
}

function minOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function maxOf(...xs: (number | undefined)[]): number | undefined {
  let out: number | undefined;
  for (const x of xs) if (x !== undefined && (out === undefined || x > out)) out = x;
  return out;
}

/**
 * The wait sentence for a slot, naming the pod that is not being created because of it
 * (`blocked`: the next missing slot above it).
 */
function waitMessage(
  name: string,
  blocked: string | undefined,
  condemned: readonly Pod[],
  why: string,
): string {
  if (blocked !== undefined) return `not creating ${blocked}: ${name} ${why} (OrderedReady)`;
  const victim = condemned[0];
  if (victim !== undefined)
    return `not scaling down ${victim.metadata.name}: ${name} ${why} (OrderedReady)`;
  return `waiting for ${name}: it ${why} (OrderedReady)`;
}

/**
 * computeReplicaStatus plus the revision fields (updateStatefulSet's status), from the index's
 * counters over the created slots and the condemned pods.
 */
export function computeStatus(
  set: StatefulSet,
  counts: MemberCounts,
  available: number,
  currentRevision: string,
  updateRevision: string,
  collisionCount: number,
): StatefulSetStatus {
  const ready = counts.ready;
  const current = counts.revisions.get(currentRevision) ?? 0;
  const updated = counts.revisions.get(updateRevision) ?? 0;
  return {
    observedGeneration: set.metadata.generation ?? 1,
    replicas: counts.replicas,
    ...(ready ? { readyReplicas: ready } : {}),
    ...(current ? { currentReplicas: current } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
    currentRevision,
    updateRevision,
    collisionCount,
    availableReplicas: available,
  };
}

/** completeRollingUpdate: once every pod is updated and ready, the update revision becomes current. */
export function completeRollingUpdate(
  set: StatefulSet,
  status: StatefulSetStatus,
): StatefulSetStatus {
  const replicas = status.replicas;
  if (
    set.spec.updateStrategy?.type === 'RollingUpdate' &&
    (status.updatedReplicas ?? 0) === replicas &&
    (status.readyReplicas ?? 0) === replicas
  ) {
    const { currentReplicas: _c, ...rest } = status;
    return {
      ...rest,
      ...(status.updatedReplicas ? { currentReplicas: status.updatedReplicas } : {}),
      currentRevision: status.updateRevision ?? '',
    };
  }
  return status;
}
