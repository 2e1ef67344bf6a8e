/**
 * `kubectl apply -f` and `kubectl create -f`: one confirmation line per object in file order
 * (`statefulset.apps/db-cluster created|configured|unchanged`), then the errors kubectl collected
 * (YAML syntax, validation, API Invalid rendered from the Status causes, AlreadyExists wrapped
 * with `error when creating "<file>"`).
 */
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagStrings, flagString, DRY_RUN_FLAG } from '../flags.ts';
import { renderStatus, usageError, plainError } from '../errors.ts';
import { qualifiedSingular, typeOfKind } from '../resources.ts';
import type { CommandContext } from './context.ts';
import { callSim, dryRunOf, namespaceOf, printErrors, readFilenameFlag } from './context.ts';
import type { ManifestObject } from '../manifests.ts';

/** Flags of `kubectl apply` and `kubectl create`. */
export const APPLY_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'output', short: 'o', type: 'string' },
  DRY_RUN_FLAG,
  { name: 'validate', type: 'string' },
  { name: 'server-side', type: 'bool' },
];

function withNamespace(
  ctx: CommandContext,
  m: ManifestObject,
): { object: Record<string, unknown> } | { error: string } {
  const type = typeOfKind(m.kind);
  const explicit = flagString(ctx.flags, 'namespace');
  const ns = namespaceOf(ctx);
  if (!type.namespaced) return { object: m.object };
  if (m.namespace !== undefined && explicit !== undefined && m.namespace !== explicit) {
    return {
      error: `error: the namespace from the provided object ${JSON.stringify(m.namespace)} does not match the namespace ${JSON.stringify(explicit)}. You must pass '--namespace=${m.namespace}' to perform this operation.`,
    };
  }
  const metadata = { ...((m.object['metadata'] as Record<string, unknown> | undefined) ?? {}) };
  metadata['namespace'] = m.namespace ?? ns;
  return { object: { ...m.object, metadata } };
}

/** Runs `kubectl apply` (`create` = false) or `kubectl create` (`create` = true). */
export function runApply(ctx: CommandContext, create: boolean): number {
  const { io, cluster } = ctx;
  const verb = create ? 'create' : 'apply';
  if (flagStrings(ctx.flags, 'filename').length === 0) {
    if (create) {
      io.err(usageError('create', 'must specify one of -f and -k'));
    } else {
      io.err(usageError('apply', 'must specify one of -f and -k'));
    }
    return 1;
  }
  if (ctx.args.length > 0) {
    io.err(usageError(verb, `Unexpected args: [${ctx.args.join(' ')}]`));
    return 1;
  }
  const dry = dryRunOf(ctx);
  if (typeof dry === 'object') {
    io.err(dry.error);
    return 1;
  }
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  const nameOnly = flagString(ctx.flags, 'output') === 'name';
  const read = readFilenameFlag(ctx);
  const errors: string[] = [];
  if (read.objects.length === 0 && read.errors.length === 0) {
    io.err(plainError(create ? 'no objects passed to create' : 'no objects passed to apply'));
    return 1;
  }
  for (const m of read.objects) {
    const type = typeOfKind(m.kind);
    const prepared = withNamespace(ctx, m);
    if ('error' in prepared) {
      errors.push(prepared.error);
      continue;
    }
    const label = `${qualifiedSingular(type)}/${m.name}`;
    if (dry !== 'none') {
      const ns = type.namespaced ? (m.namespace ?? namespaceOf(ctx)) : undefined;
      const exists = cluster.get(m.kind, ns, m.name).ok;
      if (create && exists) {
        errors.push(
          `Error from server (AlreadyExists): error when creating ${JSON.stringify(m.source)}: ${type.plural}${type.group ? `.${type.group}` : ''} ${JSON.stringify(m.name)} already exists`,
        );
        continue;
      }
      io.out(nameOnly ? `${label}\n` : `${label} ${exists ? 'configured' : 'created'}${suffix}\n`);
      continue;
    }
    const what = `${type.singular} ${JSON.stringify(m.name)}`;
    if (create) {
      const res = callSim(() => cluster.create(prepared.object), what);
      if ('simError' in res) errors.push(res.simError);
      else if (res.ok) io.out(nameOnly ? `${label}\n` : `${label} created\n`);
      else errors.push(renderStatus(res.status, { verb: 'creating', source: m.source }));
      continue;
    }
    const applied = callSim(() => cluster.apply([prepared.object]), what);
    if ('simError' in applied) {
      errors.push(applied.simError);
      continue;
    }
    const [res] = applied;
    if (res === undefined) continue;
    // Server-side apply reports every successful object the same way.
    const action = flagBool(ctx.flags, 'server-side')
      ? 'serverside-applied'
      : res.ok
        ? res.action
        : '';
    if (res.ok) io.out(nameOnly ? `${label}\n` : `${label} ${action}\n`);
    else errors.push(renderStatus(res.status, { verb: 'creating', source: m.source }));
  }
  errors.push(...read.errors);
  printErrors(ctx, errors);
  return errors.length > 0 ? 1 : 0;
}
