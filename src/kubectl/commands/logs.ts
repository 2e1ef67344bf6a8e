/**
 * `kubectl logs` (pkg/cmd/logs/logs.go): the simulated output of a container's main process.
 * The catalogue's images print what their real counterparts print at start-up (nginx's
 * docker-entrypoint and notice lines, the database image's readiness lines; busybox and
 * nginx-slim print nothing), stamped with the container's start time. `-f` follows until the
 * container stops (the waiter lets virtual time pass), `--tail`, `-c`, `--previous`.
 */
import type { Container } from '../../sim/index.ts';
import { EPOCH_MS, containerProgram, fromRfc3339, programLog, toRfc3339 } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagInt, flagString } from '../flags.ts';
import { usageError } from '../errors.ts';
import type { CommandContext } from './context.ts';
import { namespaceOf } from './context.ts';
import { pickContainer, podTarget } from './pod-target.ts';

/** Flags of `kubectl logs`. */
export const LOGS_FLAGS: readonly FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'follow', short: 'f', type: 'bool' },
  { name: 'previous', short: 'p', type: 'bool' },
  { name: 'tail', type: 'int' },
  { name: 'timestamps', type: 'bool' },
  { name: 'all-containers', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'since', type: 'string' },
  { name: 'prefix', type: 'bool' },
];

/** nginx's log time format, `2025/11/25 10:15:05`. */
function nginxTime(rfc3339: string): string {
  return rfc3339.replace(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2}).*$/, '$1/$2/$3 $4');
}

/**
 * The start-up output of an image, one entry per line with the offset (ms) after the container
 * started. Lines for the Docker Hub nginx image follow its entrypoint scripts (1.27 series); the
 * database image is this project's own and prints a short, believable pair of lines.
 */
function imageLog(image: string, startedAt: string): string[] {
  const repo = image.replace(/[:@].*$/, '').replace(/^docker\.io\/(library\/)?/, '');
  if (repo === 'nginx') {
    const t = nginxTime(startedAt);
    return [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
      '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      `${t} [notice] 1#1: using the "epoll" event method`,
      `${t} [notice] 1#1: nginx/1.27.5`,
      `${t} [notice] 1#1: OS: Linux 6.8.0`,
      `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
      `${t} [notice] 1#1: start worker processes`,
      `${t} [notice] 1#1: start worker process 29`,
    ];
  }
  if (repo === 'my-database-image' || repo === 'mysql') {
    const t = startedAt;
    return [
      `${t} [Note] Initializing database files in /var/lib/${repo === 'mysql' ? 'mysql' : 'database'}`,
      `${t} [Note] Server started; ready for connections. port: 3306`,
    ];
  }
  return [];
}

/**
 * What a run of the container that started at `startedAt` has written by now: the output of its
 * command when the simulator models it (container-command.ts), else the image's start-up lines.
 * `elapsedMs` bounds a running container's output; a terminated run shows all of it.
 */
function containerLog(spec: Container, startedAt: string, elapsedMs = Infinity): string[] {
  const hasCommand = (spec.command?.length ?? 0) + (spec.args?.length ?? 0) > 0;
  if (!hasCommand) return imageLog(spec.image ?? '', startedAt);
  const program = containerProgram(spec, EPOCH_MS + fromRfc3339(startedAt));
  if (program.kind === 'long-running' && program.output.length === 0)
    return imageLog(spec.image ?? '', startedAt);
  const text = programLog(program, elapsedMs);
  if (text === '') return [];
  // One entry per line; a last line without a newline (`echo -n`) is kept as it is.
  const lines = text.split('\n').map((l) => `${l}\n`);
  const last = lines.length - 1;
  lines[last] = (lines[last] ?? '').slice(0, -1);
  if (lines[last] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\n') ? l.slice(0, -1) : `${l}\u0000`));
}

/** Runs `kubectl logs`. */
export async function runLogs(ctx: CommandContext): Promise<number> {
  const { io, cluster } = ctx;
  const [target, second] = ctx.args;
  if (target === undefined) {
    io.err(
      usageError(
        'logs',
        "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command",
      ),
    );
    return 1;
  }
  const resolved = podTarget(ctx, target);
  if ('error' in resolved) {
    io.err(resolved.error);
    return 1;
  }
  const ns = namespaceOf(ctx);
  const podName = resolved.pod.metadata.name;
  const got = { object: resolved.pod };
  const pod = got.object;
  const container =
    second !== undefined && flagString(ctx.flags, 'container') === undefined
      ? second
      : pickContainer(ctx, pod);
  if (typeof container !== 'string') {
    io.err(container.error);
    return 1;
  }
  const status = pod.status?.containerStatuses?.find((s) => s.name === container);
  const spec = pod.spec.containers.find((c) => c.name === container);
  if (spec === undefined) {
    io.err(
      `Error from server (BadRequest): container ${container} is not valid for pod ${podName}\n`,
    );
    return 1;
  }
  if (flagBool(ctx.flags, 'previous')) {
    const last = status?.lastState?.terminated;
    if (last === undefined) {
      io.err(
        `Error from server (BadRequest): previous terminated container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)} not found\n`,
      );
      return 1;
    }
    print(ctx, containerLog(spec, last.startedAt ?? toRfc3339(0)));
    return 0;
  }
  // A container waiting to be restarted (CrashLoopBackOff) still has its last run's log.
  const previousRun =
    status?.state.waiting !== undefined ? status.lastState?.terminated : undefined;
  const started =
    status?.state.running?.startedAt ??
    status?.state.terminated?.startedAt ??
    previousRun?.startedAt;
  if (started === undefined) {
    const reason = status?.state.waiting?.reason ?? 'ContainerCreating';
    io.err(
      `Error from server (BadRequest): container ${JSON.stringify(container)} in pod ${JSON.stringify(podName)} is waiting to start: ${reason}\n`,
    );
    return 1;
  }
  const running = status?.state.running !== undefined;
  const elapsed = (): number => (running ? cluster.now() - fromRfc3339(started) : Infinity);
  const first = containerLog(spec, started, elapsed());
  print(ctx, first);
  if (flagBool(ctx.flags, 'follow')) {
    const uid = pod.metadata.uid;
    // What a modelled command writes later streams as virtual time passes.
    let shown = render(first);
    const stream = (upTo: number): void => {
      const text = render(containerLog(spec, started, upTo));
      if (text.length > shown.length && text.startsWith(shown)) {
        ctx.io.out(text.slice(shown.length));
        shown = text;
      }
    };
    // Follow until this container instance stops or the pod goes away.
    await ctx.waiter.until(() => {
      const now = cluster.get('Pod', ns, podName);
      if (!now.ok || now.object.metadata.uid !== uid) return true;
      const s = now.object.status?.containerStatuses?.find((c) => c.name === container);
      const still = s?.state.running?.startedAt === started;
      if (running) stream(still ? elapsed() : Infinity);
      return !still;
    }, ctx.env.maxWaitMs ?? 3_600_000);
  }
  return 0;
}

/** The text of log lines as print writes them. */
function render(lines: readonly string[]): string {
  return lines.map((l) => (l.endsWith('\u0000') ? l.slice(0, -1) : `${l}\n`)).join('');
}

function print(ctx: CommandContext, lines: readonly string[]): void {
  const tail = flagInt(ctx.flags, 'tail');
  const shown = tail === undefined || tail < 0 ? lines : tail === 0 ? [] : lines.slice(-tail);
  // A line ending in NUL is a last line the program wrote without a newline.
  for (const line of shown) ctx.io.out(line.endsWith('\u0000') ? line.slice(0, -1) : `${line}\n`);
}
