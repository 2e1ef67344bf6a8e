/**
 * The namespace controller (upstream `pkg/controller/namespace`, `NamespacedResourcesDeleter`):
 * a deleted Namespace stays `Terminating` (deletionTimestamp set, `status.phase: Terminating`)
 * while its `spec.finalizers` hold `kubernetes`; the controller deletes every object in it,
 * waits until they are gone (pods through their grace period, claims through pvc-protection),
 * then removes the `kubernetes` finalizer and the Namespace itself disappears.
 */
import { deepClone } from '../api/json.ts';
import type { Kind, Namespace, NamespaceCondition, Pod } from '../api/types.ts';
import { toRfc3339 } from '../clock/time.ts';
import { KINDS, KIND_INFO } from '../api/types.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import { SyncQueue } from '../sync-queue.ts';
import type { WatchEvent } from '../store/object-store.ts';
import { FINALIZER_KUBERNETES } from '../store/api-server.ts';

/** `task.target` of the namespace controller. */
export const NAMESPACE_TARGET = 'namespace-controller';

/** The namespaced kinds, in the order their objects are deleted (guess: upstream walks discovery). */
const NAMESPACED_KINDS: readonly Kind[] = KINDS.filter((k) => KIND_INFO[k].namespaced);

/** Empties and then removes Namespaces that are being deleted. */
export class NamespaceController implements Component {
  readonly name = NAMESPACE_TARGET;
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

  /** Queues a terminating Namespace, and re-checks it whenever an object in it goes. */
  handle(ev: WatchEvent): void {
    const obj = ev.object;
    if (obj.kind === 'Namespace') {
      if (ev.type !== 'DELETED' && obj.metadata.deletionTimestamp !== undefined)
        this.#enqueue(obj.metadata.name);
      return;
    }
    const ns = obj.metadata.namespace;
    if (ev.type !== 'DELETED' || ns === undefined) return;
    const nsObj = this.#rt.api.store.get('Namespace', undefined, ns);
    if (nsObj?.metadata.deletionTimestamp !== undefined) this.#enqueue(ns);
  }

  #enqueue(name: string): void {
    // Draws from the generator only once a Namespace is being deleted (no existing flow does).
    this.#queue.add(name);
  }

  /**
   * One pass of `syncNamespace` (namespacedResourcesDeleter.Delete / deleteAllContent): delete
   * the content, report what remains in the status conditions, or finalize once nothing is left.
   */
  run(task: Task): void {
    this.#queue.started(task);
    const store = this.#rt.api.store;
    const ns = store.get('Namespace', undefined, task.key);
    if (ns === undefined || ns.metadata.deletionTimestamp === undefined) return;
    const name = ns.metadata.name;
    const totals: ContentTotals = { byResource: new Map(), byFinalizer: new Map() };
    const contentErrors: string[] = [];
    for (const kind of NAMESPACED_KINDS) {
      // estimateGracefulTermination: pods may take their grace period (terminal ones excluded).
      const estimate = kind === 'Pod' ? podsEstimate(store.list('Pod', name)) : 0;
      for (const obj of store.list(kind, name)) {
        if (obj.metadata.deletionTimestamp === undefined)
          this.#rt.api.delete(kind, name, obj.metadata.name);
      }
      // deleteAllContentForGroupVersionResource: what is left after the deletes.
      const left = store.list(kind, name);
      if (left.length === 0) continue;
      const finalizers = new Map<string, number>();
      for (const obj of left)
        for (const f of obj.metadata.finalizers ?? [])
          finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      const info = KIND_INFO[kind];
      totals.byResource.set(`${info.resource}.${info.group}`, left.length);
      for (const [f, n] of finalizers)
        totals.byFinalizer.set(f, (totals.byFinalizer.get(f) ?? 0) + n);
      if (estimate === 0 && finalizers.size === 0) {
        // Nothing explains why they are still there.
        const version = info.apiVersion.split('/').pop() ?? '';
        contentErrors.push(
          `unexpected items still remain in namespace: ${name} for gvr: ${info.group}/${version}, Resource=${info.resource}`,
        );
      }
    }
    this.#updateConditions(ns, namespaceConditions(totals, contentErrors));
    const left = [...totals.byResource.values()].reduce((n, k) => n + k, 0);
    if (left > 0) {
      this.#rt.trace.record({
        time: this.#rt.clock.now(),
        component: this.name,
        object: { kind: 'Namespace', name },
        verdict: 'wait',
        message: `namespace ${name} is terminating: waiting for ${left} object(s) in it to be gone`,
      });
      return;
    }
    const current = store.get('Namespace', undefined, name);
    if (current !== undefined) this.#finalize(current);
  }

  /** updateConditions: writes the status when a condition's status, reason or message changed. */
  #updateConditions(ns: Namespace, wanted: readonly NamespaceCondition[]): void {
    const now = toRfc3339(this.#rt.clock.now());
    const next = deepClone(ns);
    const conditions = [...(next.status?.conditions ?? [])];
    let changed = false;
    for (const want of wanted) {
      const i = conditions.findIndex((c) => c.type === want.type);
      const old = conditions[i];
      if (old === undefined) {
        conditions.push({ ...want, lastTransitionTime: now });
        changed = true;
      } else if (
        old.status !== want.status ||
        old.reason !== want.reason ||
        old.message !== want.message
      ) {
        conditions[i] = {
          type: want.type,
          status: want.status,
          lastTransitionTime: old.status !== want.status ? now : (old.lastTransitionTime ?? now),
          reason: want.reason ?? '',
          message: want.message ?? '',
        };
        changed = true;
      }
    }
    if (!changed) return;
    next.status = { ...(next.status ?? {}), conditions };
    this.#rt.api.update(next, { subresource: 'status' });
  }

  /** Removes the `kubernetes` finalizer (the finalize subresource); then the Namespace goes. */
  #finalize(ns: Namespace): void {
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component: this.name,
      object: { kind: 'Namespace', name: ns.metadata.name },
      verdict: 'delete',
      message: `namespace ${ns.metadata.name} is empty: removed finalizer kubernetes`,
    });
    this.#rt.api.finalizeNamespace(ns.metadata.name, finalizers);
  }
}

/** What deleteAllContent found left: instances per `resource.group` and per finalizer. */
interface ContentTotals {
  readonly byResource: Map<string, number>;
  readonly byFinalizer: Map<string, number>;
}

/** The largest terminationGracePeriodSeconds of the non-terminal pods (estimateGracefulTerminationForPods). */
function podsEstimate(pods: readonly Pod[]): number {
  let estimate = 0;
  for (const p of pods) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    estimate = Math.max(estimate, p.spec.terminationGracePeriodSeconds ?? 0);
  }
  return estimate;
}

/**
 * The five deletion conditions in upstream order (status_condition_utils.go): the failing
 * variant (status True) where something is wrong or left, else the "ok" variant (status False).
 * Discovery and group-version parsing cannot fail here: the simulator knows its kinds.
 */
function namespaceConditions(
  totals: ContentTotals,
  contentErrors: readonly string[],
): NamespaceCondition[] {
  const ok = (type: string, reason: string, message: string): NamespaceCondition => ({
    type,
    status: 'False',
    reason,
    message,
  });
  const failing = (type: string, reason: string, message: string): NamespaceCondition => ({
    type,
    status: 'True',
    reason,
    message,
  });
  const resources = [...totals.byResource]
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${r} has ${n} resource instances`)
    .sort();
  const finalizers = [...totals.byFinalizer]
    .filter(([, n]) => n > 0)
    .map(([f, n]) => `${f} in ${n} resource instances`)
    .sort();
  return [
    ok(
      'NamespaceDeletionDiscoveryFailure',
      'ResourcesDiscovered',
      'All resources successfully discovered',
    ),
    ok(
      'NamespaceDeletionGroupVersionParsingFailure',
      'ParsedGroupVersions',
      'All legacy kube types successfully parsed',
    ),
    contentErrors.length > 0
      ? failing(
          'NamespaceDeletionContentFailure',
          'ContentDeletionFailed',
          `Failed to delete all resource types, ${contentErrors.length} remaining: ${[...contentErrors].sort().join(', ')}`,
        )
      : ok(
          'NamespaceDeletionContentFailure',
          'ContentDeleted',
          'All content successfully deleted, may be waiting on finalization',
        ),
    resources.length > 0
      ? failing(
          'NamespaceContentRemaining',
          'SomeResourcesRemain',
          `Some resources are remaining: ${resources.join(', ')}`,
        )
      : ok('NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'),
    finalizers.length > 0
      ? failing(
          'NamespaceFinalizersRemaining',
          'SomeFinalizerRemain',
          `Some finalizers are remaining: ${finalizers.join(', ')}`,
        )
      : ok('NamespaceFinalizersRemaining', 'ContentRemoved', 'All content successfully removed'),
  ];
}
