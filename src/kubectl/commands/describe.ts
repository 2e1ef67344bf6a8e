/**
 * `kubectl describe TYPE [NAME...]`: statefulsets, deployments, replicasets, daemonsets, pods,
 * persistentvolumeclaims, persistentvolumes, services and nodes get kubectl's full layouts; other kinds a short
 * metadata-and-events form. Several objects are separated as kubectl separates them.
 */
import type {
  DaemonSet,
  Deployment,
  EndpointSlice,
  LabelSelector,
  KubeEvent,
  KubeObject,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
  Service,
  StatefulSet,
} from '../../sim/index.ts';
import {
  DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY,
  formatLabelSelector,
  parseQuantity,
  parseSelector,
  matches,
  toRfc3339,
} from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString, flagStrings } from '../flags.ts';
import { plainError, renderStatus, usageError } from '../errors.ts';
import type { PodPhaseCounts } from '../printers/describe.ts';
import {
  describeDaemonSet,
  describeDeployment,
  describeGeneric,
  describeNode,
  describePersistentVolume,
  describePersistentVolumeClaim,
  describePod,
  describeReplicaSet,
  describeService,
  describeStatefulSet,
} from '../printers/describe.ts';
import type { CommandContext } from './context.ts';
import {
  allNamespaces,
  namespaceOf,
  printErrors,
  readFilenameFlag,
  resolveResourceArgs,
} from './context.ts';
import { typeOfKind } from '../resources.ts';
import { describeEndpointSlice } from '../printers/describe-endpointslice.ts';

/** Flags of `kubectl describe`. */
export const DESCRIBE_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-events', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
];

function eventsFor(ctx: CommandContext, obj: KubeObject): KubeEvent[] {
  return ctx.cluster
    .events({ kind: obj.kind, name: obj.metadata.name })
    .filter(
      (e) =>
        e.metadata.namespace === (obj.metadata.namespace ?? 'default') &&
        (e.involvedObject.uid === undefined || e.involvedObject.uid === obj.metadata.uid),
    );
}

/** A pod's summed container requests and limits (milli-CPU, bytes). */
function podUsage(p: Pod): { cpuReq: number; cpuLim: number; memReq: number; memLim: number } {
  let cpuReq = 0;
  let cpuLim = 0;
  let memReq = 0;
  let memLim = 0;
  for (const c of p.spec.containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    // An unset request defaults to the limit (API defaulting).
    cpuReq += Math.round(parseQuantity(req['cpu'] ?? lim['cpu'] ?? '0') * 1000);
    cpuLim += Math.round(parseQuantity(lim['cpu'] ?? '0') * 1000);
    memReq += parseQuantity(req['memory'] ?? lim['memory'] ?? '0');
    memLim += parseQuantity(lim['memory'] ?? '0');
  }
  return { cpuReq, cpuLim, memReq, memLim };
}

/** The objects of `kind` in `namespace` that `selector` matches (as a label-selector list). */
function listSelected<T extends KubeObject>(
  ctx: CommandContext,
  kind: 'Pod' | 'ReplicaSet',
  namespace: string,
  selector: LabelSelector | undefined,
): T[] {
  const text = formatLabelSelector(selector);
  const res = ctx.cluster.list(kind, {
    namespace,
    ...(text !== '<none>' ? { labelSelector: text } : {}),
  });
  return res.ok ? (res.object as unknown as T[]) : [];
}

function controllerUid(obj: KubeObject): string | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller)?.uid;
}

/** getPodStatusForController: the selected pods whose controller is `owner`, by phase. */
function podPhaseCounts(
  ctx: CommandContext,
  owner: KubeObject,
  selector: LabelSelector | undefined,
): PodPhaseCounts {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  const pods = listSelected<Pod>(ctx, 'Pod', owner.metadata.namespace ?? 'default', selector);
  for (const p of pods) {
    if (controllerUid(p) !== owner.metadata.uid) continue;
    const phase = p.status?.phase;
    if (phase === 'Running') counts.running++;
    else if (phase === 'Pending') counts.waiting++;
    else if (phase === 'Succeeded') counts.succeeded++;
    else if (phase === 'Failed') counts.failed++;
  }
  return counts;
}

/** JSON with sorted keys, empty maps and lists dropped (Semantic.DeepEqual treats them as unset). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = canonical((value as Record<string, unknown>)[k]);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

/** EqualIgnoreHash: templates equal once the pod-template-hash label is ignored. */
function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  const strip = (t: PodTemplateSpec): string => {
    const labels = { ...(t.metadata?.labels ?? {}) };
    delete labels[DEFAULT_DEPLOYMENT_UNIQUE_LABEL_KEY];
    return JSON.stringify(canonical({ ...t, metadata: { ...(t.metadata ?? {}), labels } })) ?? '';
  };
  return strip(a) === strip(b);
}

/**
 * GetAllReplicaSetsInChunks: the ReplicaSets the Deployment's selector lists and that it controls,
 * oldest first (name breaks ties); the new one is the oldest whose template matches the
 * Deployment's; the old ones listed are the others still scaled above zero.
 */
function deploymentReplicaSets(
  ctx: CommandContext,
  d: Deployment,
): { oldRSs: ReplicaSet[]; newRS: ReplicaSet | undefined } {
  const owned = listSelected<ReplicaSet>(
    ctx,
    'ReplicaSet',
    d.metadata.namespace ?? 'default',
    d.spec.selector,
  )
    .filter((rs) => controllerUid(rs) === d.metadata.uid)
    .sort((a, b) => {
      const ta = a.metadata.creationTimestamp ?? '';
      const tb = b.metadata.creationTimestamp ?? '';
      if (ta !== tb) return ta < tb ? -1 : 1;
      return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
    });
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const oldRSs = owned.filter(
    (rs) => rs.metadata.uid !== newRS?.metadata.uid && (rs.spec.replicas ?? 1) !== 0,
  );
  return { oldRSs, newRS };
}

function describeOne(ctx: CommandContext, obj: KubeObject): string {
  const now = ctx.cluster.now();
  // --show-events=false leaves the Events section out entirely.
  const events = flagBool(ctx.flags, 'show-events', true) ? eventsFor(ctx, obj) : undefined;
  if (obj.kind === 'StatefulSet') {
    const sts = obj as StatefulSet;
    const all = ctx.cluster.list('Pod', { namespace: sts.metadata.namespace ?? 'default' });
    const parsed = parseSelector(
      Object.entries(sts.spec.selector?.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    );
    const pods = (all.ok ? all.object : []).filter(
      (p: Pod) =>
        parsed.ok &&
        matches(parsed.selector, p.metadata.labels) &&
        (p.metadata.ownerReferences ?? []).some((r) => r.uid === sts.metadata.uid),
    );
    return describeStatefulSet(sts, pods, events, now);
  }
  if (obj.kind === 'Deployment') {
    const d = obj as Deployment;
    const { oldRSs, newRS } = deploymentReplicaSets(ctx, d);
    return describeDeployment(d, oldRSs, newRS, events, now);
  }
  if (obj.kind === 'ReplicaSet') {
    const rs = obj as ReplicaSet;
    return describeReplicaSet(rs, podPhaseCounts(ctx, rs, rs.spec.selector), events, now);
  }
  if (obj.kind === 'DaemonSet') {
    const ds = obj as DaemonSet;
    return describeDaemonSet(ds, podPhaseCounts(ctx, ds, ds.spec.selector), events, now);
  }
  if (obj.kind === 'Pod') return describePod(obj as Pod, events, now);
  if (obj.kind === 'EndpointSlice') return describeEndpointSlice(obj as EndpointSlice, events, now);
  if (obj.kind === 'PersistentVolumeClaim') {
    const pvc = obj as PersistentVolumeClaim;
    const all = ctx.cluster.list('Pod', { namespace: pvc.metadata.namespace ?? 'default' });
    const usedBy = (all.ok ? all.object : []).filter((p) =>
      (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name),
    );
    return describePersistentVolumeClaim(pvc, usedBy, events, now);
  }
  if (obj.kind === 'PersistentVolume') {
    return describePersistentVolume(obj as PersistentVolume, events, now);
  }
  if (obj.kind === 'Service') {
    const svc = obj as Service;
    const all = ctx.cluster.list('EndpointSlice', {
      namespace: svc.metadata.namespace ?? 'default',
    });
    const slices = (all.ok ? all.object : []).filter(
      (s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name,
    );
    return describeService(svc, slices, events, now);
  }
  if (obj.kind === 'Node') {
    const node = obj as Node;
    const all = ctx.cluster.list('Pod');
    const pods = (all.ok ? all.object : [])
      .filter(
        (p) =>
          p.spec.nodeName === node.metadata.name &&
          p.status?.phase !== 'Succeeded' &&
          p.status?.phase !== 'Failed',
      )
      .sort(
        (a, b) =>
          (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
          a.metadata.name.localeCompare(b.metadata.name),
      );
    // The simulator keeps no Lease objects; the kubelet renews its lease every 10 seconds.
    const renew = Math.floor(now / 10_000) * 10_000;
    return describeNode(
      node,
      {
        pods,
        usage: (p) => podUsage(p),
        renewTime: toRfc3339(renew),
        quantity: (q) => parseQuantity(q),
      },
      events,
      now,
    );
  }
  return describeGeneric(obj, events, now);
}

/** Runs `kubectl describe`. */
export function runDescribe(ctx: CommandContext): number {
  const { io, cluster } = ctx;
  if (flagStrings(ctx.flags, 'filename').length > 0) {
    const read = readFilenameFlag(ctx);
    const found: KubeObject[] = [];
    const errors: string[] = [...read.errors];
    for (const m of read.objects) {
      const type = typeOfKind(m.kind);
      const res = cluster.get(
        m.kind,
        type.namespaced ? (m.namespace ?? namespaceOf(ctx)) : undefined,
        m.name,
      );
      if (res.ok) found.push(res.object);
      else errors.push(renderStatus(res.status));
    }
    found.forEach((o, i) => io.out(i === 0 ? describeOne(ctx, o) : `\n\n${describeOne(ctx, o)}`));
    printErrors(ctx, errors);
    return errors.length > 0 ? 1 : 0;
  }
  if (ctx.args.length === 0) {
    io.err(
      'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    );
    io.err(usageError('describe', 'Required resource not specified.'));
    return 1;
  }
  const resolved = resolveResourceArgs(ctx.args);
  if (!resolved.ok) {
    io.err(resolved.error);
    return 1;
  }
  const ns = namespaceOf(ctx);
  const allNs = allNamespaces(ctx);
  const selector = flagString(ctx.flags, 'selector');
  const objects: KubeObject[] = [];
  const errors: string[] = [];
  for (const req of resolved.requests) {
    const typeNs = req.type.namespaced ? ns : undefined;
    if (req.names.length > 0) {
      for (const name of req.names) {
        const res = cluster.get(req.type.kind, typeNs, name);
        if (res.ok) objects.push(res.object);
        else errors.push(renderStatus(res.status));
      }
      continue;
    }
    const res = cluster.list(req.type.kind, {
      ...(req.type.namespaced && !allNs ? { namespace: ns } : {}),
      ...(selector !== undefined ? { labelSelector: selector } : {}),
    });
    if (!res.ok) {
      io.err(plainError(res.status.message));
      return 1;
    }
    objects.push(...(res.object as KubeObject[]));
  }
  objects.forEach((o, i) => io.out(i === 0 ? describeOne(ctx, o) : `\n\n${describeOne(ctx, o)}`));
  if (objects.length === 0 && errors.length === 0) {
    const namespaced = resolved.requests.every((r) => r.type.namespaced) && !allNs;
    io.err(namespaced ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
  }
  for (const e of errors) io.err(e);
  return errors.length > 0 ? 1 : 0;
}
