/**
 * `kubectl wait --for=condition=Ready|delete|jsonpath='{...}'=value TYPE/NAME...`: lets virtual time
 * pass until each object meets the condition (printing `pod/db-cluster-0 condition met`), or
 * fails with `error: timed out waiting for the condition on pods/db-cluster-0` after `--timeout`
 * (default 30s). Follows kubectl's pkg/cmd/wait: objects are waited for one after another, and
 * the first failure ends the command.
 */
import type { KubeObject } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString } from '../flags.ts';
import { plainError, renderStatus } from '../errors.ts';
import { jsonPathValues } from '../printers/jsonpath.ts';
import type { ResourceType } from '../resources.ts';
import { qualifiedSingular } from '../resources.ts';
import type { CommandContext } from './context.ts';
import { allNamespaces, namespaceOf, resolveResourceArgs } from './context.ts';
import { parseGoDuration } from './rollout.ts';

/** Flags of `kubectl wait`. */
export const WAIT_FLAGS: readonly FlagSpec[] = [
  { name: 'for', type: 'string' },
  { name: 'timeout', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
];

type Condition =
  | { readonly kind: 'delete' }
  | { readonly kind: 'condition'; readonly name: string; readonly status: string }
  | { readonly kind: 'jsonpath'; readonly template: string; readonly value: string | undefined };

function parseFor(text: string): Condition | string {
  if (text.toLowerCase() === 'delete') return { kind: 'delete' };
  if (text.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return eq < 0
      ? { kind: 'condition', name: rest, status: 'true' }
      : { kind: 'condition', name: rest.slice(0, eq), status: rest.slice(eq + 1) };
  }
  if (text.startsWith('jsonpath=')) {
    const rest = text.slice('jsonpath='.length);
    const close = rest.startsWith('{') ? rest.indexOf('}') : -1;
    const expr = close >= 0 ? rest.slice(0, close + 1) : (rest.split('=')[0] ?? '');
    const tail = rest.slice(expr.length);
    const template = expr.startsWith('{') ? expr : `{${expr.startsWith('.') ? '' : '.'}${expr}}`;
    if (tail !== '' && !tail.startsWith('='))
      return `unrecognized condition: ${JSON.stringify(text)}`;
    return { kind: 'jsonpath', template, value: tail === '' ? undefined : tail.slice(1) };
  }
  return `unrecognized condition: ${JSON.stringify(text)}`;
}

function conditionMet(obj: KubeObject, c: Condition): boolean {
  if (c.kind === 'condition') {
    const status = (obj as { status?: { conditions?: unknown } }).status;
    const list = Array.isArray(status?.conditions) ? (status.conditions as unknown[]) : [];
    for (const raw of list) {
      const cond = raw as { type?: unknown; status?: unknown };
      if (typeof cond.type !== 'string' || cond.type.toLowerCase() !== c.name.toLowerCase())
        continue;
      return (
        typeof cond.status === 'string' && cond.status.toLowerCase() === c.status.toLowerCase()
      );
    }
    return false;
  }
  if (c.kind === 'jsonpath') {
    const r = jsonPathValues(c.template, JSON.parse(JSON.stringify(obj)) as unknown);
    if (!r.ok || r.values.length === 0) return false;
    return c.value === undefined || r.values.join(' ') === c.value;
  }
  return false;
}

interface Target {
  readonly type: ResourceType;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly uid: string | undefined;
}

/** Runs `kubectl wait`. */
export async function runWait(ctx: CommandContext): Promise<number> {
  const { io, cluster } = ctx;
  const cond = parseFor(flagString(ctx.flags, 'for') ?? '');
  if (typeof cond === 'string') {
    io.err(plainError(cond));
    return 1;
  }
  const timeoutText = flagString(ctx.flags, 'timeout') ?? '30s';
  const timeout = parseGoDuration(timeoutText);
  if (timeout === undefined) {
    io.err(
      plainError(
        `invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`,
      ),
    );
    return 1;
  }
  const resolved = resolveResourceArgs(ctx.args);
  if (!resolved.ok) {
    io.err(resolved.error);
    return 1;
  }
  const ns = namespaceOf(ctx);
  const selector = flagString(ctx.flags, 'selector');
  const all = flagBool(ctx.flags, 'all');
  const targets: Target[] = [];
  for (const req of resolved.requests) {
    const typeNs = req.type.namespaced ? ns : undefined;
    if (req.names.length > 0) {
      for (const name of req.names) {
        const got = cluster.get(req.type.kind, typeNs, name);
        if (!got.ok) {
          // Waiting for the deletion of something already gone succeeds at once.
          if (cond.kind === 'delete' && got.status.reason === 'NotFound') continue;
          io.err(renderStatus(got.status));
          return 1;
        }
        targets.push({ type: req.type, namespace: typeNs, name, uid: got.object.metadata.uid });
      }
      continue;
    }
    if (!all && selector === undefined) {
      io.err(plainError('resource(s) were provided, but no name was specified'));
      return 1;
    }
    const list = cluster.list(req.type.kind, {
      ...(req.type.namespaced && !allNamespaces(ctx) ? { namespace: ns } : {}),
      ...(selector !== undefined ? { labelSelector: selector } : {}),
    });
    if (!list.ok) {
      io.err(plainError(list.status.message));
      return 1;
    }
    for (const o of list.object as KubeObject[]) {
      targets.push({
        type: req.type,
        namespace: o.metadata.namespace,
        name: o.metadata.name,
        uid: o.metadata.uid,
      });
    }
  }
  if (resolved.requests.length === 0) {
    io.err(
      plainError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      ),
    );
    return 1;
  }
  if (targets.length === 0) {
    if (cond.kind === 'delete') return 0;
    io.err(plainError('no matching resources found'));
    return 1;
  }
  for (const t of targets) {
    const current = (): KubeObject | undefined => {
      const r = cluster.get(t.type.kind, t.namespace, t.name);
      return r.ok ? r.object : undefined;
    };
    const done =
      cond.kind === 'delete'
        ? (): boolean => {
            const o = current();
            return o === undefined || o.metadata.uid !== t.uid;
          }
        : (): boolean => {
            const o = current();
            return o !== undefined && conditionMet(o, cond);
          };
    const started = cluster.now();
    const limit = timeout > 0 ? timeout : (ctx.env.maxWaitMs ?? 3_600_000);
    let met = await ctx.waiter.until(done, limit);
    if (!met && timeout > 0) {
      // Nothing more happens in the simulation: the real command still sits out its timeout.
      await ctx.waiter.sleep(Math.max(0, started + timeout - cluster.now()));
      met = done();
    }
    if (!met) {
      io.err(plainError(`timed out waiting for the condition on ${t.type.plural}/${t.name}`));
      return 1;
    }
    io.out(`${qualifiedSingular(t.type)}/${t.name} condition met\n`);
  }
  return 0;
}
