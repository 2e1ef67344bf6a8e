/**
 * Records core/v1 Events like client-go's EventRecorder with its correlator: an Event named
 * `<object>.<hex nanoseconds>` in the object's namespace, and a repeat of the same
 * (object, reason, message, source) bumps `count` and `lastTimestamp` instead of adding a row.
 */
import { EPOCH_MS, toRfc3339 } from './clock/time.ts';
import { Emitter } from './events.ts';
import type { Event } from './events.ts';
import { deepClone } from './api/json.ts';
import type { KubeEvent, KubeObject } from './api/types.ts';
import { KIND_INFO, isKind } from './api/types.ts';
import type { ObjectStore } from './store/object-store.ts';

/** Who emitted an event (`source.component`, `source.host`). */
export interface EventSource {
  readonly component: string;
  readonly host?: string;
}

/**
 * How events about system objects (kube-system pods …) are numbered: their own uid source and
 * name sequence, so recording them leaves the main generator and sequence untouched.
 */
export interface SystemEvents {
  isSystem(obj: KubeObject): boolean;
  uid(): string;
  nextSeq(): number;
}

/** Writes Events into the store. */
export class EventRecorder {
  readonly #store: ObjectStore;
  readonly #now: () => number;
  readonly #uid: () => string;
  readonly #byKey = new Map<string, string>();
  #seq = 0;
  readonly #system: SystemEvents | undefined;
  readonly #emitter = new Emitter<KubeEvent>();

  /** Fires for every recorded or re-counted event. */
  readonly onEvent: Event<KubeEvent> = this.#emitter.event;

  /**
   * Creates a recorder; existing Events in the store are picked up for aggregation and `seq`
   * resumes the name sequence after a restore.
   */
  constructor(
    store: ObjectStore,
    now: () => number,
    uid: () => string,
    seq = 0,
    system?: SystemEvents,
  ) {
    this.#store = store;
    this.#now = now;
    this.#uid = uid;
    this.#seq = seq;
    this.#system = system;
    for (const e of store.list('Event')) {
      const involved = (e.involvedObject.uid ?? '') + (e.involvedObject.fieldPath ?? '');
      this.#byKey.set(
        this.#key(involved, e.reason, e.message, e.source.component),
        `${e.metadata.namespace ?? ''}/${e.metadata.name}`,
      );
    }
  }

  /** The name sequence, for snapshots. */
  get seq(): number {
    return this.#seq;
  }

  #key(uid: string, reason: string, message: string, component: string): string {
    return `${uid}\u0000${reason}\u0000${message}\u0000${component}`;
  }

  /** Records an event about `obj`. `fieldPath` names a container (`spec.containers{db}`). */
  record(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const now = this.#now();
    const ts = toRfc3339(now);
    const uid = obj.metadata.uid ?? '';
    const key = this.#key(uid + (fieldPath ?? ''), reason, message, source.component);
    const existing = this.#byKey.get(key);
    if (existing !== undefined) {
      const [ns, name] = existing.split('/') as [string, string];
      const old = this.#store.get('Event', ns, name);
      if (old !== undefined) {
        const next = deepClone(old);
        next.count += 1;
        next.lastTimestamp = ts;
        this.#emitter.fire(this.#store.put(next) as KubeEvent);
        return;
      }
    }
    const namespace = obj.metadata.namespace ?? 'default';
    // client-go names events `<object>.<unix nanos in hex>`; a sequence keeps same-ms events apart.
    // Events about system pods take their uid and sequence from the system stream (see
    // SystemEvents), so the names and uids of every other event stay as they were.
    const system = this.#system?.isSystem(obj) === true ? this.#system : undefined;
    const seq = system !== undefined ? system.nextSeq() : this.#seq++;
    const nanos = BigInt(EPOCH_MS + now) * 1_000_000n + BigInt(seq % 1_000_000);
    const name = `${obj.metadata.name}.${nanos.toString(16)}`;
    const apiVersion = isKind(obj.kind) ? KIND_INFO[obj.kind].apiVersion : obj.apiVersion;
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name,
        namespace,
        uid: system !== undefined ? system.uid() : this.#uid(),
        creationTimestamp: ts,
      },
      involvedObject: {
        kind: obj.kind,
        ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
        name: obj.metadata.name,
        uid,
        apiVersion,
        resourceVersion: obj.metadata.resourceVersion ?? '',
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    this.#byKey.set(key, `${namespace}/${name}`);
    this.#emitter.fire(this.#store.put(event) as KubeEvent);
  }
}
