/**
 * `kubectl cordon`, `uncordon` and `drain` (kubectl pkg/cmd/drain): cordoning sets
 * `spec.unschedulable` (`node/kind-worker cordoned`, or `already cordoned`); drain cordons, then
 * evicts the node's Pods (`evicting pod default/web-0` for each, then `pod/web-0 evicted` once
 * each is gone) and prints `node/kind-worker drained`. The pod filters follow pkg/drain: DaemonSet
 * Pods need `--ignore-daemonsets`, Pods with emptyDir need `--delete-emptydir-data`, Pods without
 * a controller need `--force`; otherwise drain stops with kubectl's error. Evictions go through
 * the simulator's Eviction API, so PodDisruptionBudgets are respected (with kubectl's 5 s retry).
 */
import type { Node, Pod } from '../../sim/index.ts';
import { matches, parseSelector } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagInt, flagString } from '../flags.ts';
import { plainError, renderStatus, usageError } from '../errors.ts';
import type { CommandContext } from './context.ts';
import { dryRunOf, stillExists } from './context.ts';
import { parseGoDuration } from './rollout.ts';

/** Flags of `kubectl cordon` and `kubectl uncordon`. */
export const CORDON_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'dry-run', type: 'string' },
];

/** Flags of `kubectl drain`. */
export const DRAIN_FLAGS: readonly FlagSpec[] = [
  ...CORDON_FLAGS,
  { name: 'ignore-daemonsets', type: 'bool' },
  { name: 'delete-emptydir-data', type: 'bool' },
  { name: 'delete-local-data', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'timeout', type: 'string' },
  { name: 'pod-selector', type: 'string' },
  { name: 'disable-eviction', type: 'bool' },
  { name: 'skip-wait-for-delete-timeout', type: 'int' },
  { name: 'chunk-size', type: 'int' },
];

/** The nodes named by the arguments or `-l`, or an error already printed (exit code). */
function targetNodes(ctx: CommandContext): Node[] | number {
  const { io, cluster } = ctx;
  const selector = flagString(ctx.flags, 'selector');
  if (ctx.args.length === 0 && selector === undefined) {
    io.err(usageError(ctx.command, 'USAGE: ' + usageOf(ctx.command)));
    return 1;
  }
  if (selector !== undefined) {
    const parsed = parseSelector(selector);
    if (!parsed.ok) {
      io.err(plainError(parsed.message));
      return 1;
    }
    const all = cluster.list('Node');
    const nodes = all.ok
      ? all.object.filter((n) => matches(parsed.selector, n.metadata.labels))
      : [];
    if (nodes.length === 0) {
      io.err('No resources found\n');
      return 0;
    }
    return nodes;
  }
  const nodes: Node[] = [];
  for (const raw of ctx.args) {
    const name = raw.replace(/^(node|nodes|no)\//, '');
    const got = cluster.get('Node', undefined, name);
    if (!got.ok) {
      io.err(renderStatus(got.status));
      return 1;
    }
    nodes.push(got.object);
  }
  return nodes;
}

/** drain.go: `USAGE: %s [flags]` with the command's Use line. */
function usageOf(command: string): string {
  return `${command} NODE [flags]`;
}

/** Sets `spec.unschedulable`; prints the node line. Returns false when the patch failed. */
function setUnschedulable(
  ctx: CommandContext,
  node: Node,
  desired: boolean,
  verb: string,
): boolean {
  const current = node.spec?.unschedulable === true;
  const suffix = dryRunSuffix(ctx);
  if (current === desired) {
    ctx.io.out(`node/${node.metadata.name} already ${verb}${suffix}\n`);
    return true;
  }
  if (suffix === '') {
    const res = ctx.cluster.patch('Node', undefined, node.metadata.name, {
      spec: { unschedulable: desired ? true : null },
    });
    if (!res.ok) {
      ctx.io.err(renderStatus(res.status));
      return false;
    }
  }
  ctx.io.out(`node/${node.metadata.name} ${verb}${suffix}\n`);
  return true;
}

function dryRunSuffix(ctx: CommandContext): string {
  const mode = dryRunOf(ctx);
  if (mode === 'client') return ' (dry run)';
  if (mode === 'server') return ' (server dry run)';
  return '';
}

/** Runs `kubectl cordon` or `kubectl uncordon`. */
export function runCordon(ctx: CommandContext, cordon: boolean): number {
  const mode = dryRunOf(ctx);
  if (typeof mode === 'object') {
    ctx.io.err(mode.error);
    return 1;
  }
  const nodes = targetNodes(ctx);
  if (typeof nodes === 'number') return nodes;
  let exit = 0;
  for (const n of nodes) {
    if (!setUnschedulable(ctx, n, cordon, cordon ? 'cordoned' : 'uncordoned')) exit = 1;
  }
  return exit;
}

/** Whether the pod belongs to a DaemonSet (pkg/drain daemonSetFilter). */
function isDaemonSetPod(p: Pod): boolean {
  return (p.metadata.ownerReferences ?? []).some(
    (r) => r.controller === true && r.kind === 'DaemonSet',
  );
}

function hasController(p: Pod): boolean {
  return (p.metadata.ownerReferences ?? []).some((r) => r.controller === true);
}

function isMirrorPod(p: Pod): boolean {
  return Object.hasOwn(p.metadata.annotations ?? {}, 'kubernetes.io/config.mirror');
}

function finished(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function hasEmptyDir(p: Pod): boolean {
  return (p.spec.volumes ?? []).some((v) => v.emptyDir !== undefined);
}

interface PodList {
  readonly evict: Pod[];
  readonly warnings: string[];
  readonly errors: string[];
}

/** pkg/drain GetPodsForDeletion: which Pods go, with the warnings and fatal errors. */
function podsForDeletion(ctx: CommandContext, node: string): PodList | string {
  const podSelector = flagString(ctx.flags, 'pod-selector');
  let sel: ReturnType<typeof parseSelector> | undefined;
  if (podSelector !== undefined) {
    sel = parseSelector(podSelector);
    if (!sel.ok) return sel.message;
  }
  const all = ctx.cluster.list('Pod');
  const pods = (all.ok ? all.object : [])
    .filter((p) => p.spec.nodeName === node)
    .filter((p) => sel === undefined || !sel.ok || matches(sel.selector, p.metadata.labels))
    .sort(
      (a, b) =>
        (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
        a.metadata.name.localeCompare(b.metadata.name),
    );
  const ignoreDs = flagBool(ctx.flags, 'ignore-daemonsets');
  const emptyDirOk =
    flagBool(ctx.flags, 'delete-emptydir-data') || flagBool(ctx.flags, 'delete-local-data');
  const force = flagBool(ctx.flags, 'force');
  const groups = new Map<string, string[]>();
  const add = (key: string, p: Pod): void => {
    const list = groups.get(key) ?? [];
    list.push(`${p.metadata.namespace ?? ''}/${p.metadata.name}`);
    groups.set(key, list);
  };
  const evict: Pod[] = [];
  // pkg/drain runs its filters in order and keeps only the last status of a pod: a filter that
  // says "do not delete" ends the chain, and a later "okay" drops an earlier warning (so a
  // controlled pod's local-storage warning is never shown, as upstream's own comment notes).
  type Status = { readonly evict: boolean; readonly note?: string };
  const filters: readonly ((p: Pod) => Status)[] = [
    (p) => {
      if (!isDaemonSetPod(p) || finished(p)) return { evict: true };
      return ignoreDs
        ? { evict: false, note: 'w:ignoring DaemonSet-managed Pods' }
        : { evict: false, note: 'e:DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    },
    (p) => (isMirrorPod(p) ? { evict: false } : { evict: true }),
    (p) => {
      if (!hasEmptyDir(p) || finished(p)) return { evict: true };
      return emptyDirOk
        ? { evict: true, note: 'w:deleting Pods with local storage' }
        : {
            evict: false,
            note: 'e:Pods with local storage (use --delete-emptydir-data to override)',
          };
    },
    (p) => {
      if (finished(p) || hasController(p)) return { evict: true };
      return force
        ? { evict: true, note: 'w:deleting Pods that declare no controller' }
        : {
            evict: false,
            note: 'e:Pods that declare no controller (use --force to override)',
          };
    },
  ];
  for (const p of pods) {
    let status: Status = { evict: true };
    for (const filter of filters) {
      status = filter(p);
      if (!status.evict) break;
    }
    if (status.note !== undefined) add(status.note, p);
    if (status.evict) evict.push(p);
  }
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const [key, names] of groups) {
    const msg = key.slice(2);
    if (key.startsWith('w:')) warnings.push(`${msg}: ${names.join(', ')}`);
    else errors.push(`cannot delete ${msg}: ${names.join(', ')}`);
  }
  return { evict, warnings, errors };
}

/** Runs `kubectl drain`. */
export async function runDrain(ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const mode = dryRunOf(ctx);
  if (typeof mode === 'object') {
    io.err(mode.error);
    return 1;
  }
  const nodes = targetNodes(ctx);
  if (typeof nodes === 'number') return nodes;
  for (const n of nodes) {
    if (!setUnschedulable(ctx, n, true, 'cordoned')) return 1;
  }
  const timeoutText = flagString(ctx.flags, 'timeout') ?? '0s';
  const timeout = parseGoDuration(timeoutText) ?? 0;
  const grace = flagInt(ctx.flags, 'grace-period') ?? -1;
  const suffix = dryRunSuffix(ctx);
  // RunDrain: every node is tried; a node that fails is reported ("continuing command...") and
  // listed as pending at the end, and the errors are returned as one aggregate.
  const pending: string[] = [];
  const fatal: string[] = [];
  for (const node of nodes) {
    const name = node.metadata.name;
    const list = podsForDeletion(ctx, name);
    let failure: string | undefined;
    if (typeof list === 'string') failure = list;
    else if (list.errors.length > 0) {
      failure = list.errors.length === 1 ? (list.errors[0] ?? '') : `[${list.errors.join(', ')}]`;
    }
    if (failure === undefined && typeof list !== 'string') {
      if (list.warnings.length > 0) io.err(`Warning: ${list.warnings.join('; ')}\n`);
      failure = await evictAll(ctx, list.evict, grace, timeout, suffix);
    }
    if (failure === INTERRUPTED) return 1;
    if (failure === undefined) {
      io.out(`node/${name} drained${suffix}\n`);
      continue;
    }
    io.err(
      `error: unable to drain node ${JSON.stringify(name)} due to error: ${failure}, continuing command...\n`,
    );
    pending.push(name);
    fatal.push(failure);
  }
  if (pending.length === 0) return 0;
  io.err(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join('')}`);
  // utilerrors.NewAggregate: one error prints as itself, several as [a, b].
  io.err(plainError(fatal.length === 1 ? (fatal[0] ?? '') : `[${fatal.join(', ')}]`));
  return 1;
}

/** What evictAll answers when the learner (or the headless runner) ends a stuck drain. */
const INTERRUPTED = '\u0000interrupted';

/**
 * Evicts the pods through the Eviction API (or deletes them with `--disable-eviction`) and waits
 * until each is gone, as pkg/drain `evictPods` does: every attempt prints `evicting pod NS/NAME`;
 * a PodDisruptionBudget refusal (429) prints `error when evicting pods/"NAME" -n "NS" (will retry
 * after 5s): ...` and the pod is tried again 5 s later; deletions are polled every second and
 * reported as `pod/NAME evicted`. A drain that can never finish waits until interrupted; the
 * headless runner interrupts it once the simulation has nothing left to do and one more retry
 * has failed (the watch rule: idle, then 5 virtual seconds).
 */
async function evictAll(
  ctx: CommandContext,
  pods: readonly Pod[],
  grace: number,
  timeoutMs: number,
  suffix: string,
): Promise<string | undefined> {
  const { io, cluster } = ctx;
  const useEviction = !flagBool(ctx.flags, 'disable-eviction');
  const label = useEviction ? 'evicting' : 'deleting';
  const done = useEviction ? 'evicted' : 'deleted';
  if (suffix !== '') {
    for (const p of pods)
      io.out(`${label} pod ${p.metadata.namespace ?? 'default'}/${p.metadata.name}${suffix}\n`);
    return undefined;
  }
  const opts = grace >= 0 ? { gracePeriodSeconds: grace } : {};
  const started: Pod[] = [];
  const retryAt = new Map<Pod, number>();
  let failure: string | undefined;
  const attempt = (p: Pod): void => {
    const ns = p.metadata.namespace ?? 'default';
    const name = p.metadata.name;
    io.out(`${label} pod ${ns}/${name}\n`);
    const res = useEviction ? cluster.evict(ns, name, opts) : cluster.delete('Pod', ns, name, opts);
    if (res.ok) {
      started.push(p);
      return;
    }
    if (res.status.reason === 'NotFound') return;
    if (useEviction && res.status.reason === 'TooManyRequests') {
      io.err(
        `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(ns)} (will retry after 5s): ${res.status.message}\n`,
      );
      retryAt.set(p, cluster.now() + 5000);
      return;
    }
    failure ??= `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(ns)}: ${res.status.message}`;
  };
  for (const p of pods) attempt(p);
  const printed = new Set<string>();
  const report = (): void => {
    for (const p of started) {
      const key = `${p.metadata.namespace ?? ''}/${p.metadata.name}`;
      if (printed.has(key) || stillExists(cluster, p)) continue;
      printed.add(key);
      io.out(`pod/${p.metadata.name} ${done}\n`);
    }
  };
  const limit = timeoutMs > 0 ? timeoutMs : (ctx.env.maxWaitMs ?? 3_600_000);
  const deadline = cluster.now() + limit;
  const waiting = (): boolean => started.some((p) => stillExists(cluster, p));
  for (;;) {
    report();
    if (failure !== undefined) return failure;
    if (retryAt.size === 0 && !waiting()) return undefined;
    if (cluster.now() >= deadline) {
      const [retrying] = retryAt.keys();
      if (retrying !== undefined)
        return `error when evicting pods/${JSON.stringify(retrying.metadata.name)} -n ${JSON.stringify(retrying.metadata.namespace ?? 'default')}: global timeout reached: ${String(timeoutMs / 1000)}s`;
      const left = started.find((p) => stillExists(cluster, p));
      return `error when waiting for pod ${JSON.stringify(left?.metadata.name ?? '')} in namespace ${JSON.stringify(left?.metadata.namespace ?? 'default')} to terminate: global timeout reached: ${String(timeoutMs / 1000)}s`;
    }
    const next = Math.min(...retryAt.values(), cluster.now() + 1000, deadline);
    const stalledBefore = retryAt.size > 0 && !waiting() && ctx.waiter.stalled?.() === true;
    // waitForDelete polls every second; the retry sleeps are exactly 5 s.
    await ctx.waiter.sleep(Math.max(0, next - cluster.now()));
    if (ctx.waiter.interrupted?.() === true) return INTERRUPTED;
    const due = [...retryAt].filter(([, at]) => at <= cluster.now()).map(([p]) => p);
    for (const p of due) {
      retryAt.delete(p);
      attempt(p);
    }
    if (due.length > 0 && stalledBefore && retryAt.size > 0 && ctx.waiter.stalled?.() === true)
      return INTERRUPTED;
  }
}
