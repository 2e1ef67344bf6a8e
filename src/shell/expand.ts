/**
 * Word expansion as POSIX sh does it, for the subset the shell supports: quote removal, `$NAME`,
 * `${NAME}`, `$?`, `$#`, `$(command)` and backquotes, then field splitting of unquoted expansion
 * results on blanks and newlines (so `for p in $(kubectl get pods -o name)` loops over names).
 * Pathname expansion (globbing) is not done: the virtual file system has no directories to glob.
 */

/** What expansion needs from the running shell. */
export interface ExpandContext {
  /** The value of a variable, or undefined when unset. */
  lookup(name: string): string | undefined;
  /** Runs a command substitution and returns its standard output. */
  substitute(command: string): Promise<string>;
}

/** Removes trailing newlines, as command substitution does. */
function trimNewlines(text: string): string {
  return text.replace(/\n+$/, '');
}

interface Piece {
  readonly text: string;
  /** True when the text came from an unquoted expansion and is subject to field splitting. */
  readonly split: boolean;
  /** True when the piece was quoted (an empty quoted piece still makes a field). */
  readonly quoted: boolean;
}

/** Reads `$…` at `raw[i]` (the `$`), returning the expansion and the index after it. */
async function dollar(
  raw: string,
  i: number,
  ctx: ExpandContext,
): Promise<{ value: string; end: number } | undefined> {
  const next = raw[i + 1] ?? '';
  if (next === '(') {
    let depth = 0;
    let j = i + 1;
    for (; j < raw.length; j++) {
      const c = raw[j];
      if (c === '\\') j++;
      else if (c === "'") j = raw.indexOf("'", j + 1);
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
      if (j < 0) return undefined;
    }
    const inner = raw.slice(i + 2, j);
    return { value: trimNewlines(await ctx.substitute(inner)), end: j + 1 };
  }
  if (next === '{') {
    const close = raw.indexOf('}', i + 2);
    if (close < 0) return undefined;
    const name = raw.slice(i + 2, close);
    return { value: ctx.lookup(name) ?? '', end: close + 1 };
  }
  if (next === '?' || next === '#' || next === '$' || /[0-9]/.test(next)) {
    return { value: ctx.lookup(next) ?? '', end: i + 2 };
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1));
  if (m === null) return undefined;
  return { value: ctx.lookup(m[0]) ?? '', end: i + 1 + m[0].length };
}

/**
 * Index of the `mark` closing the one opened at `start`, or the end of the text when it is never
 * closed (the parser normally refuses such input, but expansion must never loop on it: an index of
 * -1 would restart the scan from the beginning for ever).
 */
function closingMark(raw: string, mark: string, start: number): number {
  const end = raw.indexOf(mark, start + 1);
  return end === -1 ? raw.length : end;
}

/** Expands the inside of double quotes (no splitting). */
async function expandDouble(raw: string, ctx: ExpandContext): Promise<string> {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c === '\\' && '$`"\\\n'.includes(raw[i + 1] ?? 'x')) {
      if (raw[i + 1] !== '\n') out += raw[i + 1] ?? '';
      i++;
    } else if (c === '$') {
      const d = await dollar(raw, i, ctx);
      if (d === undefined) out += c;
      else {
        out += d.value;
        i = d.end - 1;
      }
    } else if (c === '`') {
      const end = closingMark(raw, '`', i);
      out += trimNewlines(await ctx.substitute(raw.slice(i + 1, end)));
      i = end;
    } else out += c;
  }
  return out;
}

/** Index of the `"` closing the double-quoted string opened at `start`. */
function closingQuote(raw: string, start: number): number {
  for (let i = start + 1; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') i++;
    else if (c === '$' && raw[i + 1] === '(') {
      let depth = 0;
      for (i = i + 1; i < raw.length; i++) {
        if (raw[i] === '(') depth++;
        else if (raw[i] === ')' && --depth === 0) break;
      }
    } else if (c === '"') return i;
  }
  return raw.length;
}

async function pieces(raw: string, ctx: ExpandContext): Promise<Piece[]> {
  const out: Piece[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c === "'") {
      const end = closingMark(raw, "'", i);
      out.push({ text: raw.slice(i + 1, end), split: false, quoted: true });
      i = end;
    } else if (c === '"') {
      const end = closingQuote(raw, i);
      out.push({
        text: await expandDouble(raw.slice(i + 1, end), ctx),
        split: false,
        quoted: true,
      });
      i = end;
    } else if (c === '\\') {
      out.push({ text: raw[i + 1] ?? '', split: false, quoted: true });
      i++;
    } else if (c === '$') {
      const d = await dollar(raw, i, ctx);
      if (d === undefined) out.push({ text: c, split: false, quoted: false });
      else {
        out.push({ text: d.value, split: true, quoted: false });
        i = d.end - 1;
      }
    } else if (c === '`') {
      const end = closingMark(raw, '`', i);
      out.push({
        text: trimNewlines(await ctx.substitute(raw.slice(i + 1, end))),
        split: true,
        quoted: false,
      });
      i = end;
    } else out.push({ text: c, split: false, quoted: false });
  }
  return out;
}

/** Expands one raw word into fields (zero, one or several). */
export async function expandWord(raw: string, ctx: ExpandContext): Promise<string[]> {
  const fields: string[] = [];
  let current = '';
  let started = false;
  for (const p of await pieces(raw, ctx)) {
    if (!p.split) {
      current += p.text;
      started = true;
      continue;
    }
    const parts = p.text.split(/[ \t\n]+/);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k] ?? '';
      if (k > 0 && (started || current !== '')) {
        fields.push(current);
        current = '';
        started = false;
      }
      if (part !== '') {
        current += part;
        started = true;
      }
    }
  }
  if (started || current !== '') fields.push(current);
  return fields;
}

/** Expands a word without field splitting (assignments, redirection targets). */
export async function expandString(raw: string, ctx: ExpandContext): Promise<string> {
  return (await pieces(raw, ctx)).map((p) => p.text).join('');
}

/** Expands a here-document body: parameters and command substitutions, no quote removal. */
export async function expandHereDoc(body: string, ctx: ExpandContext): Promise<string> {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c === '\\' && '$`\\'.includes(body[i + 1] ?? 'x')) {
      out += body[i + 1] ?? '';
      i++;
    } else if (c === '$') {
      const d = await dollar(body, i, ctx);
      if (d === undefined) out += c;
      else {
        out += d.value;
        i = d.end - 1;
      }
    } else out += c;
  }
  return out;
}
