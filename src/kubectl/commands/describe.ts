/**
 * `kubectl describe TYPE [NAME...]`: statefulsets, pods, persistentvolumeclaims,
 * persistentvolumes, services and nodes get kubectl's full layouts; other kinds a short
 * metadata-and-events form. Several objects are separated as kubectl separates them.
 */
import type {
  EndpointSlice,
  KubeEvent,
  KubeObject,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Service,
  StatefulSet,
} from '../../sim/index.ts';
import { parseQuantity, parseSelector, matches, toRfc3339 } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString, flagStrings } from '../flags.ts';
import { plainError, renderStatus, usageError } from '../errors.ts';
import {
  describeGeneric,
  describeNode,
  describePersistentVolume,
  describePersistentVolumeClaim,
  describePod,
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
