/**
 * `kubectl events` (pkg/cmd/events/events.go): the namespace's events sorted by time, OBJECT as
 * `Kind/name`, repeated events as `45s (x3 over 2m)`, `--for TYPE/NAME`, `--types`, `-A`, and
 * `No events found in <ns> namespace.` when there are none.
 */
import type { KubeEvent } from '../../sim/index.ts';
import { fromRfc3339 } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString, flagStrings } from '../flags.ts';
import { plainError } from '../errors.ts';
import { resolveType } from '../resources.ts';
import { humanDuration } from '../printers/human-duration.ts';
import { GET_TABWRITER, TabWriter } from '../printers/tabwriter.ts';
import type { CommandContext } from './context.ts';
import { allNamespaces, namespaceOf } from './context.ts';

/** Flags of `kubectl events`. */
export const EVENTS_FLAGS: readonly FlagSpec[] = [
  { name: 'for', type: 'string' },
  { name: 'types', type: 'strings' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
];

/** The time an event last happened, in virtual milliseconds. */
function lastSeen(e: KubeEvent): number {
  const stamp = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return stamp ? fromRfc3339(stamp) : 0;
}

/** Age of a timestamp at `now`, as HumanDuration prints it (`<unknown>` without one). */
function since(stamp: string | null | undefined, now: number): string {
  return stamp ? humanDuration(now - fromRfc3339(stamp)) : '<unknown>';
}

/** Runs `kubectl events`. */
export function runEvents(ctx: CommandContext): number {
  const { io, cluster } = ctx;
  const all = allNamespaces(ctx);
  const ns = namespaceOf(ctx);
  const types = flagStrings(ctx.flags, 'types');
  for (const t of types) {
    if (!['normal', 'warning'].includes(t.toLowerCase())) {
      io.err(plainError(`valid --types are Normal or Warning`));
      return 1;
    }
  }
  let forKind: string | undefined;
  let forName: string | undefined;
  const forFlag = flagString(ctx.flags, 'for');
  if (forFlag !== undefined) {
    const slash = forFlag.indexOf('/');
    if (slash < 0) {
      io.err(plainError('--for must be in resource/name form'));
      return 1;
    }
    if (forFlag.indexOf('/', slash + 1) >= 0) {
      io.err(plainError('arguments in resource/name form may not have more than one slash'));
      return 1;
    }
    const typeName = forFlag.slice(0, slash);
    const type = resolveType(typeName)?.[0];
    if (type === undefined) {
      io.err(plainError(`the server doesn't have a resource type ${JSON.stringify(typeName)}`));
      return 1;
    }
    forKind = type.kind;
    forName = forFlag.slice(slash + 1);
  }
  const events = cluster
    .events({
      ...(all ? {} : { namespace: ns }),
      ...(forKind !== undefined ? { kind: forKind } : {}),
      ...(forName !== undefined ? { name: forName } : {}),
    })
    .filter(
      (e) => types.length === 0 || types.some((t) => t.toLowerCase() === e.type.toLowerCase()),
    )
    .map((e, index) => ({ e, index }))
    // Stable by time: events recorded at the same instant keep their recording order.
    .sort((a, b) => lastSeen(a.e) - lastSeen(b.e) || a.index - b.index)
    .map(({ e }) => e);
  if (events.length === 0) {
    io.err(all ? 'No events found.\n' : `No events found in ${ns} namespace.\n`);
    return 0;
  }
  const now = cluster.now();
  const tw = new TabWriter(GET_TABWRITER);
  const header = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  if (!flagBool(ctx.flags, 'no-headers'))
    tw.write(`${all ? 'NAMESPACE\t' : ''}${header.join('\t')}\n`);
  for (const e of events) {
    // printOneEvent: the first-seen age (eventTime, else firstTimestamp), and for repeated
    // events `<last seen> (x<count> over <first seen>)`.
    const first = since(e.eventTime ?? e.firstTimestamp, now);
    const interval =
      e.count > 1 ? `${since(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    const object = `${e.involvedObject.kind}/${e.involvedObject.name}`;
    const cells = [interval, e.type, e.reason, object, e.message.trim()];
    tw.write(`${all ? `${e.metadata.namespace ?? ''}\t` : ''}${cells.join('\t')}\n`);
  }
  io.out(tw.flush());
  return 0;
}
