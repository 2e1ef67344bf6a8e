/**
 * `kubectl rollout status|history|undo|restart` for StatefulSets, with the messages of kubectl's
 * polymorphichelpers (rollout_status.go, history.go, rollback.go, objectrestarter.go). `status`
 * prints one line per observed change of the StatefulSet and lets virtual time pass until the
 * rollout is done.
 */
import type {
  ControllerRevision,
  PodTemplateSpec,
  StatefulSet,
  WatchEvent,
} from '../../sim/index.ts';
import { deepCloneJson } from '../json-utils.ts';
import { toRfc3339 } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagInt, flagString } from '../flags.ts';
import { plainError, renderStatus, usageError } from '../errors.ts';
import { DESCRIBE_TABWRITER, tabulate } from '../printers/tabwriter.ts';
import { describePodTemplateText } from '../printers/describe.ts';
import type { CommandContext } from './context.ts';
import { namespaceOf, resolveResourceArgs } from './context.ts';

/** Flags of the rollout subcommands. */
export const ROLLOUT_FLAGS: readonly FlagSpec[] = [
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'timeout', type: 'string' },
  { name: 'revision', type: 'int' },
  { name: 'to-revision', type: 'int' },
];

const SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];

const ROLLOUT_HELP = `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** Parses a Go duration such as `90s`, `5m`, `1h30m` into milliseconds (0 = forever). */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
    consumed += m[0].length;
  }
  return consumed === s.length && s.length > 0 ? total : undefined;
}

/** StatefulSetStatusViewer.Status: the message and whether the rollout is done. */
export function statefulSetRolloutStatus(
  sts: StatefulSet,
): { message: string; done: boolean } | { error: string } {
  if (sts.spec.updateStrategy?.type !== 'RollingUpdate') {
    return { error: 'rollout status is only available for RollingUpdate strategy type' };
  }
  const status = sts.status;
  const generation = sts.metadata.generation ?? 0;
  if (
    status === undefined ||
    (status.observedGeneration ?? 0) === 0 ||
    generation > (status.observedGeneration ?? 0)
  ) {
    return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  }
  const replicas = sts.spec.replicas ?? 1;
  const ready = status.readyReplicas ?? 0;
  if (replicas > ready) {
    return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  }
  const ru = sts.spec.updateStrategy.rollingUpdate;
  const updated = status.updatedReplicas ?? 0;
  if (ru !== undefined) {
    const partition = ru.partition ?? 0;
    if (updated < replicas - partition) {
      return {
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`,
        done: false,
      };
    }
    return {
      message: `partitioned roll out complete: ${updated} new pods have been updated...\n`,
      done: true,
    };
  }
  if (status.updateRevision !== status.currentRevision) {
    return {
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision ?? ''}...\n`,
      done: false,
    };
  }
  return {
    message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision ?? ''}...\n`,
    done: true,
  };
}

function revisionsOf(ctx: CommandContext, sts: StatefulSet): ControllerRevision[] {
  const res = ctx.cluster.list('ControllerRevision', {
    namespace: sts.metadata.namespace ?? 'default',
  });
  const all = res.ok ? res.object : [];
  return all
    .filter((r) => (r.metadata.ownerReferences ?? []).some((o) => o.uid === sts.metadata.uid))
    .sort((a, b) => a.revision - b.revision);
}

function templateOf(rev: ControllerRevision): Record<string, unknown> {
  const data = rev.data as { spec?: { template?: Record<string, unknown> } };
  const template = deepCloneJson(data.spec?.template ?? {});
  delete template['$patch'];
  const meta = { ...((template['metadata'] as Record<string, unknown> | undefined) ?? {}) };
  delete meta['creationTimestamp'];
  template['metadata'] = meta;
  return template;
}

/** Runs `kubectl rollout <subcommand>`. */
export async function runRollout(ctx: CommandContext): Promise<number> {
  const { io, cluster } = ctx;
  const [sub, ...rest] = ctx.args;
  if (sub === undefined) {
    // kubectl's group commands print their help to stderr and exit 1 without a message.
    io.err(ROLLOUT_HELP);
    return 1;
  }
  if (!SUBCOMMANDS.includes(sub)) {
    io.err(
      usageError(
        'rollout',
        `unknown command ${JSON.stringify(rest.length > 0 ? [sub, ...rest].join(' ') : sub)}`,
      ),
    );
    return 1;
  }
  const cmd = `rollout ${sub}`;
  const resolved = resolveResourceArgs(rest);
  if (!resolved.ok) {
    io.err(resolved.error);
    return 1;
  }
  const target = resolved.requests[0];
  if (target === undefined) {
    io.err(
      usageError(
        cmd,
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      ),
    );
    return 1;
  }
  if (target.names.length === 0) {
    io.err(plainError('resource(s) were provided, but no name was specified'));
    return 1;
  }
  const name = target.names[0] ?? '';
  const ns = namespaceOf(ctx);
  if (target.type.kind !== 'StatefulSet') {
    const what =
      sub === 'status'
        ? 'no status viewer has been implemented'
        : sub === 'history'
          ? 'no history viewer has been implemented'
          : sub === 'undo'
            ? 'no rollbacker has been implemented'
            : 'not supported';
    io.err(plainError(`${what} for ${target.type.kind}`));
    return 1;
  }
  const got = cluster.get('StatefulSet', ns, name);
  if (!got.ok) {
    io.err(renderStatus(got.status));
    return 1;
  }
  const sts = got.object;
  const label = `statefulset.apps/${name}`;
  switch (sub) {
    case 'status':
      return rolloutStatus(ctx, ns, name);
    case 'history': {
      // rollout_history.go Validate, then history.go printHistory; the result is the operation of
      // the name printer (`kind.group/name <op>` + newline): `with revision #N` + newline + the
      // pod template, or an empty revision part + newline + the table.
      const want = flagInt(ctx.flags, 'revision') ?? 0;
      if (want < 0) {
        io.err(plainError(`revision must be a positive integer: ${want}`));
        return 1;
      }
      const revs = revisionsOf(ctx, sts);
      const withRevision = want > 0 ? `with revision #${want}` : '';
      if (revs.length === 0) {
        io.out(`${label} ${withRevision}\nNo rollout history found.\n`);
        return 0;
      }
      if (want > 0) {
        const rev = revs.find((r) => r.revision === want);
        if (rev === undefined) {
          io.err(plainError('unable to find the specified revision'));
          return 1;
        }
        // printTemplate: DescribePodTemplate into a plain buffer (raw tabs, no tabwriter).
        const template = templateOf(rev) as unknown as PodTemplateSpec;
        io.out(`${label} ${withRevision}\n${describePodTemplateText(template)}\n`);
        return 0;
      }
      let table = 'REVISION\tCHANGE-CAUSE\n';
      for (const r of revs)
        table += `${r.revision}\t${r.metadata.annotations?.['kubernetes.io/change-cause'] || '<none>'}\n`;
      io.out(`${label} \n${tabulate(table, DESCRIBE_TABWRITER)}\n`);
      return 0;
    }
    case 'undo': {
      const revs = revisionsOf(ctx, sts);
      const to = flagInt(ctx.flags, 'to-revision') ?? 0;
      let rev: ControllerRevision | undefined;
      if (to === 0) {
        if (revs.length < 2) {
          io.err(plainError('no last revision to roll back to'));
          return 1;
        }
        rev = revs[revs.length - 2];
      } else {
        rev = revs.find((r) => r.revision === to);
        if (rev === undefined) {
          io.err(plainError(`unable to find specified revision ${to} in history`));
          return 1;
        }
      }
      if (rev === undefined) return 1;
      const template = templateOf(rev);
      const current = templateOf({ ...rev, data: { spec: { template: sts.spec.template } } });
      if (JSON.stringify(sortDeep(template)) === JSON.stringify(sortDeep(current))) {
        io.out(
          `${label} skipped rollback (current template already matches revision ${rev.revision})\n`,
        );
        return 0;
      }
      const next = deepCloneJson(sts as unknown as Record<string, unknown>);
      (next['spec'] as Record<string, unknown>)['template'] = template;
      const res = cluster.update(next);
      if (!res.ok) {
        io.err(renderStatus(res.status));
        return 1;
      }
      io.out(`${label} rolled back\n`);
      return 0;
    }
    case 'restart': {
      const res = cluster.patch('StatefulSet', ns, name, {
        spec: {
          template: {
            metadata: {
              annotations: { 'kubectl.kubernetes.io/restartedAt': toRfc3339(cluster.now()) },
            },
          },
        },
      });
      if (!res.ok) {
        io.err(renderStatus(res.status));
        return 1;
      }
      io.out(`${label} restarted\n`);
      return 0;
    }
    default:
      io.err(
        plainError(
          `statefulsets.apps ${JSON.stringify(name)} ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported`,
        ),
      );
      return 1;
  }
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

async function rolloutStatus(ctx: CommandContext, ns: string, name: string): Promise<number> {
  const { io, cluster } = ctx;
  const timeoutText = flagString(ctx.flags, 'timeout') ?? '0s';
  const timeout = parseGoDuration(timeoutText);
  if (timeout === undefined) {
    io.err(
      plainError(
        `invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`,
      ),
    );
    return 1;
  }
  let done = false;
  let failed: string | undefined;
  const evaluate = (sts: StatefulSet): void => {
    const s = statefulSetRolloutStatus(sts);
    if ('error' in s) {
      failed = s.error;
      done = true;
      return;
    }
    io.out(s.message);
    done = s.done;
  };
  const first = cluster.get('StatefulSet', ns, name);
  if (!first.ok) {
    io.err(renderStatus(first.status));
    return 1;
  }
  evaluate(first.object);
  if (failed !== undefined) {
    io.err(plainError(failed));
    return 1;
  }
  if (done || !flagBool(ctx.flags, 'watch', true)) return 0;
  let gone = false;
  const sub = cluster.watch(
    (ev: WatchEvent) => {
      if (done || ev.object.metadata.name !== name) return;
      if (ev.type === 'DELETED') {
        gone = true;
        done = true;
        return;
      }
      evaluate(ev.object as StatefulSet);
    },
    { kind: 'StatefulSet', namespace: ns },
  );
  try {
    const limit = timeout === 0 ? (ctx.env.maxWaitMs ?? 3_600_000) : timeout;
    const started = cluster.now();
    // Like `get -w`, a rollout that can no longer progress is watched 5 more virtual seconds
    // after the simulation runs out of work, and then ends as if interrupted.
    await ctx.waiter.until(() => done, limit, timeout === 0 ? 5000 : 0);
    // A stalled rollout still makes the real command sit out its --timeout.
    if (!done && timeout > 0)
      await ctx.waiter.sleep(Math.max(0, started + timeout - cluster.now()));
  } finally {
    sub.dispose();
  }
  if (failed !== undefined) {
    io.err(plainError(failed));
    return 1;
  }
  if (gone) {
    io.err(plainError(`object has been deleted`));
    return 1;
  }
  if (!done) {
    if (timeout > 0) io.err(plainError('timed out waiting for the condition'));
    return 1;
  }
  return 0;
}
