/**
 * The text filters learners pipe kubectl into: `grep` (-v, -i, -E, -c, -n, -w, -q), `head -n`,
 * `tail -n`, `wc -l/-w/-c`, `sort` (-r, -n, -u) and `uniq`. They read their input as one string
 * (the shell runs a pipeline stage by stage) and print GNU coreutils' messages.
 */

/** Where a filter writes and what it reads. */
export interface FilterIo {
  readonly stdin: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Reads a file operand; undefined when it does not exist. */
  readonly readFile: (path: string) => string | undefined;
}

/** A filter command: arguments in, exit code out. */
export type Filter = (args: readonly string[], io: FilterIo) => number;

/** Splits text into lines without the final empty piece after a trailing newline. */
function lines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** The inputs of a filter: its file operands, or standard input when there are none. */
function inputs(
  name: string,
  files: readonly string[],
  io: FilterIo,
): { text: string; ok: boolean } {
  if (files.length === 0) return { text: io.stdin, ok: true };
  let text = '';
  let ok = true;
  for (const f of files) {
    const content = f === '-' ? io.stdin : io.readFile(f);
    if (content === undefined) {
      io.err(`${name}: ${f}: No such file or directory\n`);
      ok = false;
    } else text += content;
  }
  return { text, ok };
}

/** Translates a POSIX basic regular expression into a JavaScript one (enough for grep). */
function basicToJs(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[i + 1] ?? '';
      // In a BRE, \| \( \) \{ \} \+ \? are the operators and the bare characters are literals.
      out += '|(){}+?'.includes(n) ? n : `\\${n}`;
      i++;
    } else if ('|(){}+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

const grep: Filter = (args, io) => {
  let invert = false;
  let ignoreCase = false;
  let extended = false;
  let count = false;
  let numbers = false;
  let quiet = false;
  let word = false;
  let pattern: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-e') {
      pattern = args[++i];
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && pattern === undefined) {
      for (const ch of a.slice(1)) {
        if (ch === 'v') invert = true;
        else if (ch === 'i') ignoreCase = true;
        else if (ch === 'E') extended = true;
        else if (ch === 'c') count = true;
        else if (ch === 'n') numbers = true;
        else if (ch === 'q') quiet = true;
        else if (ch === 'w') word = true;
        else if (ch === 'F' || ch === 'G' || ch === 's') continue;
        else {
          io.err(
            `grep: invalid option -- '${ch}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`,
          );
          return 2;
        }
      }
      continue;
    }
    if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  if (pattern === undefined) {
    io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  let source = extended ? pattern : basicToJs(pattern);
  if (word) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  let re: RegExp;
  try {
    re = new RegExp(source, ignoreCase ? 'i' : '');
  } catch {
    io.err('grep: Unmatched ( or \\(\n');
    return 2;
  }
  const input = inputs('grep', files, io);
  let matched = 0;
  lines(input.text).forEach((line, index) => {
    if (re.test(line) === invert) return;
    matched++;
    if (!count && !quiet) io.out(`${numbers ? `${index + 1}:` : ''}${line}\n`);
  });
  if (count) io.out(`${matched}\n`);
  if (!input.ok) return 2;
  return matched > 0 ? 0 : 1;
};

/** Reads `-n N`, `-nN`, `-N` and `--lines=N` of head and tail. */
function lineCount(
  name: string,
  args: readonly string[],
  io: FilterIo,
): { n: number; fromStart: boolean; files: string[] } | undefined {
  let n = 10;
  let fromStart = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    let value: string | undefined;
    if (a === '-n') value = args[++i];
    else if (a.startsWith('--lines=')) value = a.slice(8);
    else if (/^-n./.test(a)) value = a.slice(2);
    else if (/^-\d+$/.test(a)) value = a.slice(1);
    else {
      files.push(a);
      continue;
    }
    if (value === undefined) {
      io.err(`${name}: option requires an argument -- 'n'\n`);
      return undefined;
    }
    if (value.startsWith('+')) fromStart = true;
    const num = Number(value.replace(/^[+-]/, ''));
    if (!/^[+-]?\d+$/.test(value)) {
      io.err(`${name}: invalid number of lines: ‘${value}’\n`);
      return undefined;
    }
    n = num;
  }
  return { n, fromStart, files };
}

const head: Filter = (args, io) => {
  const parsed = lineCount('head', args, io);
  if (parsed === undefined) return 1;
  const input = inputs('head', parsed.files, io);
  for (const line of lines(input.text).slice(0, parsed.n)) io.out(`${line}\n`);
  return input.ok ? 0 : 1;
};

const tail: Filter = (args, io) => {
  const parsed = lineCount('tail', args, io);
  if (parsed === undefined) return 1;
  const input = inputs('tail', parsed.files, io);
  const all = lines(input.text);
  const picked = parsed.fromStart
    ? all.slice(Math.max(0, parsed.n - 1))
    : parsed.n === 0
      ? []
      : all.slice(-parsed.n);
  for (const line of picked) io.out(`${line}\n`);
  return input.ok ? 0 : 1;
};

/** Bytes of a string in UTF-8 (wc -c counts bytes, not characters). */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const wc: Filter = (args, io) => {
  const flags = args.filter((a) => a.startsWith('-') && a.length > 1).join('');
  const files = args.filter((a) => !a.startsWith('-') || a === '-');
  const input = inputs('wc', files, io);
  const text = input.text;
  const counts: number[] = [];
  const want = (c: string): boolean => flags.includes(c) || flags === '';
  if (want('l')) counts.push((text.match(/\n/g) ?? []).length);
  if (want('w')) counts.push(text.split(/\s+/).filter((w) => w !== '').length);
  if (want('c')) counts.push(utf8Length(text));
  // GNU wc pads to a common width only when it prints several numbers or reads a file.
  const width = counts.length > 1 || files.length > 0 ? 7 : 0;
  const cells = counts.map((c) => String(c).padStart(width));
  io.out(`${cells.join(' ')}${files.length > 0 ? ` ${files.join(' ')}` : ''}\n`);
  return input.ok ? 0 : 1;
};

const sort: Filter = (args, io) => {
  const flags = args.filter((a) => a.startsWith('-') && a.length > 1).join('');
  const files = args.filter((a) => !a.startsWith('-') || a === '-');
  const input = inputs('sort', files, io);
  let all = lines(input.text);
  if (flags.includes('n')) {
    const num = (s: string): number => {
      const m = /^\s*-?\d+(\.\d+)?/.exec(s);
      return m ? Number(m[0]) : 0;
    };
    all.sort((a, b) => num(a) - num(b) || (a < b ? -1 : a > b ? 1 : 0));
  } else all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.includes('r')) all.reverse();
  if (flags.includes('u')) all = all.filter((l, i) => i === 0 || l !== all[i - 1]);
  for (const line of all) io.out(`${line}\n`);
  return input.ok ? 0 : 1;
};

const uniq: Filter = (args, io) => {
  const files = args.filter((a) => !a.startsWith('-'));
  const countFlag = args.includes('-c');
  const input = inputs('uniq', files, io);
  const all = lines(input.text);
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j] === all[i]) j++;
    io.out(countFlag ? `${String(j - i).padStart(7)} ${all[i] ?? ''}\n` : `${all[i] ?? ''}\n`);
    i = j;
  }
  return input.ok ? 0 : 1;
};

/** The filters by command name. */
export const FILTERS: Readonly<Record<string, Filter>> = { grep, head, tail, wc, sort, uniq };
