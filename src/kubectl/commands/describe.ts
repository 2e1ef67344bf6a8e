/**
 * `kubectl describe TYPE [NAME...]`: statefulsets and pods get kubectl's full layouts; other kinds
 * a short metadata-and-events form. Several objects are separated as kubectl separates them.
 */
import type { KubeEvent, KubeObject, Pod, StatefulSet } from '../../sim/index.ts';
import { parseSelector, matches } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString, flagStrings } from '../flags.ts';
import { plainError, renderStatus, usageError } from '../errors.ts';
import { describeGeneric, describePod, describeStatefulSet } from '../printers/describe.ts';
import type { CommandContext } from './context.ts';
import {
  allNamespaces,
  namespaceOf,
  printErrors,
  readFilenameFlag,
  resolveResourceArgs,
} from './context.ts';
import { typeOfKind } from '../resources.ts';

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
