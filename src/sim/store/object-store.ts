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

/** Two states of one object with the same resourceVersion are the same state. */
function sameVersion(a: KubeObject, b: KubeObject | undefined): boolean {
  return (
    b !== undefined &&
    a.metadata.resourceVersion === b.metadata.resourceVersion &&
    a.metadata.uid === b.metadata.uid
  );
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One change kept in the store's bounded history, with the store revision it produced. */
export interface HistoryEntry {
  readonly resourceVersion: number;
  readonly event: WatchEvent;
}

/** One remembered change in a snapshot (see ObjectStore.historyState). */
export interface WatchHistoryEntry {
  readonly resourceVersion: number;
  readonly type: WatchEventType;
  readonly object: KubeObject;
  readonly oldObject?: KubeObject;
}

/** The watch window of a snapshot: the oldest revision a watch may start from, and the changes. */
export interface WatchHistoryState {
  readonly since: number;
  readonly entries: readonly WatchHistoryEntry[];
}

/**
 * How many changes the store remembers for `watch` from a resourceVersion. Guess: the API
 * server's watch cache starts at 100 events per resource and grows up to 100 * 1024 under load
 * (apiserver `storage/cacher` default/maximum capacity); one cluster-wide ring is kept here.
 */
export const DEFAULT_HISTORY_CAPACITY = 10_000;

/** Stores objects and tells watchers about every change. */
export class ObjectStore {
  readonly #history: (HistoryEntry | undefined)[];
  /** Writes (puts and removes) per kind, so callers can cache results that read one kind. */
  readonly #writes = new Map<Kind, number>();
  #historyStart = 0;
  #historySize = 0;
  /** Changes up to this revision are forgotten (0: nothing forgotten yet). */
  #forgottenUpTo = 0;
  readonly #byKind = new Map<Kind, Map<string, KubeObject>>();
  readonly #dependents = new Map<string, Map<string, KubeObject>>();
  readonly #changes = new Emitter<WatchEvent>();
  readonly #ids: IdSource;

  /** Every change, in the order it happened. */
  readonly onChange: Event<WatchEvent> = this.#changes.event;

  /** Creates an empty store that stamps resourceVersions from `ids`. */
  constructor(ids: IdSource, historyCapacity = DEFAULT_HISTORY_CAPACITY) {
    this.#ids = ids;
    this.#history = new Array<HistoryEntry | undefined>(Math.max(1, historyCapacity));
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

  /**
   * A counter that changes whenever an object of `kind` is written or removed: a result computed
   * from objects of that kind stays valid while it is unchanged (in one store; not snapshotted).
   */
  writes(kind: Kind): number {
    return this.#writes.get(kind) ?? 0;
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
    this.#writes.set(kind, (this.#writes.get(kind) ?? 0) + 1);
    obj.metadata.resourceVersion = this.#ids.nextResourceVersion();
    deepFreeze(obj);
    map.set(key, obj);
    if (old !== undefined) this.#unindex(old);
    this.#index(obj);
    const ev: WatchEvent =
      old === undefined
        ? { type: 'ADDED', object: obj }
        : { type: 'MODIFIED', object: obj, oldObject: old };
    this.#remember(Number(obj.metadata.resourceVersion), ev);
    this.#changes.fire(ev);
    return obj;
  }

  /** Removes an object for good (after finalizers are gone) and emits DELETED. */
  remove(kind: Kind, namespace: string | undefined, name: string): KubeObject | undefined {
    const map = this.#map(kind);
    const key = objectKey(namespace, name);
    const old = map.get(key);
    if (old === undefined) return undefined;
    map.delete(key);
    this.#writes.set(kind, (this.#writes.get(kind) ?? 0) + 1);
    this.#unindex(old);
    // A delete also advances the store revision, as it does in etcd.
    const rv = this.#ids.nextResourceVersion();
    const ev: WatchEvent = { type: 'DELETED', object: old };
    this.#remember(Number(rv), ev);
    this.#changes.fire(ev);
    return old;
  }

  #remember(resourceVersion: number, event: WatchEvent): void {
    const cap = this.#history.length;
    if (this.#historySize === cap) {
      const dropped = this.#history[this.#historyStart];
      if (dropped !== undefined) this.#forgottenUpTo = dropped.resourceVersion;
      this.#history[this.#historyStart] = { resourceVersion, event };
      this.#historyStart = (this.#historyStart + 1) % cap;
    } else {
      this.#history[(this.#historyStart + this.#historySize) % cap] = { resourceVersion, event };
      this.#historySize += 1;
    }
  }

  /**
   * The remembered changes after `resourceVersion`, oldest first, or the oldest revision a watch
   * may start from (`{ tooOld }`) when changes after it have been forgotten.
   */
  changesSince(
    resourceVersion: number,
  ):
    | { readonly ok: true; readonly entries: HistoryEntry[] }
    | { readonly ok: false; readonly oldest: number } {
    if (resourceVersion < this.#forgottenUpTo) return { ok: false, oldest: this.#forgottenUpTo };
    const cap = this.#history.length;
    const out: HistoryEntry[] = [];
    for (let i = 0; i < this.#historySize; i++) {
      const e = this.#history[(this.#historyStart + i) % cap];
      if (e !== undefined && e.resourceVersion > resourceVersion) out.push(e);
    }
    return { ok: true, entries: out };
  }

  /**
   * The remembered changes in JSON form, for a snapshot that keeps the watch window: `since` is the
   * revision a watch may start from, and a MODIFIED entry whose previous state is the entry
   * before it for the same object leaves `oldObject` out (`restoreHistory` puts it back).
   */
  historyState(): WatchHistoryState {
    const last = new Map<string, KubeObject>();
    const entries: WatchHistoryEntry[] = [];
    const cap = this.#history.length;
    for (let i = 0; i < this.#historySize; i++) {
      const e = this.#history[(this.#historyStart + i) % cap];
      if (e === undefined) continue;
      const key = this.#storeKey(e.event.object);
      const old = e.event.oldObject;
      entries.push({
        resourceVersion: e.resourceVersion,
        type: e.event.type,
        object: e.event.object,
        ...(old !== undefined && !sameVersion(old, last.get(key)) ? { oldObject: old } : {}),
      });
      last.set(key, e.event.object);
    }
    return { since: this.#forgottenUpTo, entries };
  }

  /** Refills the change history from `historyState` (after `load`, before any write). */
  restoreHistory(state: WatchHistoryState): void {
    const last = new Map<string, KubeObject>();
    this.#historyStart = 0;
    this.#historySize = 0;
    for (const e of state.entries) {
      const key = this.#storeKey(e.object);
      const object = deepFreeze(e.object);
      const old =
        e.oldObject !== undefined
          ? deepFreeze(e.oldObject)
          : e.type === 'MODIFIED'
            ? last.get(key)
            : undefined;
      const event: WatchEvent =
        old !== undefined ? { type: e.type, object, oldObject: old } : { type: e.type, object };
      this.#remember(e.resourceVersion, event);
      last.set(key, object);
    }
    this.#forgottenUpTo = state.since;
  }

  /** Every object, grouped by kind in a fixed order (for snapshots). */
  all(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const k of KINDS) for (const o of this.#map(k).values()) out.push(o);
    return out;
  }

  /**
   * Loads objects without emitting watch events or touching resourceVersions (restore). The
   * change history is not part of a snapshot: after a restore, watches may start only from the
   * restored revision `forgottenUpTo` (the store's current resourceVersion) or later.
   */
  load(objects: readonly KubeObject[], forgottenUpTo = 0): void {
    this.#forgottenUpTo = forgottenUpTo;
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
