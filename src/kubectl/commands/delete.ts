/**
 * `kubectl delete` (1.34+ wording): one line per object as soon as its DELETE call returns
 * (`statefulset.apps "db-cluster" deleted from default namespace`), then, with the default
 * `--wait=true`, blocking until every deleted object is really gone, which in the simulator means
 * letting virtual time pass. Supports names, `TYPE/NAME`, `-f`, `-l`, `--all`, `--cascade`,
 * `--grace-period`, `--force` (with kubectl's warning), `--now`, `--ignore-not-found`, `-o name`.
 */
import type { DeleteOptions, Kind, KubeObject, PropagationPolicy } from '../../sim/index.ts';
import { parseGoDuration } from './rollout.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagInt, flagString, flagStrings, DRY_RUN_FLAG } from '../flags.ts';
import { plainError, renderStatus } from '../errors.ts';
import type { ResourceType } from '../resources.ts';
import { qualifiedSingular, typeOfKind } from '../resources.ts';
import type { CommandContext } from './context.ts';
import {
  allNamespaces,
  dryRunOf,
  namespaceOf,
  printErrors,
  readFilenameFlag,
  resolveResourceArgs,
  stillExists,
} from './context.ts';

/** Flags of `kubectl delete`. */
export const DELETE_FLAGS: readonly FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'cascade', type: 'string' },
  { name: 'grace-period', type: 'int' },
  { name: 'force', type: 'bool' },
  { name: 'now', type: 'bool' },
  { name: 'wait', type: 'bool' },
  { name: 'timeout', type: 'string' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  DRY_RUN_FLAG,
];

const MISSING_RESOURCES =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

function cascadeOf(ctx: CommandContext): PropagationPolicy | { error: string } {
  const v = flagString(ctx.flags, 'cascade');
  if (v === undefined || v === 'background') return 'Background';
  if (v === 'foreground') return 'Foreground';
  if (v === 'orphan') return 'Orphan';
  if (v === 'true') {
    ctx.io.err(
      'warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n',
    );
    return 'Background';
  }
  if (v === 'false') {
    ctx.io.err(
      'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n',
    );
    return 'Orphan';
  }
  return {
    error: `error: Invalid cascade value (${v}). Must be "background", "foreground", or "orphan".\n`,
  };
}

interface Target {
  readonly type: ResourceType;
  readonly namespace: string | undefined;
  readonly name: string;
}

/** Runs `kubectl delete`. */
export async function runDelete(ctx: CommandContext): Promise<number> {
  const { io, cluster } = ctx;
  const files = flagStrings(ctx.flags, 'filename');
  const selector = flagString(ctx.flags, 'selector');
  const all = flagBool(ctx.flags, 'all');
  const force = flagBool(ctx.flags, 'force');
  let grace = flagInt(ctx.flags, 'grace-period') ?? -1;
  if (flagBool(ctx.flags, 'now')) {
    if (grace !== -1) {
      io.err(plainError('--now and --grace-period cannot be specified together'));
      return 1;
    }
    grace = 1;
  }
  // kubectl turns --grace-period=0 into 1 unless --force is given, and --force alone into 0.
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace > 0) {
    io.err(plainError('--force and --grace-period greater than 0 cannot be specified together'));
    return 1;
  }
  const cascade = cascadeOf(ctx);
  if (typeof cascade === 'object') {
    io.err(cascade.error);
    return 1;
  }
  const dry = dryRunOf(ctx);
  if (typeof dry === 'object') {
    io.err(dry.error);
    return 1;
  }
  if (ctx.args.length === 0 && files.length === 0) {
    io.err(plainError(MISSING_RESOURCES));
    return 1;
  }
  if (all && selector !== undefined) {
    io.err(plainError('cannot set --all and --selector at the same time'));
    return 1;
  }
  const namespace = namespaceOf(ctx);
  const allNs = allNamespaces(ctx);
  const targets: Target[] = [];
  const errors: string[] = [];
  if (files.length > 0) {
    if (ctx.args.length > 0) {
      io.err(plainError('Unexpected args: ' + `[${ctx.args.join(' ')}]`));
      return 1;
    }
    const read = readFilenameFlag(ctx);
    for (const m of read.objects) {
      const type = typeOfKind(m.kind);
      targets.push({
        type,
        namespace: type.namespaced ? (m.namespace ?? namespace) : undefined,
        name: m.name,
      });
    }
    errors.push(...read.errors);
  } else {
    const resolved = resolveResourceArgs(ctx.args);
    if (!resolved.ok) {
      io.err(resolved.error);
      return 1;
    }
    for (const req of resolved.requests) {
      const ns = req.type.namespaced ? namespace : undefined;
      if (req.names.length > 0) {
        if (all || selector !== undefined) {
          io.err(plainError('name cannot be provided when a selector is specified'));
          return 1;
        }
        for (const name of req.names) targets.push({ type: req.type, namespace: ns, name });
        continue;
      }
      if (!all && selector === undefined) {
        io.err(plainError('resource(s) were provided, but no name was specified'));
        return 1;
      }
      const listNs = req.type.namespaced && !allNs ? namespace : undefined;
      const res = cluster.list(req.type.kind, {
        ...(listNs !== undefined ? { namespace: listNs } : {}),
        ...(selector !== undefined ? { labelSelector: selector } : {}),
      });
      if (!res.ok) {
        io.err(plainError(res.status.message));
        return 1;
      }
      for (const o of res.object as KubeObject[])
        targets.push({ type: req.type, namespace: o.metadata.namespace, name: o.metadata.name });
    }
    if (targets.length === 0 && errors.length === 0) {
      io.err('No resources found\n');
      return 0;
    }
  }
  if (force && grace === 0) {
    io.err(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  }
  const nameOnly = flagString(ctx.flags, 'output') === 'name';
  const deleted: KubeObject[] = [];
  for (const t of targets) {
    const opts: DeleteOptions = {
      propagationPolicy: cascade,
      ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
    };
    if (dry !== 'none') {
      const got = cluster.get(t.type.kind, t.namespace, t.name);
      if (!got.ok) {
        errors.push(renderStatus(got.status));
        continue;
      }
    } else {
      const res = cluster.delete(t.type.kind, t.namespace, t.name, opts);
      if (!res.ok) {
        if (!(flagBool(ctx.flags, 'ignore-not-found') && res.status.reason === 'NotFound'))
          errors.push(renderStatus(res.status));
        continue;
      }
      deleted.push(res.object);
    }
    const label = qualifiedSingular(t.type);
    if (nameOnly) {
      io.out(`${label}/${t.name}\n`);
    } else {
      const verb = force && grace === 0 ? 'force deleted' : 'deleted';
      const where = t.namespace !== undefined ? ` from ${t.namespace} namespace` : '';
      const dryTag = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
      io.out(`${label} ${JSON.stringify(t.name)} ${verb}${where}${dryTag}\n`);
    }
  }
  const wait = flagBool(ctx.flags, 'wait', true);
  if (wait && deleted.length > 0) {
    const timeoutText = flagString(ctx.flags, 'timeout') ?? '0s';
    const timeout = parseGoDuration(timeoutText) ?? 0;
    const started = cluster.now();
    const gone = await ctx.waiter.until(
      () => deleted.every((o) => !stillExists(cluster, o)),
      timeout > 0 ? timeout : (ctx.env.maxWaitMs ?? 3_600_000),
    );
    // Nothing left to happen in the simulation: the real command would still sit out its timeout.
    if (!gone && timeout > 0)
      await ctx.waiter.sleep(Math.max(0, started + timeout - cluster.now()));
    const left = deleted.find((o) => stillExists(cluster, o));
    if (!gone && timeout > 0 && left !== undefined) {
      const plural = typeOfKind(left.kind as Kind).plural;
      errors.push(
        `error: timed out waiting for the condition on ${plural}/${left.metadata.name}\n`,
      );
    }
  }
  printErrors(ctx, errors);
  return errors.length > 0 ? 1 : 0;
}
