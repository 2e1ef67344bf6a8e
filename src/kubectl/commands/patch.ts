/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: the patch may be JSON or
 * YAML (kubectl converts it to JSON first); prints `statefulset.apps/web patched`, or
 * `... patched (no change)` when the object stayed the same. API errors render as for apply.
 */
import { parseDocument } from 'yaml';
import { goYamlMessage } from '../manifests.ts';
import type { PatchType } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { DRY_RUN_FLAG, flagString } from '../flags.ts';
import { plainError, renderStatus } from '../errors.ts';
import { qualifiedSingular } from '../resources.ts';
import type { CommandContext } from './context.ts';
import { callSim, dryRunOf, namespaceOf, resolveResourceArgs } from './context.ts';
import { applyPatch, badRequestStatus } from '../../sim/index.ts';

/** Flags of `kubectl patch`. */
export const PATCH_FLAGS: readonly FlagSpec[] = [
  { name: 'patch', short: 'p', type: 'string' },
  { name: 'patch-file', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  DRY_RUN_FLAG,
];

const TYPES: readonly PatchType[] = ['json', 'merge', 'strategic'];

/** Runs `kubectl patch`. */
export function runPatch(ctx: CommandContext): number {
  const { io, cluster } = ctx;
  const dry = dryRunOf(ctx);
  if (typeof dry === 'object') {
    io.err(dry.error);
    return 1;
  }
  const typeText = flagString(ctx.flags, 'type') ?? 'strategic';
  const type = TYPES.find((t) => t === typeText);
  if (type === undefined) {
    io.err(
      plainError(`--type must be one of [${TYPES.join(' ')}], not ${JSON.stringify(typeText)}`),
    );
    return 1;
  }
  let patchText = flagString(ctx.flags, 'patch');
  const patchFile = flagString(ctx.flags, 'patch-file');
  if (patchText !== undefined && patchFile !== undefined) {
    io.err(plainError('--patch and --patch-file are mutually exclusive'));
    return 1;
  }
  if (patchFile !== undefined) {
    patchText = ctx.env.readFile?.(patchFile);
    if (patchText === undefined) {
      io.err(plainError(`unable to read patch file: open ${patchFile}: no such file or directory`));
      return 1;
    }
  }
  if (patchText === undefined || patchText === '') {
    io.err(plainError('must specify --patch or --patch-file containing the contents of the patch'));
    return 1;
  }
  // kubectl turns the patch from YAML (JSON is YAML) into JSON before sending it.
  const doc = parseDocument(patchText, { version: '1.1' });
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const line = yamlError.linePos?.[0].line ?? 1;
    io.err(
      plainError(
        `unable to parse ${JSON.stringify(patchText)}: yaml: line ${line}: ${goYamlMessage(yamlError)}`,
      ),
    );
    return 1;
  }
  let patch: unknown;
  try {
    patch = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch {
    io.err(plainError(`unable to parse ${JSON.stringify(patchText)}: yaml: excessive aliasing`));
    return 1;
  }
  const resolved = resolveResourceArgs(ctx.args);
  if (!resolved.ok) {
    io.err(resolved.error);
    return 1;
  }
  const targets = resolved.requests.flatMap((r) => r.names.map((name) => ({ type: r.type, name })));
  if (targets.length === 0) {
    io.err(
      plainError(
        resolved.requests.length > 0
          ? 'resource(s) were provided, but no name was specified'
          : "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      ),
    );
    return 1;
  }
  let exit = 0;
  for (const t of targets) {
    const ns = t.type.namespaced ? namespaceOf(ctx) : undefined;
    const before = cluster.get(t.type.kind, ns, t.name);
    if (!before.ok) {
      io.err(renderStatus(before.status));
      exit = 1;
      continue;
    }
    // A dry run patches a copy: locally (client) or validated by the API server (server).
    const send = (): ReturnType<typeof cluster.patch> => {
      if (dry === 'none') return cluster.patch(t.type.kind, ns, t.name, patch, type);
      const applied = applyPatch(before.object, patch, type);
      if (!applied.ok) return badRequestStatus(applied.message);
      const next = applied.value as typeof before.object;
      return dry === 'client' ? { ok: true, object: next } : cluster.validate(next);
    };
    const res = callSim(send, `${t.type.singular} ${JSON.stringify(t.name)}`);
    if ('simError' in res) {
      io.err(plainError(res.simError));
      exit = 1;
      continue;
    }
    if (!res.ok) {
      io.err(renderStatus(res.status));
      exit = 1;
      continue;
    }
    const label = `${qualifiedSingular(t.type)}/${t.name}`;
    const unchanged =
      dry === 'none'
        ? res.object.metadata.resourceVersion === before.object.metadata.resourceVersion
        : JSON.stringify(res.object) === JSON.stringify(before.object);
    const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
    if (flagString(ctx.flags, 'output') === 'name') io.out(`${label}\n`);
    else io.out(`${label} patched${unchanged ? ' (no change)' : ''}${suffix}\n`);
  }
  return exit;
}
