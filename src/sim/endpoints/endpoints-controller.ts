/**
 * The Endpoints controller: for every Service with a selector it keeps an Endpoints object of the
 * same name listing the matching pods that have an IP, Ready ones under `addresses` and the rest
 * under `notReadyAddresses` (all under `addresses` with `publishNotReadyAddresses`). For a
 * StatefulSet's governing Service each address carries the pod's hostname, which is what gives
 * `db-cluster-0.db-service` its DNS record.
 */
import { deepEqual } from '../api/json.ts';
import { fromMap, matches } from '../api/labels.ts';
import type { EndpointAddress, Endpoints, Pod, Service } from '../api/types.ts';
import { syncEndpointSlices } from './endpointslice.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import { SyncQueue } from '../sync-queue.ts';
import { objectKey } from '../store/object-store.ts';
import type { WatchEvent } from '../store/object-store.ts';
import { isRunningAndReady } from '../controllers/statefulset/statefulset-utils.ts';
import { isSchedulingStatusOnly } from '../scheduler/nomination.ts';

/** `task.target` of the Endpoints controller. */
export const ENDPOINTS_TARGET = 'endpoints';

/** Label the Endpoints of a headless Service carry. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

function ipKey(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Keeps Endpoints in step with Services and pods. */
export class EndpointsController implements Component {
  readonly name = ENDPOINTS_TARGET;
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

  /** Queues the Services a change may affect. */
  handle(ev: WatchEvent): void {
    const obj = ev.object;
    if (obj.kind === 'Service') {
      // Selector-less Services (like `kubernetes`) have hand-managed endpoints, unless ours to clean up.
      const selector = (obj as Service).spec.selector;
      const oldSelector = (ev.oldObject as Service | undefined)?.spec.selector;
      if (selector !== undefined || oldSelector !== undefined || ev.type === 'DELETED') {
        this.#enqueue(objectKey(obj.metadata.namespace, obj.metadata.name));
      }
    } else if (obj.kind === 'Pod') {
      // The scheduler's status writes on a pending pod change no endpoint (see isSchedulingStatusOnly).
      if (isSchedulingStatusOnly(ev)) return;
      const ns = obj.metadata.namespace ?? 'default';
      const old = ev.oldObject;
      for (const svc of this.#rt.api.store.list('Service', ns)) {
        const sel = svc.spec.selector;
        if (sel === undefined) continue;
        const s = fromMap(sel);
        if (
          matches(s, obj.metadata.labels) ||
          (old !== undefined && matches(s, old.metadata.labels))
        ) {
          this.#enqueue(objectKey(ns, svc.metadata.name));
        }
      }
    }
  }

  #enqueue(key: string): void {
    this.#queue.add(key);
  }

  /** Recomputes one Service's Endpoints, then its EndpointSlices. */
  run(task: Task): void {
    this.#queue.started(task);
    const [ns, name] = task.key.split('/') as [string, string];
    const svc = this.#rt.api.store.get('Service', ns, name);
    this.#syncEndpoints(ns, name, svc);
    // The EndpointSlice controller watches the same objects; it runs in the same pass so that it
    // adds no timer (no seeded draw) to existing flows. Guess: upstream it is a separate
    // controller with its own queue and a 1s batching of pod changes.
    syncEndpointSlices(this.#rt, ns, name, svc);
  }

  #syncEndpoints(ns: string, name: string, svc: Service | undefined): void {
    const current = this.#rt.api.store.get('Endpoints', ns, name);
    if (svc === undefined || svc.spec.selector === undefined) {
      // Endpoints of selector-less Services are managed by someone else; ours go with the Service.
      if (
        svc === undefined &&
        current?.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller'
      ) {
        this.#rt.api.delete('Endpoints', ns, name);
      }
      return;
    }
    const desired = this.#desired(svc);
    if (current === undefined) {
      this.#rt.api.create(desired, { internal: true });
      return;
    }
    if (
      deepEqual(current.subsets, desired.subsets) &&
      deepEqual(current.metadata.labels, desired.metadata.labels)
    )
      return;
    this.#rt.api.update(
      {
        ...current,
        metadata: { ...current.metadata, labels: desired.metadata.labels },
        subsets: desired.subsets,
      },
      { internal: true },
    );
  }

  #desired(svc: Service): Endpoints {
    const ns = svc.metadata.namespace ?? 'default';
    const selector = fromMap(svc.spec.selector ?? {});
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const pod of this.#rt.api.store.list('Pod', ns)) {
      if (!matches(selector, pod.metadata.labels) || !pod.status?.podIP) continue;
      if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') continue;
      const address = this.#address(svc, pod);
      const publish = svc.spec.publishNotReadyAddresses === true;
      if (publish || (isRunningAndReady(pod) && pod.metadata.deletionTimestamp === undefined))
        ready.push(address);
      else notReady.push(address);
    }
    const byIp = (a: EndpointAddress, b: EndpointAddress): number => ipKey(a.ip) - ipKey(b.ip);
    ready.sort(byIp);
    notReady.sort(byIp);
    const ports = (svc.spec.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol ?? 'TCP',
    }));
    const labels: Record<string, string> = {
      ...(svc.metadata.labels ?? {}),
      'endpoints.kubernetes.io/managed-by': 'endpoint-controller',
    };
    if (svc.spec.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
    return {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: svc.metadata.name, namespace: ns, labels },
      ...(ready.length + notReady.length > 0
        ? {
            subsets: [
              {
                ...(ready.length ? { addresses: ready } : {}),
                ...(notReady.length ? { notReadyAddresses: notReady } : {}),
                ports,
              },
            ],
          }
        : {}),
    };
  }

  #address(svc: Service, pod: Pod): EndpointAddress {
    const hostname =
      pod.spec.hostname !== undefined && pod.spec.subdomain === svc.metadata.name
        ? pod.spec.hostname
        : undefined;
    return {
      ip: pod.status?.podIP ?? '',
      ...(hostname ? { hostname } : {}),
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata.namespace ?? 'default',
        name: pod.metadata.name,
        uid: pod.metadata.uid ?? '',
      },
    };
  }
}
