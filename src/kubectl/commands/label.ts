/**
 * `kubectl label` and `kubectl annotate`: `TYPE NAME key=value key-` with `--overwrite`, `--all`,
 * `-l`, and the confirmation lines and errors of pkg/cmd/label/label.go (`labeled`, `unlabeled`,
 * `not labeled`; read in the v0.35.7 sources) and pkg/cmd/annotate/annotate.go
 * (`annotated`). Changes go through a JSON merge
 * patch of `metadata.labels` / `metadata.annotations`, as kubectl sends them.
 */
import type { KubeObject } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString, DRY_RUN_FLAG } from '../flags.ts';
import { plainError, renderStatus } from '../errors.ts';
import { qualifiedSingular } from '../resources.ts';
import type { CommandContext } from './context.ts';
import { dryRunOf, namespaceOf, resolveResourceArgs } from './context.ts';

/** Flags of `kubectl label` and `kubectl annotate`. */
export const LABEL_FLAGS: readonly FlagSpec[] = [
  { name: 'overwrite', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'list', type: 'bool' },
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', type: 'string' },
  { name: 'resource-version', type: 'string' },
];

type Which = 'label' | 'annotate';

/**
 * Splits the resource arguments from the `key=value` / `key-` pairs (cmdutil.GetResourcesAndPairs:
 * resources come first; a resource after a pair is an error).
 */
function splitUpdates(
  args: readonly string[],
  which: Which,
): { resources: string[]; set: Map<string, string>; remove: string[] } | { error: string } {
  const resources: string[] = [];
  const set = new Map<string, string>();
  const remove: string[] = [];
  let pairs = false;
  for (const a of args) {
    const eq = a.indexOf('=');
    const isPair = eq > 0 || (a.endsWith('-') && a !== '-');
    if (!isPair) {
      if (pairs) {
        const what = which === 'label' ? 'label' : 'annotation';
        return { error: `all resources must be specified before ${what} changes: ${a}` };
      }
      resources.push(a);
      continue;
    }
    pairs = true;
    if (eq > 0) {
      if (which === 'label' && a.indexOf('=', eq + 1) >= 0)
        return { error: `invalid label spec: ${a}` };
      set.set(a.slice(0, eq), a.slice(eq + 1));
    } else remove.push(a.slice(0, -1));
  }
  const both = remove.filter((k) => set.has(k));
  if (both.length > 0) {
    return {
      error:
        which === 'label'
          ? 'can not both modify and remove a label in the same command'
          : `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
    };
  }
  return { resources, set, remove };
}

/**
 * kubectl 1.35's updateDataChangeMsg: `labeled` when anything changed, `unlabeled` instead when
 * --overwrite is off and the object got shorter (a label was removed), else `not labeled`. The
 * object differs only in its labels, so comparing the labels' JSON gives the same answer.
 */
function labelChange(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
  overwrite: boolean,
): string {
  const a = JSON.stringify(before);
  const b = JSON.stringify(after);
  if (a === b) return 'not labeled';
  return !overwrite && b.length < a.length ? 'unlabeled' : 'labeled';
}

/** Runs `kubectl label` (which = 'label') or `kubectl annotate`. */
export function runLabel(ctx: CommandContext, which: Which): number {
  const { io, cluster } = ctx;
  const split = splitUpdates(ctx.args, which);
  if ('error' in split) {
    io.err(plainError(split.error));
    return 1;
  }
  const { resources, set, remove } = split;
  const noun = which === 'label' ? 'label' : 'annotation';
  if (set.size === 0 && remove.length === 0 && !flagBool(ctx.flags, 'list')) {
    io.err(plainError(`at least one ${noun} update is required`));
    return 1;
  }
  const resolved = resolveResourceArgs(resources);
  if (!resolved.ok) {
    io.err(resolved.error);
    return 1;
  }
  if (resolved.requests.length === 0) {
    io.err(
      plainError(
        'one or more resources must be specified as <resource> <name> or <resource>/<name>',
      ),
    );
    return 1;
  }
  const dryRun = dryRunOf(ctx);
  if (typeof dryRun === 'object') {
    io.err(dryRun.error);
    return 1;
  }
  const ns = namespaceOf(ctx);
  const selector = flagString(ctx.flags, 'selector');
  const all = flagBool(ctx.flags, 'all');
  const overwrite = flagBool(ctx.flags, 'overwrite');
  let exit = 0;
  for (const req of resolved.requests) {
    const kind = req.type.kind;
    let targets: KubeObject[] = [];
    if (req.names.length > 0) {
      for (const name of req.names) {
        const got = cluster.get(kind, req.type.namespaced ? ns : undefined, name);
        if (!got.ok) {
          io.err(renderStatus(got.status));
          exit = 1;
          continue;
        }
        targets.push(got.object);
      }
    } else if (all || selector !== undefined) {
      const listed = cluster.list(kind, {
        ...(req.type.namespaced ? { namespace: ns } : {}),
        ...(selector !== undefined ? { labelSelector: selector } : {}),
      });
      if (!listed.ok) {
        io.err(renderStatus(listed.status));
        return 1;
      }
      targets = listed.object;
    } else {
      io.err(plainError('resource(s) were provided, but no name was specified'));
      return 1;
    }
    for (const obj of targets) {
      const current: Readonly<Record<string, string>> =
        (which === 'label' ? obj.metadata.labels : obj.metadata.annotations) ?? {};
      if (!overwrite) {
        // Only a different value conflicts (validateNoOverwrites / validateNoAnnotationOverwrites);
        // annotate always lets kubernetes.io/change-cause be overwritten.
        const conflicts = [...set].filter(
          ([k, v]) =>
            Object.hasOwn(current, k) &&
            current[k] !== v &&
            !(which === 'annotate' && k === 'kubernetes.io/change-cause'),
        );
        if (conflicts.length > 0) {
          const each = conflicts.map(([k]) => `'${k}' already has a value (${current[k] ?? ''})`);
          let message: string;
          if (which === 'annotate')
            message = `--overwrite is false but found the following declared annotation(s): ${each.join('; ')}`;
          else {
            // utilerrors.NewAggregate: one error prints bare, several as `[a, b]`.
            const all = each.map((e) => `${e}, and --overwrite is false`);
            message = all.length === 1 ? (all[0] ?? '') : `[${all.join(', ')}]`;
          }
          io.err(plainError(message));
          exit = 1;
          continue;
        }
      }
      const patch: Record<string, string | null> = {};
      for (const [k, v] of set) patch[k] = v;
      for (const k of remove) {
        if (Object.hasOwn(current, k)) patch[k] = null;
        else if (which === 'label') io.out(`label ${JSON.stringify(k)} not found.\n`);
      }
      const next = { ...current };
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      const changed = JSON.stringify(next) !== JSON.stringify(current);
      const name = `${qualifiedSingular(req.type)}/${obj.metadata.name}`;
      if (dryRun === 'none' && changed) {
        const field = which === 'label' ? 'labels' : 'annotations';
        const res = cluster.patch(
          kind,
          obj.metadata.namespace,
          obj.metadata.name,
          { metadata: { [field]: patch } },
          'merge',
        );
        if (!res.ok) {
          io.err(renderStatus(res.status));
          exit = 1;
          continue;
        }
      }
      const verb = which === 'annotate' ? 'annotated' : labelChange(current, next, overwrite);
      const suffix =
        dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
      io.out(`${name} ${verb}${suffix}\n`);
    }
    if (targets.length === 0 && req.names.length === 0) {
      io.err(
        req.type.namespaced ? `No resources found in ${ns} namespace.\n` : 'No resources found\n',
      );
    }
  }
  return exit;
}
