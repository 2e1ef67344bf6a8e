/**
 * The namespace controller (upstream `pkg/controller/namespace`, `NamespacedResourcesDeleter`):
 * a deleted Namespace stays `Terminating` (deletionTimestamp set, `status.phase: Terminating`)
 * while its `spec.finalizers` hold `kubernetes`; the controller deletes every object in it,
 * waits until they are gone (pods through their grace period, claims through pvc-protection),
 * then removes the `kubernetes` finalizer and the Namespace itself disappears.
 */
import type { Kind, KubeObject, Namespace } from '../api/types.ts';
import { KINDS, KIND_INFO } from '../api/types.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
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
  readonly #queued = new Set<string>();

  /** Creates the controller. */
  constructor(rt: Runtime) {
    this.#rt = rt;
  }

  /** Rebuilds the "already queued" set after a restore. */
  restore(pending: readonly Task[]): void {
    for (const t of pending) if (t.target === this.name) this.#queued.add(t.key);
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
    if (this.#queued.has(name)) return;
    this.#queued.add(name);
    // Draws from the generator only once a Namespace is being deleted (no existing flow does).
    this.#rt.schedule(
      { target: this.name, op: 'sync', key: name },
      this.#rt.timings.controllerDelay,
    );
  }

  /** One pass of `syncNamespace`: delete the content, or finalize once nothing is left. */
  run(task: Task): void {
    this.#queued.delete(task.key);
    const store = this.#rt.api.store;
    const ns = store.get('Namespace', undefined, task.key);
    if (ns === undefined || ns.metadata.deletionTimestamp === undefined) return;
    const remaining: KubeObject[] = [];
    for (const kind of NAMESPACED_KINDS) {
      for (const obj of store.list(kind, ns.metadata.name)) {
        remaining.push(obj);
        if (obj.metadata.deletionTimestamp === undefined)
          this.#rt.api.delete(kind, ns.metadata.name, obj.metadata.name);
      }
    }
    const left = NAMESPACED_KINDS.reduce((n, k) => n + store.list(k, ns.metadata.name).length, 0);
    if (left > 0) {
      this.#rt.trace.record({
        time: this.#rt.clock.now(),
        component: this.name,
        object: { kind: 'Namespace', name: ns.metadata.name },
        verdict: 'wait',
        message: `namespace ${ns.metadata.name} is terminating: waiting for ${left} object(s) in it to be gone`,
      });
      return;
    }
    this.#finalize(ns);
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
