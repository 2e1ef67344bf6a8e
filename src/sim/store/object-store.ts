/**
 * The object store: every API object by kind and `namespace/name`, with a resourceVersion bump
 * on each write, an owner index (owner uid → dependents) so controllers find their pods without
 * scanning, and a synchronous watch stream (ADDED / MODIFIED / DELETED). Stored objects are
 * deep-frozen: readers get the stored object itself, and writers must copy before changing.
 */
import { Emitter } from '../events.ts';
import type { Event } from '../events.ts';
import { deepFreeze } from '../api/json.ts';
import type { Kind, KindMap, KubeObject } from '../api/types.ts';
import { KINDS } from '../api/types.ts';
import type { IdSource } from '../clock/ids.ts';

/** The type of a watch event, as the Kubernetes watch API names them. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change to the store. `object` is the new state (or the last state for DELETED). */
export interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: KubeObject;
  /** The previous state for MODIFIED, so watchers can compare. */
  readonly oldObject?: KubeObject;
}

/** `namespace/name`, or just `name` for cluster-scoped objects. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stores objects and tells watchers about every change. */
export class ObjectStore {
  readonly #byKind = new Map<Kind, Map<string, KubeObject>>();
  readonly #dependents = new Map<string, Map<string, KubeObject>>();
  readonly #changes = new Emitter<WatchEvent>();
  readonly #ids: IdSource;

  /** Every change, in the order it happened. */
  readonly onChange: Event<WatchEvent> = this.#changes.event;

  /** Creates an empty store that stamps resourceVersions from `ids`. */
  constructor(ids: IdSource) {
    this.#ids = ids;
    for (const k of KINDS) this.#byKind.set(k, new Map());
  }

  #map(kind: Kind): Map<string, KubeObject> {
    const m = this.#byKind.get(kind);
    if (m === undefined) throw new Error(`unknown kind ${kind}`);
    return m;
  }

  /** The stored object, or undefined. */
  get<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
  ): KindMap[K] | undefined {
    return this.#map(kind).get(objectKey(namespace, name)) as KindMap[K] | undefined;
  }

  /** All objects of a kind (optionally in one namespace), sorted by namespace then name like etcd. */
  list<K extends Kind>(kind: K, namespace?: string): KindMap[K][] {
    const out: [string, KubeObject][] = [];
    for (const [key, obj] of this.#map(kind)) {
      if (namespace === undefined || obj.metadata.namespace === namespace) out.push([key, obj]);
    }
    out.sort((a, b) => compareKeys(a[0], b[0]));
    return out.map(([, o]) => o as KindMap[K]);
  }

  /** Number of stored objects of a kind. */
  count(kind: Kind): number {
    return this.#map(kind).size;
  }

  /**
   * Objects whose ownerReferences name `ownerUid`, optionally of one kind, sorted by kind then key
   * (unsorted, in an order that may differ after a restore, when `sorted` is false).
   */
  dependents(ownerUid: string, kind?: Kind, sorted = true): KubeObject[] {
    const m = this.#dependents.get(ownerUid);
    if (m === undefined) return [];
    if (!sorted) {
      // Callers that place results by name themselves skip the sort (hot path of big sets).
      const out: KubeObject[] = [];
      for (const o of m.values()) if (kind === undefined || o.kind === kind) out.push(o);
      return out;
    }
    const out: [string, KubeObject][] = [];
    for (const [k, o] of m) if (kind === undefined || o.kind === kind) out.push([k, o]);
    out.sort((a, b) => compareKeys(a[0], b[0]));
    return out.map(([, o]) => o);
  }

  /**
   * Inserts or replaces an object, stamping a new resourceVersion. The object is frozen and must
   * not be used for further changes by the caller.
   */
  put(obj: KubeObject): KubeObject {
    const kind = obj.kind as Kind;
    const map = this.#map(kind);
    const key = objectKey(obj.metadata.namespace, obj.metadata.name);
    const old = map.get(key);
    obj.metadata.resourceVersion = this.#ids.nextResourceVersion();
    deepFreeze(obj);
    map.set(key, obj);
    if (old !== undefined) this.#unindex(old);
    this.#index(obj);
    this.#changes.fire(
      old === undefined
        ? { type: 'ADDED', object: obj }
        : { type: 'MODIFIED', object: obj, oldObject: old },
    );
    return obj;
  }

  /** Removes an object for good (after finalizers are gone) and emits DELETED. */
  remove(kind: Kind, namespace: string | undefined, name: string): KubeObject | undefined {
    const map = this.#map(kind);
    const key = objectKey(namespace, name);
    const old = map.get(key);
    if (old === undefined) return undefined;
    map.delete(key);
    this.#unindex(old);
    // A delete also advances the store revision, as it does in etcd.
    this.#ids.nextResourceVersion();
    this.#changes.fire({ type: 'DELETED', object: old });
    return old;
  }

  /** Every object, grouped by kind in a fixed order (for snapshots). */
  all(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const k of KINDS) for (const o of this.#map(k).values()) out.push(o);
    return out;
  }

  /** Loads objects without emitting watch events or touching resourceVersions (restore). */
  load(objects: readonly KubeObject[]): void {
    for (const obj of objects) {
      deepFreeze(obj);
      this.#map(obj.kind as Kind).set(objectKey(obj.metadata.namespace, obj.metadata.name), obj);
      this.#index(obj);
    }
  }

  #storeKey(obj: KubeObject): string {
    return `${obj.kind}/${objectKey(obj.metadata.namespace, obj.metadata.name)}`;
  }

  #index(obj: KubeObject): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let m = this.#dependents.get(ref.uid);
      if (m === undefined) {
        m = new Map();
        this.#dependents.set(ref.uid, m);
      }
      m.set(this.#storeKey(obj), obj);
    }
  }

  #unindex(obj: KubeObject): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const m = this.#dependents.get(ref.uid);
      if (m === undefined) continue;
      m.delete(this.#storeKey(obj));
      if (m.size === 0) this.#dependents.delete(ref.uid);
    }
  }
}
