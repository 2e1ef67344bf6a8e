/**
 * What a container's main process does when its `command`/`args` is one of a small set of
 * busybox-style programs the simulator models: `echo`, `true`, `false`, `sleep N`, `date`, `cat`
 * of a file the image does not have, and `sh -c` / `bash -c` scripts made of those joined by `;`,
 * `&&`, `||` or newlines, plus `exit N`. The outcome is computed from the spec alone, so the
 * kubelet knows when the container exits and with which code, and `kubectl logs` re-derives
 * what it wrote (stdout and stderr interleaved, as the container log keeps them) from the
 * container's start time, with no state to snapshot.
 *
 * Anything else keeps today's behaviour: a container without a command runs its image's
 * long-running process (nginx, the databases, busybox's `sh` waiting on its terminal), and a
 * command the model does not cover (`nslookup`, `wget`, loops, pipes, `$VAR` expansion, `cat` of a
 * file that may exist) is treated as long-running, as if it never ended. An executable that is not
 * in the image fails to start as containerd reports it (StartError, exit code 128).
 */
import type { Container } from '../api/types.ts';

/** One chunk the process writes, `atMs` after the container started. */
export interface ProgramOutput {
  readonly atMs: number;
  readonly text: string;
}

/** How a container's main process behaves. */
export type ContainerProgram =
  | {
      /** The image's own process, or a command outside the model: it keeps running. */
      readonly kind: 'long-running';
      readonly output: readonly ProgramOutput[];
    }
  | {
      /** A modelled program that ends `durationMs` after it starts with `exitCode`. */
      readonly kind: 'exits';
      readonly output: readonly ProgramOutput[];
      readonly durationMs: number;
      readonly exitCode: number;
    }
  | {
      /** The executable does not exist in the image: the runtime cannot start the container. */
      readonly kind: 'start-error';
      /** containerd's error, as the kubelet puts it in the event and the terminated state. */
      readonly message: string;
    };

/**
 * Programs running an hour or more are treated as never ending (`sleep 3600`, `sleep infinity`):
 * the simulator keeps no timer that far ahead, so an idle cluster stays idle.
 */
export const LONG_RUNNING_MS = 3_600_000;

/** Exit code containerd gives a container whose task could not be created (errorStartExitCode). */
export const START_ERROR_EXIT_CODE = 128;

/** busybox 1.28 applets a learner is likely to run (the image's /bin holds these links). */
const BUSYBOX_APPLETS = new Set(
  (
    'sh ash echo cat ls sleep true false date env printenv hostname nslookup wget ping ping6 ' +
    'ps top id whoami uname pwd test [ [[ yes seq wc sort uniq tr sed awk grep egrep fgrep head ' +
    'tail cut tee find xargs mkdir rmdir touch rm cp mv ln chmod chown chgrp stat df du free ' +
    'mount umount kill killall nc telnet watch timeout nohup expr printf basename dirname ' +
    'readlink realpath sync tar gzip gunzip zcat od hexdump md5sum sha1sum sha256sum base64 ' +
    'ip ifconfig route netstat traceroute arp uptime dmesg vi less more diff patch dd mktemp ' +
    'usleep time nice renice which busybox mkfifo crond httpd ntpd nproc getconf'
  ).split(' '),
);

/**
 * Programs in the Debian-based images (nginx, the databases): coreutils, dash as `sh`, bash,
 * curl and the image's own servers.
 */
const DEBIAN_PROGRAMS = new Set(
  (
    'sh dash bash echo cat ls sleep true false date env printenv hostname ps id whoami uname ' +
    'pwd test [ yes seq wc sort uniq tr sed awk mawk grep head tail cut tee find xargs mkdir ' +
    'rmdir touch rm cp mv ln chmod chown stat df du mount umount kill timeout nohup expr printf ' +
    'basename dirname readlink realpath sync tar gzip gunzip zcat od md5sum sha1sum sha256sum ' +
    'base64 dd mktemp nice which nproc getconf curl nginx nginx-debug mysql mysqld mysqladmin ' +
    'docker-entrypoint.sh'
  ).split(' '),
);

/** Files every image has (so `cat` of them is outside the model, not an error). */
const IMAGE_FILES = new Set([
  '/etc/hostname',
  '/etc/hosts',
  '/etc/resolv.conf',
  '/etc/passwd',
  '/etc/group',
  '/etc/os-release',
  '/etc/shells',
  '/proc/cpuinfo',
  '/proc/meminfo',
  '/proc/version',
  '/proc/1/cmdline',
]);

/** True for busybox images (busybox applets, ash as `sh`). */
function isBusybox(image: string): boolean {
  return /(^|\/)busybox(:|@|$)/.test(image);
}

/** The Debian-based images of the catalogue (their userland is coreutils, dash and bash). */
function isDebianImage(image: string): boolean {
  return /(^|\/)(nginx|nginx-slim|mysql|my-database-image)(:|@|$)/.test(image);
}

function basename(path: string): string {
  return path.replace(/^.*\//, '');
}

/** Whether `program` (a name or a path) exists in the image. */
function inImage(image: string, program: string): boolean {
  const name = basename(program);
  if (program.includes('/') && !/^\/(usr\/)?(local\/)?s?bin\/[^/]+$/.test(program)) return false;
  return (isBusybox(image) ? BUSYBOX_APPLETS : DEBIAN_PROGRAMS).has(name);
}

/**
 * containerd's StartContainer error for an executable that is not there (CRI
 * container_start.go wraps the shim's error in "failed to create containerd task"; runc ≥ 1.2
 * words the exec failure "error during container init"). A path is stat'ed; a bare name is
 * looked up in $PATH.
 */
function startError(program: string): string {
  const detail = program.includes('/')
    ? `exec: ${JSON.stringify(program)}: stat ${program}: no such file or directory`
    : `exec: ${JSON.stringify(program)}: executable file not found in $PATH`;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${detail}: unknown`;
}

/** busybox/GNU `date` default format in the C locale, `Thu Nov 26 17:44:21 UTC 2026`. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()] ?? ''} ${months[d.getUTCMonth()] ?? ''} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** `sleep` operands: busybox and GNU accept decimals with an s/m/h/d suffix; undefined if bad. */
function sleepMs(arg: string): number | undefined {
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (m === null) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? ''] ?? 1;
  return Math.round(Number(m[1]) * unit * 1000);
}

/** A run being evaluated: elapsed time, output so far, last status. */
interface Run {
  atMs: number;
  status: number;
  readonly output: ProgramOutput[];
  /** Set when the process has ended (an `exit`) or can no longer end (a long sleep). */
  done: 'exit' | 'forever' | undefined;
}

/** What one simple command did; 'unmodelled' makes the whole program long-running. */
type Step = 'ok' | 'unmodelled';

/** Where the messages of `cmd` come from (`sh:` prefix for the shell's own errors). */
interface Userland {
  readonly busybox: boolean;
  /** The script's shell (`sh` or `bash`), or undefined for a program run directly. */
  readonly shell: 'sh' | 'bash' | undefined;
  readonly image: string;
  readonly volumePaths: readonly string[];
  readonly startMs: number;
}

function write(run: Run, text: string): void {
  if (text !== '') run.output.push({ atMs: run.atMs, text });
}

/** Runs one simple command (argv) inside the model. */
function simple(argv: readonly string[], run: Run, u: Userland): Step {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) return 'ok';
  const name = basename(cmd);
  // An assignment (`A=1 cmd`) needs expansion, which the model does not do.
  if (cmd.includes('=')) return 'unmodelled';
  if (u.shell !== undefined && name === 'exit' && cmd === 'exit') {
    const code = rest[0] === undefined ? run.status : Number(rest[0]);
    if (!Number.isInteger(code)) return 'unmodelled';
    run.status = ((code % 256) + 256) % 256;
    run.done = 'exit';
    return 'ok';
  }
  if (!inImage(u.image, cmd)) {
    // Only a shell gets here with a missing program (a direct one fails to start instead).
    run.status = 127;
    write(
      run,
      u.shell === 'bash'
        ? `bash: line 1: ${cmd}: command not found\n`
        : u.busybox
          ? `sh: ${cmd}: not found\n`
          : `sh: 1: ${cmd}: not found\n`,
    );
    return 'ok';
  }
  switch (name) {
    case 'echo': {
      let words = rest;
      let newline = true;
      if (words[0] === '-n') {
        newline = false;
        words = words.slice(1);
      }
      if (words.some((w) => w.includes('\\'))) return 'unmodelled';
      write(run, words.join(' ') + (newline ? '\n' : ''));
      run.status = 0;
      return 'ok';
    }
    case 'true':
      run.status = 0;
      return 'ok';
    case 'false':
      run.status = 1;
      return 'ok';
    case 'date':
      if (rest.length > 0) return 'unmodelled';
      write(run, `${formatDate(u.startMs + run.atMs)}\n`);
      run.status = 0;
      return 'ok';
    case 'sleep': {
      if (rest.length === 0) return 'unmodelled';
      let total = 0;
      for (const a of rest) {
        const ms = sleepMs(a);
        if (ms === undefined) {
          write(
            run,
            u.busybox ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\n`,
          );
          run.status = 1;
          return 'ok';
        }
        total += ms;
      }
      if (run.atMs + total >= LONG_RUNNING_MS) {
        run.done = 'forever';
        return 'ok';
      }
      run.atMs += total;
      run.status = 0;
      return 'ok';
    }
    case 'cat': {
      if (rest.length === 0 || rest.some((a) => a.startsWith('-'))) return 'unmodelled';
      for (const path of rest) {
        const abs = path.startsWith('/') ? path : `/${path}`;
        // A file that may exist (the image's, or on a volume) is outside the model.
        if (IMAGE_FILES.has(abs) || abs.startsWith('/proc/') || abs.startsWith('/sys/'))
          return 'unmodelled';
        if (u.volumePaths.some((m) => abs === m || abs.startsWith(`${m}/`))) return 'unmodelled';
      }
      for (const path of rest) {
        write(
          run,
          u.busybox
            ? `cat: can't open '${path}': No such file or directory\n`
            : `cat: ${path}: No such file or directory\n`,
        );
      }
      run.status = 1;
      return 'ok';
    }
    default:
      return 'unmodelled';
  }
}

/** A token of a `-c` script: a word, or an operator. */
type Token = { readonly word: string } | { readonly op: ';' | '&&' | '||' };

/**
 * Splits a script into words and list operators, with single and double quotes and backslash
 * escapes; undefined for syntax outside the model (pipes, redirections, expansions, `&`,
 * subshells, comments, keywords).
 */
function tokenize(script: string): Token[] | undefined {
  const out: Token[] = [];
  let word = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) out.push({ word });
    word = '';
    inWord = false;
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] ?? '';
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word += script.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        const c = script[j] ?? '';
        if (c === '$' || c === '`') return undefined;
        if (c === '\\' && /["\\$`]/.test(script[j + 1] ?? '')) {
          word += script[j + 1] ?? '';
          j++;
        } else word += c;
      }
      if (j >= script.length) return undefined;
      inWord = true;
      i = j;
    } else if (ch === '\\') {
      word += script[i + 1] ?? '';
      inWord = true;
      i++;
    } else if (ch === ' ' || ch === '\t') {
      flush();
    } else if (ch === ';' || ch === '\n') {
      flush();
      out.push({ op: ';' });
    } else if (ch === '&' && script[i + 1] === '&') {
      flush();
      out.push({ op: '&&' });
      i++;
    } else if (ch === '|' && script[i + 1] === '|') {
      flush();
      out.push({ op: '||' });
      i++;
    } else if ('|&<>()$`#{}*?~'.includes(ch)) {
      return undefined;
    } else {
      word += ch;
      inWord = true;
    }
  }
  flush();
  const keywords = ['if', 'then', 'for', 'while', 'until', 'do', 'done', 'case', 'fi', 'function'];
  if (
    out.some(
      (t, i) =>
        'word' in t &&
        keywords.includes(t.word) &&
        (i === 0 || 'op' in (out[i - 1] ?? { op: ';' })),
    )
  )
    return undefined;
  return out;
}

/** Runs a `-c` script; 'unmodelled' when any part of it is outside the model. */
function script(text: string, run: Run, u: Userland): Step {
  const tokens = tokenize(text);
  if (tokens === undefined) return 'unmodelled';
  let argv: string[] = [];
  let connector: ';' | '&&' | '||' = ';';
  const runOne = (): Step => {
    if (argv.length === 0) return 'ok';
    const skip =
      (connector === '&&' && run.status !== 0) || (connector === '||' && run.status === 0);
    const step = skip ? 'ok' : simple(argv, run, u);
    argv = [];
    return step;
  };
  for (const t of tokens) {
    if (run.done !== undefined) break;
    if ('word' in t) {
      argv.push(t.word);
      continue;
    }
    if (argv.length === 0 && t.op !== ';') return 'unmodelled';
    if (runOne() === 'unmodelled') return 'unmodelled';
    connector = t.op;
  }
  if (run.done === undefined && runOne() === 'unmodelled') return 'unmodelled';
  return 'ok';
}

/**
 * The behaviour of a container's main process. `startMs` (Unix ms of the container's start) only
 * matters for `date`; `volumePaths` are the container's mount paths (files there may exist).
 */
export function containerProgram(container: Container, startMs = 0): ContainerProgram {
  const image = container.image ?? '';
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const first = argv[0];
  if (first === undefined) return { kind: 'long-running', output: [] };
  // Other images (the system pods' binaries, anything outside the catalogue) are not modelled;
  // options alone go to the image's entrypoint (`mysqld --flag`).
  if (!isBusybox(image) && !isDebianImage(image)) return { kind: 'long-running', output: [] };
  if (container.command === undefined && first.startsWith('-'))
    return { kind: 'long-running', output: [] };
  if (!inImage(image, first)) return { kind: 'start-error', message: startError(first) };
  const name = basename(first);
  const u: Userland = {
    busybox: isBusybox(image),
    shell: undefined,
    image,
    volumePaths: (container.volumeMounts ?? []).map((m) => m.mountPath.replace(/\/+$/, '')),
    startMs,
  };
  const run: Run = { atMs: 0, status: 0, output: [], done: undefined };
  let step: Step;
  if (name === 'sh' || name === 'bash' || name === 'ash' || name === 'dash') {
    // `sh` alone reads commands from stdin (the terminal of `kubectl run -it`): long-running.
    if (argv[1] !== '-c' || argv[2] === undefined) return { kind: 'long-running', output: [] };
    step = script(argv[2], run, { ...u, shell: name === 'bash' ? 'bash' : 'sh' });
  } else {
    step = simple(argv, run, u);
  }
  if (step === 'unmodelled' || run.done === 'forever')
    return { kind: 'long-running', output: step === 'unmodelled' ? [] : run.output };
  return { kind: 'exits', output: run.output, durationMs: run.atMs, exitCode: run.status };
}

/** The text a run of `program` has written by `elapsedMs` after its start (all of it if omitted). */
export function programLog(program: ContainerProgram, elapsedMs = Infinity): string {
  if (program.kind === 'start-error') return '';
  return program.output
    .filter((o) => o.atMs <= elapsedMs)
    .map((o) => o.text)
    .join('');
}
