/**
 * The pod behind `POD` or `TYPE/NAME` for exec and logs (kubectl's AttachablePodForObject): a
 * StatefulSet, Deployment, ReplicaSet or Service stands for one of the pods its selector
 * matches, preferring running and ready pods, then the oldest name (a simplification of
 * podutils.ByLogging).
 */
import type { KubeObject, Pod } from '../../sim/index.ts';
import { formatLabelSelector } from '../../sim/index.ts';
import { flagBool, flagString } from '../flags.ts';
import { plainError, renderStatus } from '../errors.ts';
import { resolveType } from '../resources.ts';
import type { CommandContext } from './context.ts';
import { namespaceOf } from './context.ts';

/** A pod, or the error text kubectl prints. */
export type PodTarget = { readonly pod: Pod } | { readonly error: string };

/** The label selector of a workload or Service, as a `-l` string. */
function selectorOf(obj: KubeObject): string | undefined {
  const spec = (obj as unknown as { spec?: { selector?: unknown } }).spec;
  const sel = spec?.selector;
  if (sel === undefined || sel === null) return undefined;
  if (obj.kind === 'Service') {
    const pairs = Object.entries(sel as Record<string, string>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return pairs.map(([k, v]) => `${k}=${v}`).join(',');
  }
  return formatLabelSelector(sel);
}

function readyRunning(p: Pod): boolean {
  return (
    p.status?.phase === 'Running' &&
    (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

/** Resolves the pod argument of exec/logs. */
export function podTarget(ctx: CommandContext, arg: string): PodTarget {
  const ns = namespaceOf(ctx);
  const slash = arg.indexOf('/');
  if (slash < 0) {
    const got = ctx.cluster.get('Pod', ns, arg);
    return got.ok ? { pod: got.object } : { error: renderStatus(got.status) };
  }
  const typeName = arg.slice(0, slash);
  const name = arg.slice(slash + 1);
  const type = resolveType(typeName)?.[0];
  if (type === undefined || typeName.toLowerCase() === 'all')
    return {
      error: plainError(`the server doesn't have a resource type ${JSON.stringify(typeName)}`),
    };
  const got = ctx.cluster.get(type.kind, type.namespaced ? ns : undefined, name);
  if (!got.ok) return { error: renderStatus(got.status) };
  if (got.object.kind === 'Pod') return { pod: got.object };
  const selector = ['StatefulSet', 'Deployment', 'ReplicaSet', 'Service'].includes(type.kind)
    ? selectorOf(got.object)
    : undefined;
  if (selector === undefined)
    return { error: plainError(`cannot attach to *v1.${type.kind}: unsupported kind`) };
  const pods = ctx.cluster.list('Pod', { namespace: ns, labelSelector: selector });
  const candidates = pods.ok ? [...pods.object] : [];
  candidates.sort(
    (a, b) =>
      Number(readyRunning(b)) - Number(readyRunning(a)) ||
      (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0),
  );
  const first = candidates[0];
  // kubectl waits --pod-running-timeout for a pod to appear; with none it gives up like this.
  if (first === undefined) return { error: plainError('timed out waiting for the condition') };
  return { pod: first };
}

/**
 * Picks the container: `-c NAME`, else the first one (with kubectl's "Defaulted container" notice
 * on stderr when the pod has several, unless `--quiet`). exec and logs pick alike.
 */
export function pickContainer(ctx: CommandContext, pod: Pod): string | { error: string } {
  const wanted = flagString(ctx.flags, 'container');
  const names = pod.spec.containers.map((c) => c.name);
  if (wanted !== undefined && wanted !== '') {
    // kubectl sends the name as is; the API server refuses an unknown one.
    if (!names.includes(wanted))
      return {
        error: `Error from server (BadRequest): container ${wanted} is not valid for pod ${pod.metadata.name}\n`,
      };
    return wanted;
  }
  const first = names[0] ?? '';
  if (names.length > 1 && !flagBool(ctx.flags, 'quiet'))
    ctx.io.err(`Defaulted container ${JSON.stringify(first)} out of: ${names.join(', ')}\n`);
  return first;
}
