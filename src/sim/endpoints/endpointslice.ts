/**
 * The EndpointSlice controller (upstream `pkg/controller/endpointslice`, reconciler in
 * `staging/src/k8s.io/endpointslice`): for every Service with a selector it keeps
 * `discovery.k8s.io/v1` EndpointSlices beside the Endpoints object, at most 100 endpoints each
 * (`--max-endpoints-per-slice` default), labelled `kubernetes.io/service-name` and
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`, owned by the Service.
 *
 * Names are `<service>-<5 chars>` as upstream (`generateName`), but the suffix and the uid are
 * derived from the Service's uid and the slice's index instead of being drawn from the cluster's
 * seeded generator, so clusters that never look at slices replay exactly as before.
 */
import { deepEqual } from '../api/json.ts';
import { fromMap, matches } from '../api/labels.ts';
import type {
  EndpointSlice,
  EndpointSliceEndpoint,
  EndpointSlicePort,
  Pod,
  Service,
} from '../api/types.ts';
import type { Runtime } from '../runtime.ts';
import { isRunningAndReady } from '../controllers/statefulset/statefulset-utils.ts';

/** `discovery.LabelServiceName`. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** `discovery.LabelManagedBy`. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** The controller's name in `LabelManagedBy` (`ControllerName` in the endpointslice controller). */
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** `--max-endpoints-per-slice` default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const HEX = '0123456789abcdef';

/** 32-bit FNV-1a of a string, re-seeded by `salt` (pure, no shared generator). */
function fnv(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32) so neighbouring salts differ in every character.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** The `<5 chars>` suffix of the `index`-th slice of the Service with uid `serviceUid`. */
export function sliceSuffix(serviceUid: string, index: number): string {
  let s = '';
  for (let i = 0; i < 5; i++)
    s += NAME_ALPHABET[fnv(`${serviceUid}/slice/${index}`, i) % NAME_ALPHABET.length];
  return s;
}

/** A v4-shaped uid derived from the Service's uid and the slice's name. */
export function sliceUid(serviceUid: string, sliceName: string): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    let nibble = fnv(`${serviceUid}/${sliceName}`, i) & 15;
    if (i === 12) nibble = 4;
    if (i === 16) nibble = 8 | (nibble & 3);
    s += HEX[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
  }
  return s;
}

function ipKey(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/**
 * `podToEndpoint` (endpointslice utils): ready = publishNotReadyAddresses || pod Ready, never
 * while terminating unless publishNotReadyAddresses; serving = pod Ready; terminating =
 * deletionTimestamp set. Hostname only when the pod's subdomain is the Service
 * (`ShouldSetHostname`).
 */
function podToEndpoint(svc: Service, pod: Pod): EndpointSliceEndpoint {
  const publish = svc.spec.publishNotReadyAddresses === true;
  const podReady = isRunningAndReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = (publish || podReady) && (!terminating || publish);
  const hostname =
    pod.spec.hostname !== undefined && pod.spec.subdomain === svc.metadata.name
      ? pod.spec.hostname
      : undefined;
  return {
    addresses: [pod.status?.podIP ?? ''],
    conditions: { ready, serving: podReady, terminating },
    ...(hostname ? { hostname } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      uid: pod.metadata.uid ?? '',
    },
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
  };
}

/** The endpoints a Service should list, sorted by IP (guess: upstream keeps insertion order). */
function desiredEndpoints(rt: Runtime, svc: Service): EndpointSliceEndpoint[] {
  const ns = svc.metadata.namespace ?? 'default';
  const selector = fromMap(svc.spec.selector ?? {});
  const out: { ip: number; ep: EndpointSliceEndpoint }[] = [];
  for (const pod of rt.api.store.list('Pod', ns)) {
    if (!matches(selector, pod.metadata.labels) || !pod.status?.podIP) continue;
    // ShouldPodBeInEndpoints(pod, includeTerminating=true): terminal pods are left out,
    // terminating ones stay with terminating=true.
    if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') continue;
    out.push({ ip: ipKey(pod.status.podIP), ep: podToEndpoint(svc, pod) });
  }
  out.sort((a, b) => a.ip - b.ip);
  return out.map((e) => e.ep);
}

function desiredPorts(svc: Service): EndpointSlicePort[] {
  // getEndpointPorts: name is always set (empty for an unnamed port).
  return (svc.spec.ports ?? []).map((p) => ({
    name: p.name ?? '',
    port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
    protocol: p.protocol ?? 'TCP',
  }));
}

function sliceLabels(svc: Service): Record<string, string> {
  // Service labels are copied, then the reserved ones set (reconciler `setEndpointSliceLabels`).
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  labels[LABEL_SERVICE_NAME] = svc.metadata.name;
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER_NAME;
  if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  return labels;
}

/** The EndpointSlices this controller manages for the Service `ns/name`, in name order. */
function ownSlices(rt: Runtime, ns: string, name: string): EndpointSlice[] {
  const out: EndpointSlice[] = [];
  for (const s of rt.api.store.list('EndpointSlice', ns)) {
    const l = s.metadata.labels ?? {};
    if (l[LABEL_SERVICE_NAME] === name && l[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME)
      out.push(s);
  }
  return out;
}

/** Brings the EndpointSlices of one Service up to date (`Reconciler.Reconcile`). */
export function syncEndpointSlices(
  rt: Runtime,
  ns: string,
  name: string,
  svc: Service | undefined,
): void {
  const existing = ownSlices(rt, ns, name);
  if (svc === undefined || svc.spec.selector === undefined) {
    // Slices go with their Service (upstream: the garbage collector, via the owner reference).
    for (const s of existing) rt.api.delete('EndpointSlice', ns, s.metadata.name);
    return;
  }
  const svcUid = svc.metadata.uid ?? '';
  const ours = existing.filter((s) =>
    (s.metadata.ownerReferences ?? []).some((r) => r.uid === svcUid),
  );
  // Slices of an earlier Service of the same name are stale.
  for (const s of existing)
    if (!ours.includes(s)) rt.api.delete('EndpointSlice', ns, s.metadata.name);
  const endpoints = desiredEndpoints(rt, svc);
  const chunks: EndpointSliceEndpoint[][] = [];
  for (let i = 0; i < endpoints.length; i += MAX_ENDPOINTS_PER_SLICE)
    chunks.push(endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE));
  // A Service with no endpoints keeps one empty placeholder slice (reconciler `placeholderSlice`).
  if (chunks.length === 0) chunks.push([]);
  // The placeholder slice carries no ports (reconciler: `endpointMeta{ports: []EndpointPort{}}`),
  // so `kubectl get endpointslices` shows `<unset>` in PORTS until a pod has an IP.
  const ports = endpoints.length === 0 ? [] : desiredPorts(svc);
  const labels = sliceLabels(svc);
  // Slot i is kept in the slice whose name has index i; the names are pure functions of the
  // Service uid, so an existing slice is found again after restore.
  const byName = new Map(ours.map((s) => [s.metadata.name, s]));
  const wanted = new Set<string>();
  for (let i = 0; i < chunks.length; i++) {
    const sliceName = `${name}-${sliceSuffix(svcUid, i)}`;
    wanted.add(sliceName);
    const eps = chunks[i] ?? [];
    const current = byName.get(sliceName);
    if (current === undefined) {
      const slice: EndpointSlice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: sliceName,
          generateName: `${name}-`,
          namespace: ns,
          labels,
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name,
              uid: svcUid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: 'IPv4',
        endpoints: eps,
        ports,
      };
      rt.api.create(slice, { internal: true, uid: sliceUid(svcUid, sliceName) });
      continue;
    }
    if (
      deepEqual(current.endpoints, eps) &&
      deepEqual(current.ports, ports) &&
      deepEqual(current.metadata.labels, labels)
    )
      continue;
    rt.api.update(
      {
        ...current,
        metadata: { ...current.metadata, labels },
        endpoints: eps,
        ports,
      },
      { internal: true },
    );
  }
  for (const s of ours)
    if (!wanted.has(s.metadata.name)) rt.api.delete('EndpointSlice', ns, s.metadata.name);
}
