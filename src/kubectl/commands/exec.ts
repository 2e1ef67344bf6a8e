/**
 * `kubectl exec` and `kubectl run`: both end in a command running inside a container, which the
 * shell provides through `env.exec` (kubectl must not import the shell). Texts follow
 * kubectl's pkg/cmd/exec/exec.go and pkg/cmd/run/run.go; the API server and kubelet answers for
 * pods that cannot be exec'd into are the ones real clusters print (marked where not verified).
 */
import type { Container, Pod } from '../../sim/index.ts';
import { EPOCH_MS, containerProgram, fromRfc3339 } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString, flagStrings, DRY_RUN_FLAG } from '../flags.ts';
import { plainError, renderStatus, usageError } from '../errors.ts';
import type { ExecRequest, StreamWriter } from '../io.ts';
import type { CommandContext } from './context.ts';
import { dryRunOf, namespaceOf } from './context.ts';
import { pickContainer, podTarget } from './pod-target.ts';
import { ATTACH_WARNING, reattachMessage } from './attach.ts';
import { toJson, toYaml } from '../printers/object-printers.ts';

/** Flags of `kubectl exec`. */
export const EXEC_FLAGS: readonly FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
];

/** Flags of `kubectl run`. */
export const RUN_FLAGS: readonly FlagSpec[] = [
  { name: 'image', type: 'string' },
  { name: 'restart', type: 'string' },
  { name: 'rm', type: 'bool' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'attach', type: 'bool' },
  { name: 'command', type: 'bool' },
  { name: 'env', type: 'strings' },
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'port', type: 'string' },
  { name: 'quiet', short: 'q', type: 'bool' },
  DRY_RUN_FLAG,
  { name: 'output', short: 'o', type: 'string' },
  { name: 'image-pull-policy', type: 'string' },
  { name: 'pod-running-timeout', type: 'string' },
  { name: 'leave-stdin-open', type: 'bool' },
];

/** The io of a command as a stream writer for the shell. */
function writerOf(ctx: CommandContext): StreamWriter {
  return (stream, text) => (stream === 'stdout' ? ctx.io.out(text) : ctx.io.err(text));
}

/**
 * Why a container of a pod cannot run a command now, as kubectl prints it; undefined when it can.
 * Completed pods are refused by kubectl itself; an unscheduled pod by the API server; a container
 * that is not running by the kubelet (the "unable to upgrade connection" wording is what real
 * clusters print for a ContainerCreating or crashed container; not verified for 1.35).
 */
function notRunnable(pod: Pod, container: string): string | undefined {
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Succeeded' || phase === 'Failed')
    return plainError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  if (pod.spec.nodeName === undefined || pod.spec.nodeName === '')
    return `Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned\n`;
  const state = pod.status?.containerStatuses?.find((s) => s.name === container)?.state;
  if (state?.running === undefined)
    return plainError(
      `unable to upgrade connection: container not found (${JSON.stringify(container)})`,
    );
  return undefined;
}

/** Prints kubectl's line for a non-zero exit of the remote command and returns that code. */
function finish(write: StreamWriter, code: number): number {
  if (code !== 0) write('stderr', `command terminated with exit code ${code}\n`);
  return code;
}

/** Runs `kubectl exec`. */
export async function runExec(ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const dash = ctx.dashArgs;
  // kubectl 1.35 Complete/Validate: with `--` the command is everything after it; without it,
  // a second positional argument is the removed `exec POD COMMAND` form.
  if (dash === undefined && ctx.args.length > 1) {
    io.err(
      usageError(
        'exec',
        'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
      ),
    );
    return 1;
  }
  if (ctx.args.length === 0) {
    io.err(plainError('pod, type/name or --filename must be specified'));
    return 1;
  }
  const command = dash ?? [];
  if (command.length === 0) {
    io.err(plainError('you must specify at least one command for the container'));
    return 1;
  }
  const ns = namespaceOf(ctx);
  const target = podTarget(ctx, ctx.args[0] ?? '');
  if ('error' in target) {
    io.err(target.error);
    return 1;
  }
  const podName = target.pod.metadata.name;
  const got = { object: target.pod };
  const container = pickContainer(ctx, got.object);
  if (typeof container !== 'string') {
    io.err(container.error);
    return 1;
  }
  const refusal = notRunnable(got.object, container);
  if (refusal !== undefined) {
    io.err(refusal);
    return 1;
  }
  if (ctx.env.exec === undefined) {
    io.err(plainError('this terminal cannot run commands inside containers'));
    return 1;
  }
  const write = writerOf(ctx);
  const request: ExecRequest = {
    target: { namespace: ns, pod: podName, container },
    command,
    stdin: flagBool(ctx.flags, 'stdin'),
    tty: flagBool(ctx.flags, 'tty'),
    onExit: (code, later) => Promise.resolve(finish(later, code)),
  };
  const outcome = await ctx.env.exec(request, write);
  if ('attached' in outcome) return 0;
  return finish(write, outcome.exitCode);
}

/** Parses `--pod-running-timeout` (Go durations like `1m0s`, `30s`); default one minute. */
function runningTimeoutMs(ctx: CommandContext): number {
  const v = flagString(ctx.flags, 'pod-running-timeout');
  const m = v === undefined ? null : /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(v);
  if (m === null) return 60_000;
  return (Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 1000;
}

/** `pod NAME deleted` after `--rm` (the deferred removeCreatedObjects), waiting until it is gone. */
async function removePod(ctx: CommandContext, ns: string, name: string): Promise<void> {
  const { cluster } = ctx;
  const res = cluster.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
  if (!res.ok) {
    ctx.io.err(renderStatus(res.status));
    return;
  }
  if (!flagBool(ctx.flags, 'quiet'))
    ctx.io.out(`pod ${JSON.stringify(name)} deleted from ${ns} namespace\n`);
  await ctx.waiter.until(() => !cluster.get('Pod', ns, name).ok, 60_000);
}

/**
 * `kubectl run -i` (or `--attach`) of a container whose command the kubelet runs itself
 * (container-command.ts): run.go handleAttachPod waits for the pod to be running and ready
 * (podRunningAndReady), or completed. A completed pod's log is printed (logOpts), with no attach
 * lines: `echo hi` under restartPolicy Never ends before kubectl could attach. A running one is
 * attached to (attach.go Run prints its two lines unless --quiet) and what the command writes from
 * then on is streamed until the container stops. Then, as for a session (see runRun), run.go waits
 * for the exit code under Never/OnFailure, `--rm` deletes the pod, and a Failed pod becomes
 * `pod NS/NAME terminated (REASON)` with the container's exit code.
 * GUESS: a restartPolicy Always pod whose command ends at once is never reported ready, so kubectl
 * waits out --pod-running-timeout; a real kubelet may report the short run as ready first.
 */
async function runModelled(ctx: CommandContext, spec: Container, restart: string): Promise<number> {
  const { io, cluster } = ctx;
  const ns = namespaceOf(ctx);
  const name = ctx.args[0] ?? '';
  const remove = flagBool(ctx.flags, 'rm');
  const quiet = flagBool(ctx.flags, 'quiet');
  const timeout = runningTimeoutMs(ctx);
  const ready = await ctx.waiter.until(() => {
    const p = cluster.get('Pod', ns, name);
    if (!p.ok) return true;
    const phase = p.object.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return true;
    return (
      phase === 'Running' &&
      (p.object.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
    );
  }, timeout);
  if (!ready) {
    if (remove) await removePod(ctx, ns, name);
    io.err(plainError('timed out waiting for the condition'));
    return 1;
  }
  const got = cluster.get('Pod', ns, name);
  if (!got.ok) {
    io.err(renderStatus(got.status));
    return 1;
  }
  const status = got.object.status?.containerStatuses?.[0];
  const phase = got.object.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    const run = status?.state.terminated;
    const start = run === undefined ? 0 : fromRfc3339(run.startedAt ?? '');
    const program = containerProgram(spec, EPOCH_MS + start);
    if (program.kind !== 'start-error') for (const o of program.output) io.out(o.text);
  } else {
    if (!quiet) io.err(ATTACH_WARNING);
    const startedAt = status?.state.running?.startedAt ?? '';
    const start = fromRfc3339(startedAt);
    const program = containerProgram(spec, EPOCH_MS + start);
    const output = program.kind === 'start-error' ? [] : [...program.output];
    // Output written before the attach is not replayed; the rest streams as virtual time passes.
    let next = output.findIndex((o) => o.atMs >= cluster.now() - start);
    if (next < 0) next = output.length;
    const flush = (upTo: number): void => {
      while (next < output.length && (output[next]?.atMs ?? 0) <= upTo) {
        io.out(output[next]?.text ?? '');
        next++;
      }
    };
    const uid = got.object.metadata.uid;
    await ctx.waiter.until(() => {
      const p = cluster.get('Pod', ns, name);
      if (!p.ok || p.object.metadata.uid !== uid) return true;
      const s = p.object.status?.containerStatuses?.[0];
      const still = s?.state.running?.startedAt === startedAt;
      flush(still ? cluster.now() - start : Infinity);
      return !still;
    }, ctx.env.maxWaitMs ?? 3_600_000);
    const tty = flagBool(ctx.flags, 'tty');
    if (flagBool(ctx.flags, 'stdin') && tty && restart === 'Always' && !quiet)
      io.out(reattachMessage(name, name));
  }
  let failure: RunFailure | undefined;
  if (
    !flagBool(ctx.flags, 'leave-stdin-open') &&
    (restart === 'Never' || restart === 'OnFailure')
  ) {
    failure = await waitForPodExit(ctx, ns, name, restart, timeout);
  }
  if (remove) await removePod(ctx, ns, name);
  if (failure === undefined) return 0;
  io.err(failure.text.endsWith('\n') ? failure.text : `${failure.text}\n`);
  return failure.code;
}

/** Runs `kubectl run`. */
export async function runRun(ctx: CommandContext): Promise<number> {
  const { io, cluster } = ctx;
  // Complete reads the dry-run strategy before Run validates anything.
  const dry = dryRunOf(ctx);
  if (typeof dry === 'object') {
    io.err(dry.error);
    return 1;
  }
  const name = ctx.args[0];
  if (name === undefined) {
    io.err(usageError('run', 'NAME is required for run'));
    return 1;
  }
  const image = flagString(ctx.flags, 'image');
  if (image === undefined) {
    // run.go marks --image required, so cobra refuses before the command runs.
    io.err(plainError('required flag(s) "image" not set'));
    return 1;
  }
  if (image === '') {
    io.err(usageError('run', '--image is required'));
    return 1;
  }
  const restart = flagString(ctx.flags, 'restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    io.err(usageError('run', `invalid restart policy: ${restart}`));
    return 1;
  }
  const stdin = flagBool(ctx.flags, 'stdin');
  const tty = flagBool(ctx.flags, 'tty');
  const attach = flagBool(ctx.flags, 'attach', stdin);
  const remove = flagBool(ctx.flags, 'rm');
  if (tty && !stdin) {
    io.err(usageError('run', '-i/--stdin is required for containers with -t/--tty=true'));
    return 1;
  }
  if (remove && !attach) {
    io.err(usageError('run', '--rm should only be used for attached containers'));
    return 1;
  }
  if (attach && dry !== 'none') {
    io.err(
      usageError(
        'run',
        "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
      ),
    );
    return 1;
  }
  const ns = namespaceOf(ctx);
  const extra = [...ctx.args.slice(1), ...(ctx.dashArgs ?? [])];
  const container: Record<string, unknown> = { name, image };
  if (extra.length > 0) container[flagBool(ctx.flags, 'command') ? 'command' : 'args'] = extra;
  const env = flagStrings(ctx.flags, 'env');
  if (env.length > 0)
    container['env'] = env.map((e) => {
      const eq = e.indexOf('=');
      return eq < 0 ? { name: e } : { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  const port = flagString(ctx.flags, 'port');
  if (port !== undefined) container['ports'] = [{ containerPort: Number(port) }];
  // generate/versioned/run.go BasicPod: Stdin, StdinOnce (unless --leave-stdin-open) and TTY.
  if (stdin) {
    container['stdin'] = true;
    if (!flagBool(ctx.flags, 'leave-stdin-open')) container['stdinOnce'] = true;
  }
  if (tty) container['tty'] = true;
  const labels: Record<string, string> = { run: name };
  const labelFlag = flagString(ctx.flags, 'labels');
  if (labelFlag !== undefined) {
    for (const pair of labelFlag.split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) labels[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
  };
  // A client dry run sends nothing; a server one is validated and defaulted but not stored.
  // run.go PrintObj: `-o yaml|json|name`, else the operation with the dry-run suffix.
  const printRun = (obj: unknown, suffix: string): void => {
    const output = flagString(ctx.flags, 'output');
    if (output === 'yaml') io.out(toYaml(obj));
    else if (output === 'json') io.out(toJson(obj));
    else if (output === 'name') io.out(`pod/${name}\n`);
    else io.out(`pod/${name} created${suffix}\n`);
  };
  if (dry === 'client') {
    // The generated object as it would be sent: BasicPod's empty resources and status, and a
    // namespace only when -n was given (EnforceNamespace).
    const sent = {
      ...pod,
      metadata: {
        name,
        ...(flagString(ctx.flags, 'namespace') !== undefined ? { namespace: ns } : {}),
        labels,
      },
      spec: { ...pod.spec, containers: [{ ...container, resources: {} }] },
      status: {},
    };
    printRun(sent, ' (dry run)');
    return 0;
  }
  const created = dry === 'server' ? cluster.validate(pod) : cluster.create(pod);
  if (created.ok && dry === 'server') {
    printRun(created.object, ' (server dry run)');
    return 0;
  }
  if (!created.ok) {
    io.err(renderStatus(created.status));
    return 1;
  }
  if (!attach) {
    printRun(created.object, '');
    return 0;
  }
  const made = cluster.get('Pod', ns, name);
  const main = made.ok ? made.object.spec.containers[0] : undefined;
  const program = main === undefined ? undefined : containerProgram(main);
  if (main !== undefined && program !== undefined) {
    if (program.kind !== 'long-running' || program.output.length > 0)
      return runModelled(ctx, main, restart);
  }
  const running = (): boolean => {
    const p = cluster.get('Pod', ns, name);
    return p.ok && p.object.status?.phase === 'Running';
  };
  if (!(await ctx.waiter.until(running, runningTimeoutMs(ctx)))) {
    io.err(plainError('timed out waiting for the condition'));
    return 1;
  }
  const write = writerOf(ctx);
  const cleanup = async (later: StreamWriter): Promise<void> => {
    if (!remove) return;
    // The container has exited by now, so the pod goes away without a grace period.
    const res = cluster.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
    if (!res.ok) {
      later('stderr', renderStatus(res.status));
      return;
    }
    // run.go passes --quiet on to the delete (deleteOpts.Quiet), which then prints nothing.
    if (!flagBool(ctx.flags, 'quiet'))
      later('stdout', `pod ${JSON.stringify(name)} deleted from ${ns} namespace\n`);
    await ctx.waiter.until(() => !cluster.get('Pod', ns, name).ok, 60_000);
  };
  // kubectl 1.35 attach.go Run prints both lines to stderr whenever it attaches and --quiet is
  // off, with or without a TTY; `kubectl exec` never prints them. (A real
  // command that ends at once often finishes before the attach; kubectl then prints its logs
  // without these lines. The simulated container keeps running, so the attach always happens.)
  if (!flagBool(ctx.flags, 'quiet')) io.err(ATTACH_WARNING);
  if (ctx.env.exec === undefined) {
    await cleanup(write);
    return 0;
  }
  /**
   * The attached main process ended with `code`, so the container exits: the kubelet completes a
   * pod that does not restart it and restarts it otherwise. run.go then waits only when the
   * restart policy is Never (until the pod completes) or OnFailure (until it succeeds; a failed
   * container restarts, so that wait ends with the pod-running timeout); the deferred `--rm`
   * delete runs; a Failed pod becomes the error `pod NS/NAME terminated (REASON)` plus the
   * termination message, exiting with the container's code.
   */
  const sessionEnded = async (code: number, later: StreamWriter): Promise<number> => {
    cluster.containerExited(ns, name, code);
    let failure: RunFailure | undefined;
    if (restart === 'Never' || restart === 'OnFailure') {
      failure = await waitForPodExit(ctx, ns, name, restart, runningTimeoutMs(ctx));
    }
    await cleanup(later);
    if (failure === undefined) return 0;
    later('stderr', failure.text.endsWith('\n') ? failure.text : failure.text + '\n');
    return failure.code;
  };
  // attach.go's reattachMessage (kubectl 1.35): printed after a session with stdin on a raw
  // terminal, unless --quiet, and only when the pod's restartPolicy is Always (the container is
  // restarted and can be attached to again). kubectl 1.36 drops that condition and adds `-n`.
  const reattach = (later: StreamWriter): void => {
    if (stdin && tty && restart === 'Always' && !flagBool(ctx.flags, 'quiet'))
      later('stdout', reattachMessage(name, name));
  };
  const busybox = /(^|\/)busybox(:|@|$)/.test(image);
  const command = extra.length > 0 ? extra : busybox ? ['sh'] : [];
  if (command.length === 0) {
    await cleanup(write);
    return 0;
  }
  const outcome = await ctx.env.exec(
    {
      target: { namespace: ns, pod: name, container: name },
      command,
      stdin,
      tty,
      onExit: async (code, later) => {
        reattach(later);
        return sessionEnded(code, later);
      },
    },
    write,
  );
  if ('attached' in outcome) return 0;
  reattach(write);
  return sessionEnded(outcome.exitCode, write);
}

/** What run.go reports when a pod it waited for did not end well. */
interface RunFailure {
  readonly code: number;
  readonly text: string;
}

/**
 * run.go's wait for a pod that will not restart its container: until it completes (Never) or
 * succeeds (OnFailure), at most `timeoutMs`. A Failed pod becomes `pod NS/NAME terminated
 * (REASON)` plus the termination message, exiting with the container's code; a pod gone counts
 * as done; a timeout is `timed out waiting for the condition`.
 */
async function waitForPodExit(
  ctx: CommandContext,
  ns: string,
  name: string,
  restart: string,
  timeoutMs: number,
): Promise<RunFailure | undefined> {
  const pod = () => ctx.cluster.get('Pod', ns, name);
  const done = await ctx.waiter.until(() => {
    const p = pod();
    const phase = p.ok ? (p.object.status?.phase ?? 'Pending') : undefined;
    return (
      phase === undefined || phase === 'Succeeded' || (restart === 'Never' && phase === 'Failed')
    );
  }, timeoutMs);
  if (!done) return { code: 1, text: 'error: timed out waiting for the condition\n' };
  const p = pod();
  if (!p.ok || p.object.status?.phase !== 'Failed') return undefined;
  const term = p.object.status.containerStatuses?.[0]?.state.terminated;
  return term === undefined || term.exitCode === 0
    ? { code: 1, text: `error: pod ${ns}/${name} failed with unknown exit code\n` }
    : {
        code: term.exitCode,
        text: `pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`,
      };
}
