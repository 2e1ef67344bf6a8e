/**
 * The garbage collector: when an owner disappears its dependents are deleted (background
 * propagation) unless another live owner remains; an owner deleted with `Orphan` first has the
 * references to it removed from its dependents; an owner deleted with `Foreground` stays (with a
 * deletionTimestamp) until its blocking dependents are gone.
 */
import { deepClone } from '../api/json.ts';
import type { Kind, KubeObject, OwnerReference } from '../api/types.ts';
import { KIND_INFO, isKind } from '../api/types.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../store/api-server.ts';
import type { WatchEvent } from '../store/object-store.ts';

/** `task.target` of the garbage collector. */
export const GC_TARGET = 'garbagecollector';

/** Deletes dependents of deleted owners. */
export class GarbageCollector implements Component {
  readonly name = GC_TARGET;
  readonly #rt: Runtime;

  /** Creates the garbage collector. */
  constructor(rt: Runtime) {
    this.#rt = rt;
  }

  /** Reacts to deletions and to owners waiting for orphaning or foreground deletion. */
  handle(ev: WatchEvent): void {
    const obj = ev.object;
    const uid = obj.metadata.uid ?? '';
    if (ev.type === 'DELETED') {
      // EndpointSlices of a deleted Service are removed by the endpoints controller's own sync of
      // that Service (already queued), so they schedule no collection here (which would shift the
      // seeded draws of every flow that deletes a Service).
      if (this.#rt.api.store.dependents(uid).some((d) => d.kind !== 'EndpointSlice')) {
        this.#rt.schedule(
          { target: this.name, op: 'owner-gone', key: uid, uid },
          this.#rt.timings.gcDelay,
        );
      }
      // A foreground-deleting owner may be waiting for this dependent.
      for (const ref of obj.metadata.ownerReferences ?? []) {
        const owner = this.#owner(obj, ref);
        if (owner?.metadata.finalizers?.includes(FOREGROUND_FINALIZER))
          this.#scheduleFinalize(owner);
      }
      return;
    }
    const f = obj.metadata.finalizers ?? [];
    if (
      obj.metadata.deletionTimestamp !== undefined &&
      (f.includes(ORPHAN_FINALIZER) || f.includes(FOREGROUND_FINALIZER))
    ) {
      const old = ev.oldObject;
      if (old?.metadata.deletionTimestamp === undefined) this.#scheduleFinalize(obj);
    }
  }

  #scheduleFinalize(owner: KubeObject): void {
    const key = `${owner.kind}/${owner.metadata.namespace ?? ''}/${owner.metadata.name}`;
    this.#rt.schedule(
      { target: this.name, op: 'finalize', key, uid: owner.metadata.uid ?? '' },
      this.#rt.timings.gcDelay,
    );
  }

  #owner(dependent: KubeObject, ref: OwnerReference): KubeObject | undefined {
    if (!isKind(ref.kind)) return undefined;
    const ns = KIND_INFO[ref.kind].namespaced ? dependent.metadata.namespace : undefined;
    const owner = this.#rt.api.store.get(ref.kind, ns, ref.name);
    return owner?.metadata.uid === ref.uid ? owner : undefined;
  }

  /** Runs one collection step. */
  run(task: Task): void {
    if (task.op === 'owner-gone') this.#ownerGone(task.key);
    else if (task.op === 'finalize') this.#finalize(task);
  }

  #ownerGone(uid: string): void {
    for (const dep of this.#rt.api.store.dependents(uid)) {
      const others = (dep.metadata.ownerReferences ?? []).filter(
        (r) => r.uid !== uid && this.#owner(dep, r) !== undefined,
      );
      if (others.length > 0) {
        const next = deepClone(dep);
        next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter(
          (r) => r.uid !== uid,
        );
        this.#rt.api.update(next, { internal: true });
        continue;
      }
      if (dep.metadata.deletionTimestamp !== undefined && dep.kind !== 'Pod') continue;
      this.#rt.api.delete(dep.kind as Kind, dep.metadata.namespace, dep.metadata.name);
      this.#trace(
        dep,
        `deleting ${dep.kind} ${dep.metadata.name}: its owner is gone (background propagation)`,
      );
    }
  }

  #finalize(task: Task): void {
    const [kind, ns, name] = task.key.split('/') as [string, string, string];
    if (!isKind(kind)) return;
    const owner = this.#rt.api.store.get(kind, ns || undefined, name);
    if (owner === undefined || owner.metadata.uid !== task.uid) return;
    const uid = owner.metadata.uid ?? '';
    const finalizers = owner.metadata.finalizers ?? [];
    const dependents = this.#rt.api.store.dependents(uid);
    if (finalizers.includes(ORPHAN_FINALIZER)) {
      for (const dep of dependents) {
        const next = deepClone(dep);
        next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter(
          (r) => r.uid !== uid,
        );
        if (next.metadata.ownerReferences.length === 0) delete next.metadata.ownerReferences;
        this.#rt.api.update(next, { internal: true });
      }
      this.#trace(
        owner,
        `orphaned ${dependents.length} dependents of ${owner.kind} ${name} (propagationPolicy Orphan)`,
      );
      this.#removeFinalizer(owner, ORPHAN_FINALIZER);
      return;
    }
    if (finalizers.includes(FOREGROUND_FINALIZER)) {
      const blocking = dependents.filter((d) =>
        (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion),
      );
      for (const dep of blocking) {
        if (dep.metadata.deletionTimestamp === undefined)
          this.#rt.api.delete(dep.kind as Kind, dep.metadata.namespace, dep.metadata.name, {
            propagationPolicy: 'Foreground',
          });
      }
      if (blocking.length === 0) this.#removeFinalizer(owner, FOREGROUND_FINALIZER);
      else
        this.#trace(
          owner,
          `foreground deletion: waiting for ${blocking.length} dependents to be gone`,
        );
    }
  }

  #removeFinalizer(owner: KubeObject, finalizer: string): void {
    const next = deepClone(owner);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (next.metadata.finalizers.length === 0) delete next.metadata.finalizers;
    this.#rt.api.update(next, { internal: true });
  }

  #trace(obj: KubeObject, message: string): void {
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: 'garbage-collector',
      object: {
        kind: obj.kind,
        ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
        name: obj.metadata.name,
      },
      verdict: 'delete',
      message,
    });
  }
}
