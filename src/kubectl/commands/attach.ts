/**
 * `kubectl attach` (kubectl release-1.35 pkg/cmd/attach/attach.go): connects to the main process
 * of a running container. In the simulator that process is either the shell of an interactive
 * pod (`kubectl run -it … -- sh`: a container with `stdin` whose command is a shell), which the
 * shell runs through `env.exec` as it does for `kubectl exec -it`, or a process whose output is
 * streamed: the images print nothing after start-up, so kubectl just stays attached until the
 * container stops, the pod goes away or the learner presses Ctrl-C.
 */
import type { Container, Pod } from '../../sim/index.ts';
import { EPOCH_MS, containerProgram, fromRfc3339 } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString } from '../flags.ts';
import { plainError } from '../errors.ts';
import type { StreamWriter } from '../io.ts';
import type { CommandContext } from './context.ts';
import { namespaceOf } from './context.ts';
import { podTarget } from './pod-target.ts';

/** Flags of `kubectl attach` (attach.go NewCmdAttach). */
export const ATTACH_FLAGS: readonly FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
];

const EXAMPLES = [
  "# Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation",
  '# for selecting the container to be attached or the first container in the pod will be chosen',
  'kubectl attach mypod',
  '',
  '# Get output from ruby-container from pod mypod',
  'kubectl attach mypod -c ruby-container',
  '',
  "# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod",
  "# and sends stdout/stderr from 'bash' back to the client",
  'kubectl attach mypod -c ruby-container -i -t',
  '',
  '# Get output from the first pod of a replica set named nginx',
  'kubectl attach rs/nginx',
];

/** One option as kubectl's help flag printer writes it (no wrapping: output is not a terminal). */
function option(short: string, name: string, value: string, usage: string): string {
  return `    ${short ? `-${short}, ` : ''}--${name}=${value}:\n\t${usage}\n`;
}

/**
 * `kubectl attach --help`: Long, then the usage template's Examples (templates.Examples indents
 * every line by two spaces, blank ones too), Options in flag-name order, Usage and the global
 * options hint.
 */
export const ATTACH_HELP =
  'Attach to a process that is already running inside an existing container.\n\n' +
  'Examples:\n' +
  EXAMPLES.map((l) => `  ${l}`).join('\n') +
  '\n\nOptions:\n' +
  [
    option(
      'c',
      'container',
      "''",
      'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
    ),
    option(
      '',
      'pod-running-timeout',
      '1m0s',
      'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    ),
    option('q', 'quiet', 'false', 'Only print output from the remote session'),
    option('i', 'stdin', 'false', 'Pass stdin to the container'),
    option('t', 'tty', 'false', 'Stdin is a TTY'),
  ].join('\n') +
  '\nUsage:\n  kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]\n\n' +
  'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

/** attach.go Run: the lines printed before attaching unless --quiet (stderr). */
export const ATTACH_WARNING =
  'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
  "If you don't see a command prompt, try pressing enter.\n";

/**
 * attach.go reattachMessage (release-1.35): after a session with stdin on a raw terminal, unless
 * --quiet, and only for a restartPolicy Always pod (its container is restarted and can be attached
 * to again). kubectl 1.36 drops the restart-policy condition, adds `-n NS` and ends at `command`.
 */
export function reattachMessage(pod: string, container: string): string {
  return `Session ended, resume using 'kubectl attach ${pod} -c ${container} -i -t' command when the pod is running\n`;
}

const SHELLS = new Set(['sh', 'ash', 'bash']);

/** The main process of a container is an interactive shell (busybox runs `sh` by default). */
function runsShell(c: Container): boolean {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const first = argv[0];
  if (first === undefined) return /(^|\/)busybox(:|@|$)/.test(c.image ?? '');
  return SHELLS.has(first.replace(/^.*\//, '')) && argv.length === 1;
}

/**
 * podcmd.FindOrDefaultContainerByName: `-c NAME`, else the default-container annotation, else the
 * first container (with the "Defaulted container" notice when the pod has several).
 */
function containerToAttach(ctx: CommandContext, pod: Pod): Container | { error: string } {
  const wanted = flagString(ctx.flags, 'container') ?? '';
  const quiet = flagBool(ctx.flags, 'quiet');
  if (wanted !== '') {
    const found = pod.spec.containers.find((c) => c.name === wanted);
    if (found === undefined)
      return {
        error: plainError(
          `cannot attach to the container: container ${wanted} not found in pod ${pod.metadata.name}`,
        ),
      };
    return found;
  }
  const first = pod.spec.containers[0];
  if (first === undefined)
    return {
      error: plainError(
        `cannot attach to the container: pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} does not have any containers`,
      ),
    };
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const byAnnotation = pod.spec.containers.find((c) => c.name === annotated);
  if (byAnnotation !== undefined) return byAnnotation;
  if (!quiet && pod.spec.containers.length > 1)
    ctx.io.err(
      `Defaulted container ${JSON.stringify(first.name)} out of: ${pod.spec.containers.map((c) => c.name).join(', ')}\n`,
    );
  return first;
}

/** Runs `kubectl attach`. */
export async function runAttach(ctx: CommandContext): Promise<number> {
  const { io, cluster } = ctx;
  const args = ctx.args;
  if (args.length === 0) {
    io.err(plainError('at least 1 argument is required for attach'));
    return 1;
  }
  if (args.length > 2) {
    io.err(
      plainError(
        `expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`,
      ),
    );
    return 1;
  }
  const target = podTarget(
    ctx,
    args.length === 2 ? `${args[0] ?? ''}/${args[1] ?? ''}` : (args[0] ?? ''),
  );
  if ('error' in target) {
    io.err(target.error);
    return 1;
  }
  const pod = target.pod;
  const ns = pod.metadata.namespace ?? namespaceOf(ctx);
  const name = pod.metadata.name;
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Succeeded' || phase === 'Failed') {
    io.err(plainError(`cannot attach a container in a completed pod; current phase is ${phase}`));
    return 1;
  }
  const container = containerToAttach(ctx, pod);
  if ('error' in container) {
    io.err(container.error);
    return 1;
  }
  const quiet = flagBool(ctx.flags, 'quiet');
  const stdin = flagBool(ctx.flags, 'stdin');
  let tty = flagBool(ctx.flags, 'tty');
  if (tty && container.tty !== true) {
    tty = false;
    if (!quiet)
      io.err(`error: Unable to use a TTY - container ${container.name} did not allocate one\n`);
  } else if (!tty && container.tty === true) {
    // The container was started with a TTY, so the stream has to be one too.
    tty = true;
  }
  // exec.StreamOptions.SetupTTY: without stdin there is no terminal to put in raw mode.
  const raw = tty && stdin;
  if (!quiet) io.err(ATTACH_WARNING);
  // GUESS: the kubelet's answer when there is no running container to attach to is worded as
  // for exec (not verified for attach on 1.35).
  if (!pod.spec.nodeName) {
    io.err(`Error from server (BadRequest): pod ${name} does not have a host assigned\n`);
    return 1;
  }
  const status = pod.status?.containerStatuses?.find((s) => s.name === container.name);
  const startedAt = status?.state.running?.startedAt;
  if (startedAt === undefined) {
    io.err(
      plainError(
        `unable to upgrade connection: container not found (${JSON.stringify(container.name)})`,
      ),
    );
    return 1;
  }
  const write: StreamWriter = (stream, text) => (stream === 'stdout' ? io.out(text) : io.err(text));
  const reattach = (later: StreamWriter): void => {
    if (stdin && raw && !quiet && (pod.spec.restartPolicy ?? 'Always') === 'Always')
      later('stdout', reattachMessage(name, container.name));
  };
  if (stdin && container.stdin === true && runsShell(container) && ctx.env.exec !== undefined) {
    const outcome = await ctx.env.exec(
      {
        target: { namespace: ns, pod: name, container: container.name },
        command: ['sh'],
        stdin: true,
        tty,
        onExit: (code, later) => {
          // The attached process is the container's main process: its exit ends the container.
          cluster.containerExited(ns, name, code);
          reattach(later);
          return Promise.resolve(0);
        },
      },
      write,
    );
    if ('attached' in outcome) return 0;
    cluster.containerExited(ns, name, outcome.exitCode);
    reattach(write);
    return 0;
  }
  // Output only: stay attached while this container instance runs, streaming what a modelled
  // command writes from now on (earlier output is not replayed). GUESS: `-i` to a container
  // created without stdin streams its output the same way (the runtime has no stdin to connect);
  // not verified against containerd.
  const uid = pod.metadata.uid;
  const start = fromRfc3339(startedAt);
  const program = containerProgram(container, EPOCH_MS + start);
  const output = program.kind === 'start-error' ? [] : program.output;
  let next = output.findIndex((o) => o.atMs >= cluster.now() - start);
  if (next < 0) next = output.length;
  await ctx.waiter.until(() => {
    const now = cluster.get('Pod', ns, name);
    if (!now.ok || now.object.metadata.uid !== uid) return true;
    const s = now.object.status?.containerStatuses?.find((c) => c.name === container.name);
    const still = s?.state.running?.startedAt === startedAt;
    const upTo = still ? cluster.now() - start : Infinity;
    while (next < output.length && (output[next]?.atMs ?? 0) <= upTo) {
      io.out(output[next]?.text ?? '');
      next++;
    }
    return !still;
  }, ctx.env.maxWaitMs ?? 3_600_000);
  reattach(write);
  return 0;
}
