/**
 * The shell in front of kubectl: enough POSIX sh for commands copied from the Kubernetes docs
 * (quoting, variables, `$(…)`, `;` `&&` `||`, pipes into grep/head/tail/wc/sort, redirections,
 * here-documents, `for` loops), the host commands (`kubectl`/`k`, `echo`, `cat`, `ls`, `sleep`,
 * `clear`), and the commands that run inside a container for `kubectl exec` and `kubectl run`
 * (`hostname`, `cat`, `ls`, `echo > file`, `env`, `nslookup`, `curl localhost`, `exit`), and
 * background jobs (`kubectl get pods -w &`, `jobs`, `kill %1`).
 *
 * Lines arrive one at a time (from the terminal or a script). A line that leaves a command
 * unfinished (here-document body, open quote, `for` without `done`) is kept and the shell asks
 * for more with the `> ` prompt; the command runs once the input is complete. Output goes to the
 * sink as it is produced, so a transcript keeps stdout and stderr in order.
 */
import type { Cluster } from '../sim/index.ts';
import { runKubectl, steppingWaiter } from '../kubectl/index.ts';
import type {
  EditHook,
  ContainerExec,
  ExecRequest,
  KubectlResult,
  OutputSink,
  StreamWriter,
  Waiter,
} from '../kubectl/index.ts';
import type { Command, ListItem, Redirect, SimpleCommand } from './parse.ts';
import { parseShell } from './parse.ts';
import type { ExpandContext } from './expand.ts';
import { expandHereDoc, expandString, expandWord } from './expand.ts';
import { FILTERS } from './text-tools.ts';
import type { Job } from './jobs.ts';
import { BackgroundWaiter, jobLine } from './jobs.ts';
import type { ContainerWorld } from './container.ts';
import {
  containerNotFound,
  containerPrompt,
  containerWorld,
  curl,
  dig,
  environment,
  listContainer,
  nslookup,
  podHostname,
  readContainerFile,
  writeContainerFile,
} from './container.ts';
import { hostnameCommand } from './etc-files.ts';
import { docker } from './docker.ts';

/** What a shell is bound to. */
export interface ShellOptions {
  readonly cluster: Cluster;
  /** The shell's files by name (the editor's files; in sts-lab also the built-in examples). */
  readonly readFile?: (path: string) => string | undefined;
  /** The names of the shell's files, for `ls` (default: none besides files the shell wrote). */
  readonly listFiles?: () => readonly string[];
  /** How blocking commands let virtual time pass (default: step the simulation). */
  readonly waiter?: Waiter;
  /** The files in a directory (`kubectl apply -f manifests/`), or undefined when it is none. */
  readonly listDirectory?: (path: string) => readonly string[] | undefined;
  /** The editor `kubectl edit` opens (the browser's); absent, edit fails as without `vi`. */
  readonly edit?: EditHook;
}

/** A shell bound to a cluster. */
export interface Shell {
  /**
   * Runs one line; output also goes to `sink` as it is produced. A line that leaves a command
   * unfinished returns at once with exit code 0 and nothing printed; see `continuing`. Never rejects.
   */
  run(line: string, sink?: OutputSink): Promise<KubectlResult>;
  /** The prompt for the next line: `$ `, `> ` while a command needs more lines, or a container's. */
  prompt(): string;
  /** True while the shell collects more lines of an unfinished command (here-document, loop). */
  readonly continuing: boolean;
  /** Drops a half-typed multi-line command (Ctrl-C at the `> ` prompt), as bash does. */
  cancelInput(): void;
}

/** The input and outputs of one command. */
interface Io {
  readonly stdin: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Where commands run: the learner's machine, or a container (interactive or one `exec`). */
interface Frame {
  readonly world: ContainerWorld | undefined;
  readonly vars: Map<string, string>;
  /** A terminal is attached (`-t`): `ls` prints a row. */
  readonly tty: boolean;
  /** How commands of this frame let time pass (background jobs wait passively). */
  readonly waiter: Waiter;
}

/** Thrown by `exit` to unwind the running list. */
class ExitSignal extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`exit ${code}`);
    this.code = code;
  }
}

/** An interactive shell inside a container (`kubectl exec -it … -- sh`, `kubectl run -it`). */
interface Session {
  readonly frame: Frame;
  readonly prompt: string;
  readonly onExit: ExecRequest['onExit'];
}

const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';
const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash', 'ash', '/bin/ash']);

/**
 * Programs each kind of image has: busybox has no curl, dig or bash (but wget); the Debian-based
 * images are assumed to carry curl and dig so the lessons can use them (the stock nginx image has
 * curl but no DNS tools: a simplification).
 */
function available(world: ContainerWorld, cmd: string): boolean {
  const common = [
    'cat',
    'echo',
    'env',
    'exit',
    'false',
    'grep',
    'head',
    'hostname',
    'ls',
    'nslookup',
    'pwd',
    'sh',
    'sleep',
    'sort',
    'tail',
    'true',
    'uniq',
    'wc',
    'mkdir',
    'touch',
    'printenv',
  ];
  if (common.includes(cmd)) return true;
  if (world.busybox) return cmd === 'ash' || cmd === 'wget';
  return cmd === 'bash' || cmd === 'curl' || cmd === 'dig';
}

/** Creates a shell bound to `opts.cluster`. */
export function createShell(opts: ShellOptions): Shell {
  const cluster = opts.cluster;
  const waiter = opts.waiter ?? steppingWaiter(cluster);
  /** Files the learner wrote on the host with `>` (the editor's files stay read-only). */
  const hostFiles = new Map<string, string>();
  const host: Frame = { world: undefined, vars: new Map(), tty: true, waiter };
  const jobs: Job[] = [];
  let nextPid = 4242;
  /** Where background jobs write: the sink of the latest `run` (the terminal, in practice). */
  let liveWrite: StreamWriter | undefined;
  let status = 0;
  let pending: string[] = [];
  let session: Session | undefined;

  const readHostFile = (path: string): string | undefined =>
    hostFiles.get(path) ?? opts.readFile?.(path);

  /**
   * A directory's files for `-f DIR`: the given lister's answer, else the shell's own file names
   * (the editor's and those written with `>`) directly under `DIR/`.
   */
  const listDirectory = (path: string): readonly string[] | undefined => {
    const own = opts.listDirectory?.(path);
    if (own !== undefined) return own;
    const dir = path.replace(/\/+$/, '');
    const prefix = dir === '.' ? '' : `${dir}/`;
    const names = [...(opts.listFiles?.() ?? []), ...hostFiles.keys()]
      .filter((n) => n.startsWith(prefix) && !n.slice(prefix.length).includes('/'))
      .map((n) => n.slice(prefix.length));
    return names.length > 0 ? [...new Set(names)].sort() : undefined;
  };

  const expandContext = (frame: Frame, io: Io): ExpandContext => ({
    lookup(name) {
      if (name === '?') return String(status);
      if (name === '$') return '1';
      if (name === '#') return '0';
      if (name === '0') return frame.world ? frame.world.shell : 'sh';
      return frame.vars.get(name);
    },
    async substitute(command) {
      let captured = '';
      const parsed = parseShell(command);
      if (parsed.kind !== 'ok') return '';
      await runList(parsed.list, frame, {
        stdin: '',
        out: (t) => (captured += t),
        err: io.err,
      });
      return captured;
    },
  });

  const containerExec: ContainerExec = async (request, write) => {
    const got = cluster.get('Pod', request.target.namespace, request.target.pod);
    if (!got.ok) {
      write('stderr', `error: pod ${request.target.pod} disappeared\n`);
      return { exitCode: 1 };
    }
    const [program = '', ...args] = request.command;
    const world = containerWorld(got.object, request.target.container, program);
    const vars = new Map<string, string>();
    for (const line of environment(cluster, world, podHostname(got.object))) {
      const eq = line.indexOf('=');
      vars.set(line.slice(0, eq), line.slice(eq + 1));
    }
    const frame: Frame = { world, vars, tty: request.tty, waiter };
    const io: Io = {
      stdin: '',
      out: (t) => write('stdout', t),
      err: (t) => write('stderr', t),
    };
    const base = program.split('/').pop() ?? program;
    if (!available(world, base) || !/^[\w./-]+$/.test(program)) {
      // The runtime cannot start a program that is not in the image (containerd + runc wording,
      // as seen in real `kubectl exec` output; exit code 126 comes from the runtime).
      write(
        'stderr',
        `OCI runtime exec failed: exec failed: unable to start container process: exec: ${JSON.stringify(program)}: executable file not found in $PATH: unknown\n`,
      );
      return { exitCode: 126 };
    }
    if (SHELLS.has(program) && args.length === 0 && request.stdin && request.tty) {
      session = {
        frame,
        prompt: containerPrompt(world, podHostname(got.object)),
        onExit: request.onExit,
      };
      return { attached: true };
    }
    try {
      return { exitCode: await runArgv([program, ...args], frame, io) };
    } catch (e) {
      if (e instanceof ExitSignal) return { exitCode: e.code };
      throw e;
    }
  };

  const kubectl = async (args: readonly string[], io: Io, frame: Frame): Promise<number> => {
    const result = await runKubectl(
      args,
      {
        cluster,
        readFile: readHostFile,
        stdin: io.stdin,
        sink: { write: (stream, text) => (stream === 'stdout' ? io.out(text) : io.err(text)) },
        exec: containerExec,
        listDirectory,
        ...(opts.edit ? { edit: opts.edit } : {}),
      },
      { waiter: frame.waiter },
    );
    return result.exitCode;
  };

  /** Runs an argv (already expanded) in a frame. */
  async function runArgv(argv: readonly string[], frame: Frame, io: Io): Promise<number> {
    const [cmd = '', ...args] = argv;
    const world = frame.world;
    const name = cmd.split('/').pop() ?? cmd;
    if (world && !available(world, name)) {
      io.err(containerNotFound(world, cmd));
      return 127;
    }
    const filter = Object.hasOwn(FILTERS, name) ? FILTERS[name] : undefined;
    if (filter) {
      return filter(args, {
        stdin: io.stdin,
        out: io.out,
        err: io.err,
        readFile: (p) =>
          world ? undefinedOnError(readContainerFile(cluster, world, name, p)) : readHostFile(p),
      });
    }
    switch (name) {
      case 'kubectl':
      case 'k':
        if (world) break;
        return kubectl(args, io, frame);
      case 'docker':
        if (world) break;
        return docker(args, io, cluster);
      case 'echo': {
        let newline = true;
        let escapes = false;
        let rest = args;
        while (rest[0] === '-n' || rest[0] === '-e' || rest[0] === '-ne' || rest[0] === '-en') {
          if (rest[0]?.includes('n')) newline = false;
          if (rest[0]?.includes('e')) escapes = true;
          rest = rest.slice(1);
        }
        let text = rest.join(' ');
        if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        io.out(text + (newline ? '\n' : ''));
        return 0;
      }
      case 'true':
        return 0;
      case 'false':
        return 1;
      case 'sleep':
        return sleep(args, io, frame);
      case 'jobs':
        if (world) break;
        jobs.filter((j) => !j.reported).forEach((j) => io.out(jobLine(j, marker(j))));
        return 0;
      case 'kill':
        if (world) break;
        return kill(args, io);
      case 'clear':
        io.out(CLEAR_SCREEN);
        return 0;
      case 'pwd':
        io.out('/\n');
        return 0;
      case 'exit': {
        const code = args[0] === undefined ? status : Number(args[0]) & 255;
        throw new ExitSignal(Number.isNaN(code) ? 2 : code);
      }
      case 'cat':
        return cat(args, frame, io);
      case 'ls':
        return ls(args, frame, io);
      case 'export': {
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) frame.vars.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return 0;
      }
      case 'sh':
      case 'bash':
      case 'ash':
        return nestedShell(name, args, frame, io);
      default:
        break;
    }
    if (world) return containerCommand(world, name, args, io);
    io.err(`${cmd}: command not found\n`);
    return 127;
  }

  /** bash marks the newest job `+` and the one before it `-`. */
  function marker(job: Job): string {
    const live = jobs.filter((j) => !j.reported);
    if (job === live[live.length - 1]) return '+';
    if (job === live[live.length - 2]) return '-';
    return ' ';
  }

  function kill(args: readonly string[], io: Io): number {
    let code = 0;
    for (const a of args.filter((x) => !/^-\w+$/.test(x))) {
      const live = jobs.filter((j) => !j.reported);
      const job =
        a === '%%' || a === '%+' || a === '%'
          ? live[live.length - 1]
          : a.startsWith('%')
            ? jobs.find((j) => String(j.id) === a.slice(1))
            : jobs.find((j) => String(j.pid) === a);
      if (job === undefined || job.state !== 'Running') {
        io.err(
          a.startsWith('%')
            ? `sh: kill: ${a}: no such job\n`
            : `sh: kill: (${a}) - No such process\n`,
        );
        code = 1;
        continue;
      }
      job.state = 'Terminated';
      job.waiter.kill();
    }
    return code;
  }

  /** Starts a pipeline in the background and prints bash's `[1] 4242` line. */
  function startJob(pipeline: readonly Command[], frame: Frame, io: Io): void {
    const background = new BackgroundWaiter(cluster);
    const live = jobs.filter((j) => !j.reported);
    const job: Job = {
      id: (live[live.length - 1]?.id ?? 0) + 1,
      pid: nextPid++,
      command: pipeline.map(describeCommand).join(' | '),
      waiter: background,
      state: 'Running',
      reported: false,
    };
    jobs.push(job);
    io.err(`[${job.id}] ${job.pid}\n`);
    const jobFrame: Frame = { ...frame, waiter: background };
    const jobIo: Io = {
      stdin: '',
      out: (t) => liveWrite?.('stdout', t),
      err: (t) => liveWrite?.('stderr', t),
    };
    void runPipeline(pipeline, jobFrame, jobIo)
      .catch(() => 1)
      .then((code) => {
        background.dispose();
        if (job.state === 'Running') job.state = code === 0 ? 'Done' : `Exit ${code}`;
      });
  }

  /** Lets finished background jobs settle, then prints bash's notices for them. */
  async function reportJobs(io: Io): Promise<void> {
    if (jobs.every((j) => j.reported)) return;
    for (const j of jobs) if (j.state === 'Running') j.waiter.poll();
    // A job's end runs through a few promise reactions; let them happen before reporting.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    for (const j of jobs) {
      if (j.reported || j.state === 'Running') continue;
      io.err(jobLine(j, marker(j)));
      j.reported = true;
    }
  }

  async function sleep(args: readonly string[], io: Io, frame: Frame): Promise<number> {
    const arg = args[0];
    const m = arg === undefined ? null : /^(\d+(?:\.\d+)?)([smh]?)$/.exec(arg);
    if (m === null) {
      io.err(
        arg === undefined ? 'sleep: missing operand\n' : `sleep: invalid time interval '${arg}'\n`,
      );
      return 1;
    }
    const unit = m[2] === 'm' ? 60_000 : m[2] === 'h' ? 3_600_000 : 1000;
    await frame.waiter.sleep(Number(m[1]) * unit);
    return 0;
  }

  function cat(args: readonly string[], frame: Frame, io: Io): number {
    const operands = args.filter((a) => a === '-' || !a.startsWith('-'));
    if (operands.length === 0) {
      io.out(io.stdin);
      return 0;
    }
    let code = 0;
    for (const f of operands) {
      if (f === '-') {
        io.out(io.stdin);
        continue;
      }
      if (frame.world) {
        const res = readContainerFile(cluster, frame.world, 'cat', f);
        if (res.ok) io.out(res.text);
        else {
          io.err(res.message);
          code = 1;
        }
        continue;
      }
      const text = readHostFile(f);
      if (text === undefined) {
        io.err(`cat: ${f}: No such file or directory\n`);
        code = 1;
      } else io.out(text);
    }
    return code;
  }

  function ls(args: readonly string[], frame: Frame, io: Io): number {
    if (frame.world) return listContainer(cluster, frame.world, args, frame.tty, io.out, io.err);
    const all = [...new Set([...(opts.listFiles?.() ?? []), ...hostFiles.keys()])].sort();
    const operands = args.filter((a) => !a.startsWith('-'));
    if (operands.length === 0) {
      if (all.length > 0) io.out(`${all.join('  ')}\n`);
      return 0;
    }
    let code = 0;
    for (const f of operands) {
      if (readHostFile(f) !== undefined) io.out(`${f}\n`);
      else {
        io.err(`ls: cannot access '${f}': No such file or directory\n`);
        code = 2;
      }
    }
    return code;
  }

  /** `sh -c 'SCRIPT'` (or a script on stdin) in the same frame, with its own variables. */
  async function nestedShell(
    name: string,
    args: readonly string[],
    frame: Frame,
    io: Io,
  ): Promise<number> {
    const dashC = args.indexOf('-c');
    const script = dashC >= 0 ? (args[dashC + 1] ?? '') : io.stdin;
    if (dashC >= 0 && args[dashC + 1] === undefined) {
      io.err(`${name}: -c: option requires an argument\n`);
      return 2;
    }
    const child: Frame = { ...frame, vars: new Map(frame.vars) };
    const parsed = parseShell(script);
    if (parsed.kind === 'error') {
      io.err(`${name}: ${parsed.message}\n`);
      return 2;
    }
    if (parsed.kind === 'incomplete') {
      io.err(`${name}: syntax error: unexpected end of file\n`);
      return 2;
    }
    try {
      return await runList(parsed.list, child, { ...io, stdin: '' });
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  function containerCommand(
    world: ContainerWorld,
    name: string,
    args: readonly string[],
    io: Io,
  ): number {
    const pod = cluster.get('Pod', world.namespace, world.pod);
    const hostname = pod.ok ? podHostname(pod.object) : world.pod;
    switch (name) {
      case 'hostname':
        return hostnameCommand(cluster, world, args, io.out, io.err);
      case 'env':
      case 'printenv':
        io.out(
          environment(cluster, world, hostname)
            .map((l) => `${l}\n`)
            .join(''),
        );
        return 0;
      case 'nslookup':
        return nslookup(cluster, world, args, io.out, io.err);
      case 'dig':
        return dig(cluster, world, args, io.out);
      case 'curl':
        return curl(cluster, world, args, io.out, io.err);
      case 'wget': {
        // busybox wget as learners use it: `wget -qO- URL` prints the page.
        const url = args.filter((a) => !a.startsWith('-')).pop() ?? '';
        return curl(cluster, world, ['-s', url], io.out, io.err);
      }
      case 'mkdir':
        return 0;
      case 'touch': {
        for (const f of args.filter((a) => !a.startsWith('-'))) {
          const error = writeContainerFile(cluster, world, f, '', true);
          if (error !== undefined) {
            io.err(error);
            return 1;
          }
        }
        return 0;
      }
      default:
        io.err(containerNotFound(world, name));
        return 127;
    }
  }

  /** Applies a command's redirections around `body`. */
  async function withRedirects(
    redirects: readonly Redirect[],
    frame: Frame,
    io: Io,
    body: (io: Io) => Promise<number>,
  ): Promise<number> {
    let stdin = io.stdin;
    let out = io.out;
    let err = io.err;
    const writes: { path: string; append: boolean; text: () => string }[] = [];
    const ctx = expandContext(frame, io);
    for (const r of redirects) {
      if (r.op === '<<') {
        stdin = r.literal ? r.target : await expandHereDoc(r.target, ctx);
        continue;
      }
      if (r.op === '2>&1') {
        err = out;
        continue;
      }
      const target = await expandString(r.target, ctx);
      if (r.op === '<') {
        const text = frame.world
          ? undefinedOnError(readContainerFile(cluster, frame.world, 'sh', target))
          : readHostFile(target);
        if (text === undefined) {
          io.err(`sh: ${target}: No such file or directory\n`);
          return 1;
        }
        stdin = text;
        continue;
      }
      let buffer = '';
      const sinkTo = (t: string): void => {
        buffer += t;
      };
      const toNull = target === '/dev/null';
      const writer = toNull ? (): void => undefined : sinkTo;
      if (r.op === '>' || r.op === '>>') out = writer;
      else if (r.op === '2>' || r.op === '2>>') err = writer;
      else {
        out = writer;
        err = writer;
      }
      if (!toNull)
        writes.push({ path: target, append: r.op === '>>' || r.op === '2>>', text: () => buffer });
    }
    // A redirection creates (or truncates) its file before the command runs.
    for (const w of writes) {
      const error = writeFile(frame, w.path, '', w.append);
      if (error !== undefined) {
        io.err(error);
        return 1;
      }
    }
    const code = await body({ stdin, out, err });
    for (const w of writes) writeFile(frame, w.path, w.text(), true);
    return code;
  }

  function writeFile(
    frame: Frame,
    path: string,
    text: string,
    append: boolean,
  ): string | undefined {
    if (frame.world) return writeContainerFile(cluster, frame.world, path, text, append);
    hostFiles.set(path, (append ? (readHostFile(path) ?? '') : '') + text);
    return undefined;
  }

  async function runSimple(command: SimpleCommand, frame: Frame, io: Io): Promise<number> {
    const ctx = expandContext(frame, io);
    const argv: string[] = [];
    for (const word of command.words) argv.push(...(await expandWord(word, ctx)));
    if (argv.length === 0) {
      for (const [name, raw] of command.assignments)
        frame.vars.set(name, await expandString(raw, ctx));
      return withRedirects(command.redirects, frame, io, () => Promise.resolve(0));
    }
    // Prefix assignments (`A=1 cmd`) apply to the command; the simulated commands read no
    // environment, so setting them in the shell is indistinguishable.
    for (const [name, raw] of command.assignments)
      frame.vars.set(name, await expandString(raw, ctx));
    return withRedirects(command.redirects, frame, io, (inner) => runArgv(argv, frame, inner));
  }

  async function runCommand(command: Command, frame: Frame, io: Io): Promise<number> {
    if (command.type === 'simple') return runSimple(command, frame, io);
    const ctx = expandContext(frame, io);
    const items: string[] = [];
    for (const word of command.items) items.push(...(await expandWord(word, ctx)));
    let code = 0;
    for (const item of items) {
      frame.vars.set(command.name, item);
      code = await runList(command.body, frame, io);
    }
    return code;
  }

  async function runPipeline(pipeline: readonly Command[], frame: Frame, io: Io): Promise<number> {
    // Stages run one after another, each reading what the previous one wrote: the commands
    // finish on their own (watches end when the simulation settles), so no concurrency is needed.
    let stdin = io.stdin;
    let code = 0;
    for (let i = 0; i < pipeline.length; i++) {
      const command = pipeline[i];
      if (command === undefined) continue;
      const last = i === pipeline.length - 1;
      let captured = '';
      code = await runCommand(command, frame, {
        stdin,
        out: last ? io.out : (t) => (captured += t),
        err: io.err,
      });
      stdin = captured;
    }
    return code;
  }

  async function runList(list: readonly ListItem[], frame: Frame, io: Io): Promise<number> {
    let code = status;
    for (const item of list) {
      if (item.joiner === '&&' && code !== 0) continue;
      if (item.joiner === '||' && code === 0) continue;
      if (item.background && frame.world === undefined) {
        startJob(item.pipeline, frame, io);
        code = 0;
      } else code = await runPipeline(item.pipeline, frame, io);
      status = code;
    }
    return code;
  }

  return {
    get continuing() {
      return pending.length > 0;
    },
    cancelInput() {
      pending = [];
    },
    prompt() {
      if (pending.length > 0) return '> ';
      return session?.prompt ?? '$ ';
    },
    async run(line, sink) {
      let stdout = '';
      let stderr = '';
      const write: StreamWriter = (stream, text) => {
        if (text === '') return;
        if (stream === 'stdout') stdout += text;
        else stderr += text;
        sink?.write(stream, text);
      };
      const io: Io = {
        stdin: '',
        out: (t) => write('stdout', t),
        err: (t) => write('stderr', t),
      };
      liveWrite = write;
      const text = [...pending, line].join('\n');
      const parsed = parseShell(text);
      if (parsed.kind === 'incomplete') {
        pending = [...pending, line];
        return { stdout, stderr, exitCode: 0 };
      }
      pending = [];
      if (parsed.kind === 'error') {
        io.err(`${session?.frame.world?.shell ?? 'sh'}: ${parsed.message}\n`);
        status = 2;
        return { stdout, stderr, exitCode: 2 };
      }
      const current = session;
      try {
        const code = await runList(parsed.list, current?.frame ?? host, io);
        await reportJobs(io);
        return { stdout, stderr, exitCode: code };
      } catch (e) {
        if (!(e instanceof ExitSignal)) {
          // A bug in a command must not take the terminal down.
          io.err(`sh: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
          status = 1;
          return { stdout, stderr, exitCode: 1 };
        }
        if (current === undefined) return { stdout, stderr, exitCode: e.code };
        // `exit` inside a container ends the session; kubectl prints what follows it.
        session = undefined;
        const code = (await current.onExit?.(e.code, write)) ?? e.code;
        status = code;
        return { stdout, stderr, exitCode: code };
      }
    },
  };
}

/** A command as text again, for job listings (words as typed, loops abridged). */
function describeCommand(command: Command): string {
  if (command.type === 'for')
    return `for ${command.name} in ${command.items.join(' ')}; do ...; done`;
  return [...command.assignments.map(([k, v]) => `${k}=${v}`), ...command.words].join(' ');
}

function undefinedOnError(res: { ok: true; text: string } | { ok: false }): string | undefined {
  return res.ok ? res.text : undefined;
}
