/**
 * The grammar of the shell's POSIX subset: lists (`;`, `&&`, `||`, newlines), pipelines (`|`),
 * simple commands with redirections (`>`, `>>`, `<`, `2>`, `2>&1`, here-documents `<<EOF`,
 * `<<-EOF`, `<<'EOF'`), `VAR=value` assignments and one-line or multi-line
 * `for NAME in WORDS; do LIST; done`. Words are kept as raw source text (quotes included) and
 * expanded when the command runs, because `$i` inside a loop changes on every pass.
 *
 * Input that stops in the middle (an open quote, a `for` without `done`, a trailing `|`, a
 * here-document without its delimiter line) is reported as `incomplete`, so the caller can ask
 * for another line with the `> ` prompt, as bash does.
 */

/** How an and-or item is joined to the one before it. */
export type Joiner = ';' | '&&' | '||';

/** A redirection of a simple command. */
export interface Redirect {
  readonly op: '>' | '>>' | '<' | '2>' | '2>>' | '2>&1' | '&>' | '<<';
  /** Raw target word (or the here-document body for `<<`). */
  readonly target: string;
  /** For `<<`: whether the delimiter was quoted (then the body is not expanded). */
  readonly literal?: boolean;
}

/** A command with its words and redirections. */
export interface SimpleCommand {
  readonly type: 'simple';
  /** Leading `NAME=value` assignments (raw values). */
  readonly assignments: readonly (readonly [string, string])[];
  readonly words: readonly string[];
  readonly redirects: readonly Redirect[];
}

/** `for NAME in WORDS; do BODY; done`. */
export interface ForCommand {
  readonly type: 'for';
  readonly name: string;
  readonly items: readonly string[];
  readonly body: readonly ListItem[];
}

/** A command of a pipeline. */
export type Command = SimpleCommand | ForCommand;

/** One element of a list: a pipeline and how it is joined to the previous one. */
export interface ListItem {
  readonly joiner: Joiner;
  readonly pipeline: readonly Command[];
  /** True when the item ended with `&` (run in the background). */
  readonly background: boolean;
}

/** The outcome of parsing. */
export type ParseResult =
  | { readonly kind: 'ok'; readonly list: readonly ListItem[] }
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'error'; readonly message: string };

type Token =
  | { readonly t: 'word'; readonly raw: string }
  | { readonly t: 'op'; readonly op: string }
  | { readonly t: 'nl' };

/** Thrown when the input stops in the middle of a command (more lines are needed). */
class Incomplete extends Error {}
/** Thrown for a syntax error; the message is bash's wording. */
class ShellSyntaxError extends Error {}

/** Index just after the `)` matching the `$(` that starts at `start` (or throws Incomplete). */
function skipSubstitution(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\') i++;
    else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Incomplete();
      i = end;
    } else if (c === '"') {
      i = skipDoubleQuoted(text, i);
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Incomplete();
}

/** Index of the closing `"` of the double-quoted string opened at `start`. */
function skipDoubleQuoted(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\') i++;
    else if (c === '$' && text[i + 1] === '(') i = skipSubstitution(text, i + 1) - 1;
    else if (c === '"') return i;
  }
  throw new Incomplete();
}

const OPERATORS = ['2>&1', '2>>', '&&', '||', '>>', '<<', '2>', '&>', ';', '|', '&', '>', '<'];

/** Splits text into words, operators and newlines; here-document bodies are read as we go. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pendingDocs: { delimiter: string; strip: boolean; index: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      tokens.push({ t: 'nl' });
      i++;
      // Here-document bodies start on the line after the operator.
      for (const doc of pendingDocs) {
        let body = '';
        for (;;) {
          if (i >= text.length) throw new Incomplete();
          const end = text.indexOf('\n', i);
          const rawLine = end < 0 ? text.slice(i) : text.slice(i, end);
          i = end < 0 ? text.length : end + 1;
          const line = doc.strip ? rawLine.replace(/^\t+/, '') : rawLine;
          if (line === doc.delimiter) break;
          // The delimiter line has not arrived yet.
          if (end < 0) throw new Incomplete();
          body += line + '\n';
        }
        const tok = tokens[doc.index];
        if (tok?.t === 'word') tokens[doc.index] = { t: 'word', raw: body };
      }
      pendingDocs.length = 0;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    // `2>` is only an operator at the start of a word.
    if (op !== undefined) {
      i += op.length;
      if (op === '<<') {
        const strip = text[i] === '-';
        if (strip) i++;
        while (text[i] === ' ' || text[i] === '\t') i++;
        const start = i;
        i = scanWord(text, i);
        const rawDelim = text.slice(start, i);
        if (rawDelim === '')
          throw new ShellSyntaxError("syntax error near unexpected token `newline'");
        const literal = /['"\\]/.test(rawDelim);
        const delimiter = rawDelim.replace(/['"\\]/g, '');
        tokens.push({ t: 'op', op: literal ? '<<lit' : '<<' });
        pendingDocs.push({ delimiter, strip, index: tokens.length });
        tokens.push({ t: 'word', raw: '' });
        continue;
      }
      tokens.push({ t: 'op', op });
      continue;
    }
    const start = i;
    i = scanWord(text, i);
    tokens.push({ t: 'word', raw: text.slice(start, i) });
  }
  if (pendingDocs.length > 0) throw new Incomplete();
  return tokens;
}

/** Index just after the word starting at `start`. */
function scanWord(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '|' || c === '&') break;
    if (c === '<' || c === '>') break;
    if (c === '\\') {
      if (i + 1 >= text.length) throw new Incomplete();
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Incomplete();
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i = skipDoubleQuoted(text, i) + 1;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      i = skipSubstitution(text, i + 1);
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new Incomplete();
      i = end + 1;
      continue;
    }
    i++;
  }
  return i;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Parser {
  readonly #tokens: Token[];
  #pos = 0;
  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#pos];
  }

  #isWord(raw: string): boolean {
    const t = this.#peek();
    return t?.t === 'word' && t.raw === raw;
  }

  #skipNewlines(): void {
    while (this.#peek()?.t === 'nl') this.#pos++;
  }

  /** list := item ((';' | '&' | newline) item)* — stops at `done` when inside a loop body. */
  list(inLoop: boolean): ListItem[] {
    const items: ListItem[] = [];
    let joiner: Joiner = ';';
    this.#skipNewlines();
    for (;;) {
      const t = this.#peek();
      if (t === undefined) {
        if (joiner !== ';') throw new Incomplete();
        return items;
      }
      if (inLoop && this.#isWord('done') && joiner === ';') return items;
      if (t.t === 'op' && [';', '&&', '||', '|', '&'].includes(t.op))
        throw new ShellSyntaxError(`syntax error near unexpected token \`${t.op}'`);
      const pipeline = this.#pipeline(inLoop);
      let background = false;
      const next = this.#peek();
      let nextJoiner: Joiner = ';';
      if (next?.t === 'op' && (next.op === ';' || next.op === '&')) {
        background = next.op === '&';
        this.#pos++;
      } else if (next?.t === 'op' && (next.op === '&&' || next.op === '||')) {
        nextJoiner = next.op;
        this.#pos++;
        this.#skipNewlines();
        if (this.#peek() === undefined) throw new Incomplete();
      } else if (next?.t === 'nl') {
        this.#pos++;
      } else if (next !== undefined && !(inLoop && this.#isWord('done'))) {
        throw new ShellSyntaxError(
          `syntax error near unexpected token \`${next.t === 'op' ? next.op : 'newline'}'`,
        );
      }
      items.push({ joiner, pipeline, background });
      joiner = nextJoiner;
      this.#skipNewlines();
    }
  }

  #pipeline(inLoop: boolean): Command[] {
    const commands = [this.#command(inLoop)];
    for (;;) {
      const t = this.#peek();
      if (t?.t !== 'op' || t.op !== '|') return commands;
      this.#pos++;
      this.#skipNewlines();
      if (this.#peek() === undefined) throw new Incomplete();
      commands.push(this.#command(inLoop));
    }
  }

  #command(inLoop: boolean): Command {
    if (this.#isWord('for')) return this.#for();
    if (this.#isWord('do') || this.#isWord('done') || (this.#isWord('in') && !inLoop)) {
      const t = this.#peek();
      throw new ShellSyntaxError(
        `syntax error near unexpected token \`${t?.t === 'word' ? t.raw : ''}'`,
      );
    }
    const assignments: [string, string][] = [];
    const words: string[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.#peek();
      if (t === undefined || t.t === 'nl') break;
      if (t.t === 'word') {
        if (words.length === 0 && ASSIGNMENT.test(t.raw)) {
          const eq = t.raw.indexOf('=');
          assignments.push([t.raw.slice(0, eq), t.raw.slice(eq + 1)]);
        } else words.push(t.raw);
        this.#pos++;
        continue;
      }
      const op = t.op;
      if (op === '2>&1') {
        redirects.push({ op, target: '' });
        this.#pos++;
        continue;
      }
      if (['>', '>>', '<', '2>', '2>>', '&>', '<<', '<<lit'].includes(op)) {
        this.#pos++;
        const target = this.#peek();
        if (target?.t !== 'word') {
          throw new ShellSyntaxError(
            `syntax error near unexpected token \`${target === undefined || target.t === 'nl' ? 'newline' : target.op}'`,
          );
        }
        this.#pos++;
        if (op === '<<' || op === '<<lit')
          redirects.push({ op: '<<', target: target.raw, literal: op === '<<lit' });
        else redirects.push({ op: op as Redirect['op'], target: target.raw });
        continue;
      }
      break;
    }
    if (words.length === 0 && assignments.length === 0 && redirects.length === 0) {
      const t = this.#peek();
      throw t === undefined
        ? new Incomplete()
        : new ShellSyntaxError(
            `syntax error near unexpected token \`${t.t === 'op' ? t.op : 'newline'}'`,
          );
    }
    return { type: 'simple', assignments, words, redirects };
  }

  #for(): ForCommand {
    this.#pos++;
    const nameTok = this.#peek();
    if (nameTok === undefined) throw new Incomplete();
    if (nameTok.t !== 'word' || !NAME.test(nameTok.raw))
      throw new ShellSyntaxError(
        `\`${nameTok.t === 'word' ? nameTok.raw : nameTok.t === 'op' ? nameTok.op : 'newline'}': not a valid identifier`,
      );
    this.#pos++;
    const items: string[] = [];
    if (this.#isWord('in')) {
      this.#pos++;
      for (;;) {
        const t = this.#peek();
        if (t === undefined) throw new Incomplete();
        if (t.t === 'word') {
          items.push(t.raw);
          this.#pos++;
          continue;
        }
        if (t.t === 'nl' || (t.t === 'op' && t.op === ';')) {
          this.#pos++;
          break;
        }
        throw new ShellSyntaxError(`syntax error near unexpected token \`${t.op}'`);
      }
    } else if (this.#peek()?.t === 'op' || this.#peek()?.t === 'nl') this.#pos++;
    this.#skipNewlines();
    if (this.#peek() === undefined) throw new Incomplete();
    if (!this.#isWord('do')) {
      const t = this.#peek();
      throw new ShellSyntaxError(
        `syntax error near unexpected token \`${t?.t === 'word' ? t.raw : t?.t === 'op' ? t.op : 'newline'}'`,
      );
    }
    this.#pos++;
    const body = this.list(true);
    if (!this.#isWord('done')) throw new Incomplete();
    if (body.length === 0) throw new ShellSyntaxError("syntax error near unexpected token `done'");
    this.#pos++;
    return { type: 'for', name: nameTok.raw, items, body };
  }

  get done(): boolean {
    return this.#pos >= this.#tokens.length;
  }
}

/** Parses shell input (possibly several lines). */
export function parseShell(text: string): ParseResult {
  try {
    const parser = new Parser(tokenize(text));
    const list = parser.list(false);
    return { kind: 'ok', list };
  } catch (e) {
    if (e instanceof Incomplete) return { kind: 'incomplete' };
    if (e instanceof ShellSyntaxError) return { kind: 'error', message: e.message };
    throw e;
  }
}
