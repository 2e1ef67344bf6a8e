/**
 * The subset of Go's text/template that `kubectl get -o go-template=…` / `--template` learners
 * use: field chains (`.metadata.name`, `$c.image`, `$`), string and number literals,
 * pipelines (`.items | len`), variables (`$x := …`, `$x = …`), `{{range}}` (with `$v :=` or
 * `$i, $v :=`, over lists and maps), `{{if}}`/`{{else}}`/`{{else if}}`, `{{with}}`/`{{else with}}`,
 * `{{define}}`/`{{template}}`/`{{block}}`, `{{end}}`, comments, trim markers (`{{-`, `-}}`), and
 * the functions `index`, `len`, `not`, `and`, `or`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`,
 * `print`, `println`, `printf` (%s %d %v %q). Data is JSON-shaped, as kubectl converts objects to
 * JSON before executing the template: its numbers are float64, while a literal `2` is an int, so
 * `gt .spec.replicas 2` fails with Go's "incompatible types for comparison" (write `2.0`).
 */

import { goJson } from './jsonpath.ts';

/**
 * The result of executing a template: output or Go's error text (with, for an execution error,
 * what kubectl writes to stdout first: the partial output and its debugging dump).
 */
export type TemplateResult =
  | { readonly ok: true; readonly output: string }
  | { readonly ok: false; readonly message: string; readonly output?: string };

type Token =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'action'; readonly words: readonly Word[]; readonly src: string };

type Word =
  | { readonly w: 'field'; readonly base: string | null; readonly path: readonly string[] }
  | { readonly w: 'lit'; readonly value: unknown }
  | { readonly w: 'pipe' }
  | { readonly w: 'ident'; readonly name: string }
  | { readonly w: 'decl'; readonly vars: readonly string[] }
  | { readonly w: 'paren'; readonly words: readonly Word[]; readonly path: readonly string[] };

type Node =
  | { readonly n: 'text'; readonly text: string }
  | { readonly n: 'print'; readonly words: readonly Word[] }
  | {
      readonly n: 'decl';
      readonly vars: readonly string[];
      readonly assign: boolean;
      readonly words: readonly Word[];
    }
  | { readonly n: 'template'; readonly name: string; readonly words: readonly Word[] }
  | {
      readonly n: 'range' | 'if' | 'with';
      readonly vars: readonly string[];
      readonly words: readonly Word[];
      readonly body: Node[];
      readonly otherwise: Node[];
    };

/** An error; `at` is the node being executed (Go's ErrorContext), when known. */
class TemplateError extends Error {
  at: readonly [number, number] | undefined;
  /** The node's own text, when it starts before its position (a field chain). */
  node: readonly [number, number] | undefined;
  constructor(message: string, at?: readonly [number, number]) {
    super(message);
    this.at = at;
  }
}

/** Where each word sits in the template: [start, end) offsets. */
const SPAN = new WeakMap<object, readonly [number, number]>();

/** Gives an error without a position the span of `node`. */
function located<T>(node: object | undefined, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TemplateError && e.at === undefined && node !== undefined)
      e.at = SPAN.get(node);
    throw e;
  }
}

/** A Go int (literals, `len`, range indexes), as opposed to JSON's float64 numbers. */
class GoInt {
  readonly v: number;
  constructor(v: number) {
    this.v = v;
  }
}

/** The number behind a Go int or float64, or undefined. */
function num(v: unknown): number | undefined {
  if (v instanceof GoInt) return v.v;
  return typeof v === 'number' ? v : undefined;
}

/** Splits the template into text and actions, applying trim markers. */
function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let trimNext = false;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      if (text !== '') out.push({ t: 'text', text });
      break;
    }
    let start = open + 2;
    if (src[start] === '-' && /\s/.test(src[start + 1] ?? '')) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    if (text !== '') out.push({ t: 'text', text });
    const close = findClose(src, start);
    if (close < 0) throw new TemplateError('unclosed action');
    let end = close;
    if (src[close - 1] === '-' && /\s/.test(src[close - 2] ?? '')) {
      end = close - 1;
      trimNext = true;
    }
    const body = src.slice(start, end);
    // {{/* a comment */}}: Go requires the comment right after the delimiters.
    if (/^\s?\/\*[\s\S]*\*\/\s?$/.test(body)) {
      i = close + 2;
      continue;
    }
    out.push({ t: 'action', words: words(body, start), src: body.trim() });
    i = close + 2;
  }
  return out;
}

/** The index of the `}}` that closes an action, skipping string literals. */
function findClose(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      if (i >= src.length) throw new TemplateError('unterminated quoted string');
    } else if (c === '`') {
      const e = src.indexOf('`', i + 1);
      if (e < 0) throw new TemplateError('unterminated raw quoted string');
      i = e;
    } else if (c === '}' && src[i + 1] === '}') {
      return i;
    }
    i++;
  }
  return -1;
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/** Splits an action's body (at offset `base` of the template) into words. */
function words(body: string, base: number): Word[] {
  const out: Word[] = [];
  let i = 0;
  const n = body.length;
  while (i < n) {
    const from = i;
    const before = out.length;
    try {
      wordAt();
    } finally {
      const last = out[out.length - 1];
      if (out.length > before && last !== undefined) SPAN.set(last, [base + from, base + i]);
    }
  }
  return out;

  function wordAt(): void {
    const c = body[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      return;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < n && body[i] !== '"') {
        if (body[i] === '\\') {
          const e = body[i + 1] ?? '';
          const mapped = ESCAPES[e];
          if (mapped === undefined) throw new TemplateError(`invalid syntax`);
          s += mapped;
          i += 2;
        } else {
          s += body[i];
          i++;
        }
      }
      i++;
      out.push({ w: 'lit', value: s });
      return;
    }
    if (c === '`') {
      const e = body.indexOf('`', i + 1);
      out.push({ w: 'lit', value: body.slice(i + 1, e) });
      i = e + 1;
      return;
    }
    if (c === '(') {
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        if (body[j] === '(') depth++;
        else if (body[j] === ')') depth--;
        j++;
      }
      if (depth > 0) throw new TemplateError('unclosed left paren');
      // `(index .items 0).metadata.name`: a field chain right after the parenthesis.
      const chain = /^(\.[A-Za-z0-9_]+)+/.exec(body.slice(j));
      const path = chain ? chain[0].slice(1).split('.') : [];
      out.push({ w: 'paren', words: words(body.slice(i + 1, j - 1), base + i + 1), path });
      i = j + (chain ? chain[0].length : 0);
      return;
    }
    if (c === ')') throw new TemplateError("unexpected right paren U+0029 ')'");
    if (c === '|') {
      out.push({ w: 'pipe' });
      i++;
      return;
    }
    let j = i;
    while (j < n && !/[\s()"|]/.test(body[j] ?? '')) j++;
    let word = body.slice(i, j);
    i = j;
    // `$i, $c :=` and `$c :=`
    if (
      word.startsWith('$') &&
      (word.endsWith(',') || body.slice(i).trimStart().startsWith(':='))
    ) {
      const vars = [word.replace(/,$/, '')];
      let rest = body.slice(i);
      if (word.endsWith(',')) {
        const m = /^\s*(\$[A-Za-z0-9_]*)/.exec(rest);
        if (!m?.[1]) throw new TemplateError('too many declarations');
        vars.push(m[1]);
        rest = rest.slice(m[0].length);
      }
      const m2 = /^\s*:?=/.exec(rest);
      if (!m2) throw new TemplateError(`unexpected "," in range`);
      i = n - rest.length + m2[0].length;
      out.push({ w: 'decl', vars });
      return;
    }
    if (word === 'true' || word === 'false') out.push({ w: 'lit', value: word === 'true' });
    else if (word === 'nil') out.push({ w: 'lit', value: null });
    else if (/^-?\d+$/.test(word)) out.push({ w: 'lit', value: new GoInt(Number(word)) });
    else if (/^-?\d+\.\d*([eE][-+]?\d+)?$/.test(word)) out.push({ w: 'lit', value: Number(word) });
    else if (word.startsWith('.') || word.startsWith('$')) {
      let base: string | null = null;
      if (word.startsWith('$')) {
        const dot = word.indexOf('.');
        base = dot < 0 ? word : word.slice(0, dot);
        word = dot < 0 ? '' : word.slice(dot);
      }
      const path = word === '.' || word === '' ? [] : word.slice(1).split('.');
      if (path.some((p) => p === '')) throw new TemplateError(`unexpected . after term`);
      out.push({ w: 'field', base, path });
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) out.push({ w: 'ident', name: word });
    else throw new TemplateError(`unexpected bad character U+${hex(word)} in command`);
  }
}

function hex(word: string): string {
  return (word.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** A parsed template: its main body and the templates `{{define}}` and `{{block}}` named. */
interface Parsed {
  readonly nodes: Node[];
  readonly defines: Map<string, Node[]>;
}

type Ended =
  { readonly ended: 'end' | 'eof' } | { readonly ended: 'else'; readonly chain: readonly Word[] };

/** Builds the node tree from the tokens. */
function parse(tokens: readonly Token[]): Parsed {
  let pos = 0;
  const defines = new Map<string, Node[]>();
  const nameOf = (w: Word | undefined, what: string): string => {
    if (w?.w !== 'lit' || typeof w.value !== 'string')
      throw new TemplateError(`unexpected ${w === undefined ? 'EOF' : 'name'} in ${what} clause`);
    return w.value;
  };
  /** `{{if|with|range …}}` up to its `{{end}}`, following `{{else if …}}` chains. */
  const control = (name: 'range' | 'if' | 'with', rest: readonly Word[]): Node => {
    let vars: readonly string[] = [];
    let expr = rest;
    if (rest[0]?.w === 'decl') {
      vars = rest[0].vars;
      expr = rest.slice(1);
    }
    if (expr.length === 0) throw new TemplateError(`missing value for ${name}`);
    const body = block(name);
    let otherwise: Node[] = [];
    if (body.ended === 'else') {
      const [next, ...chained] = body.chain;
      if (next === undefined) {
        const e = block(name);
        if (e.ended !== 'end') throw new TemplateError('unexpected EOF');
        otherwise = e.nodes;
      } else if (next.w === 'ident' && (next.name === 'if' || next.name === 'with')) {
        // {{else if …}} is {{else}}{{if …}}…{{end}}{{end}} sharing one {{end}}.
        otherwise = [control(next.name, chained)];
      } else throw new TemplateError('expected end; found ' + describeWord(next));
    } else if (body.ended === 'eof') throw new TemplateError('unexpected EOF');
    return { n: name, vars, words: expr, body: body.nodes, otherwise };
  };
  const block = (inside: string | undefined): { nodes: Node[] } & Ended => {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const tok = tokens[pos++];
      if (tok === undefined) break;
      if (tok.t === 'text') {
        nodes.push({ n: 'text', text: tok.text });
        continue;
      }
      const [first, ...rest] = tok.words;
      if (first === undefined) throw new TemplateError('missing value for command');
      if (first.w === 'ident' && (first.name === 'end' || first.name === 'else')) {
        if (inside === undefined) throw new TemplateError(`unexpected {{${first.name}}}`);
        if (first.name === 'else') {
          if (inside === 'define' || inside === 'block')
            throw new TemplateError('unexpected {{else}}');
          return { nodes, ended: 'else', chain: rest };
        }
        return { nodes, ended: 'end' };
      }
      if (
        first.w === 'ident' &&
        (first.name === 'range' || first.name === 'if' || first.name === 'with')
      ) {
        nodes.push(control(first.name, rest));
        continue;
      }
      if (first.w === 'ident' && (first.name === 'define' || first.name === 'block')) {
        if (first.name === 'define' && inside !== undefined)
          throw new TemplateError('unexpected <define> in command');
        const name = nameOf(rest[0], first.name);
        const body = block(first.name);
        if (body.ended !== 'end') throw new TemplateError('unexpected EOF');
        defines.set(name, body.nodes);
        // {{block "x" .}}…{{end}} defines x and runs it in place.
        if (first.name === 'block') nodes.push({ n: 'template', name, words: rest.slice(1) });
        continue;
      }
      if (first.w === 'ident' && first.name === 'template') {
        nodes.push({ n: 'template', name: nameOf(rest[0], 'template'), words: rest.slice(1) });
        continue;
      }
      if (first.w === 'decl') {
        if (rest.length === 0) throw new TemplateError('missing value for command');
        const assign = !/:=/.test(tok.src);
        nodes.push({ n: 'decl', vars: first.vars, assign, words: rest });
        continue;
      }
      nodes.push({ n: 'print', words: tok.words });
    }
    if (inside !== undefined) throw new TemplateError('unexpected EOF');
    return { nodes, ended: 'eof' };
  };
  return { nodes: block(undefined).nodes, defines };
}

function describeWord(w: Word): string {
  if (w.w === 'ident') return w.name;
  if (w.w === 'lit') return JSON.stringify(w.value);
  return 'command';
}

/** Go's `%v` of a float64: shortest digits, `%e` form when the exponent is < -4 or >= 6 (fmt uses precision 6 for that decision). */
function formatFloat(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 6) {
    const [m = '', e = '0'] = v.toExponential().split('e');
    const en = Number(e);
    return `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(v);
}

/** How `{{…}}` prints a value (fmt's `%v`). */
export function goValue(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (v instanceof GoInt) return String(v.v);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    return `map[${Object.keys(rec)
      .sort()
      .map((k) => `${k}:${goValue(rec[k])}`)
      .join(' ')}]`;
  }
  return typeof v === 'bigint' || typeof v === 'symbol' ? v.toString() : '';
}

function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (v instanceof GoInt) return v.v !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

type Scope = Map<string, unknown>;

function fieldOf(v: unknown, key: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const rec = v as Record<string, unknown>;
    return Object.hasOwn(rec, key) ? rec[key] : undefined;
  }
  throw new TemplateError(`can't evaluate field ${key} in type ${goType(v)}`);
}

function goType(v: unknown): string {
  if (v instanceof GoInt) return 'int';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'interface {}';
}

function printf(format: string, args: readonly unknown[]): string {
  let k = 0;
  return format.replace(/%([sdvq%])/g, (_m, verb: string) => {
    if (verb === '%') return '%';
    const a = args[k++];
    if (a === undefined) return `%!${verb}(MISSING)`;
    if (verb === 'q') return JSON.stringify(typeof a === 'string' ? a : goValue(a));
    // %d of a float64 is Go's bad-verb form.
    if (verb === 'd' && typeof a === 'number') return `%!d(float64=${formatFloat(a)})`;
    if (verb === 'd' && typeof a === 'string') return `%!d(string=${a})`;
    return goValue(a);
  });
}

type Kind = 'int' | 'float' | 'string' | 'bool' | 'other';

function basicKind(v: unknown): Kind {
  if (v instanceof GoInt) return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'other';
}

/** text/template's eq for two values (errBadComparison across basic kinds). */
function goEq(fn: string, a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return a === b;
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) throw new TemplateError(`error calling ${fn}: incompatible types for comparison`);
  if (ka === 'other') throw new TemplateError(`error calling ${fn}: invalid type for comparison`);
  return (num(a) ?? a) === (num(b) ?? b);
}

/** text/template's lt; le/gt/ge derive from it. */
function goLt(fn: string, a: unknown, b: unknown): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'bool' || ka === 'other' || kb === 'bool' || kb === 'other')
    throw new TemplateError(`error calling ${fn}: invalid type for comparison`);
  if (ka !== kb) throw new TemplateError(`error calling ${fn}: incompatible types for comparison`);
  const x = num(a) ?? a;
  const y = num(b) ?? b;
  return (x as number | string) < (y as number | string);
}

/** Evaluates a pipeline: each command's result is the last argument of the next. */
function evalWords(ws: readonly Word[], dot: unknown, scope: Scope): unknown {
  const commands: Word[][] = [[]];
  for (const w of ws) {
    if (w.w === 'pipe') commands.push([]);
    else commands[commands.length - 1]?.push(w);
  }
  let result: unknown;
  commands.forEach((cmd, i) => {
    const first = cmd[0];
    const last = cmd[cmd.length - 1];
    if (first === undefined || last === undefined) throw new TemplateError('missing command');
    const from = SPAN.get(first);
    const to = SPAN.get(last);
    if (from !== undefined && to !== undefined) SPAN.set(cmd, [from[0], to[1]]);
    result = located(cmd, () => evalCommand(cmd, dot, scope, i === 0 ? [] : [result]));
  });
  return result;
}

function evalCommand(
  ws: readonly Word[],
  dot: unknown,
  scope: Scope,
  piped: readonly unknown[],
): unknown {
  const [first, ...rest] = ws;
  if (first === undefined) throw new TemplateError('missing value for command');
  if (first.w === 'ident') {
    const args = [...rest.map((w) => evalWord(w, dot, scope)), ...piped];
    const two = (): [unknown, unknown] => {
      if (args.length !== 2)
        throw new TemplateError(
          `wrong number of args for ${first.name}: want 2 got ${String(args.length)}`,
        );
      return [args[0], args[1]];
    };
    switch (first.name) {
      case 'index': {
        let v = args[0];
        for (const key of args.slice(1)) {
          if (Array.isArray(v)) {
            const k = num(key);
            if (k === undefined || k < 0 || k >= v.length) {
              throw new TemplateError(`error calling index: index out of range: ${goValue(key)}`);
            }
            v = v[k];
          } else if (v !== null && typeof v === 'object') {
            v = (v as Record<string, unknown>)[String(key)];
          } else {
            throw new TemplateError(`error calling index: cannot index slice/array with nil`);
          }
        }
        return v;
      }
      case 'len': {
        const v = args[0];
        if (Array.isArray(v) || typeof v === 'string') return new GoInt(v.length);
        if (v !== null && typeof v === 'object' && !(v instanceof GoInt))
          return new GoInt(Object.keys(v).length);
        throw new TemplateError(`error calling len: len of type ${goType(v)}`);
      }
      case 'not':
        return !truthy(args[0]);
      case 'and':
        return args.find((a) => !truthy(a)) ?? args[args.length - 1];
      case 'or':
        return args.find((a) => truthy(a)) ?? args[args.length - 1];
      case 'eq':
        if (args.length < 2)
          throw new TemplateError('error calling eq: missing argument for comparison');
        return args.slice(1).some((a) => goEq('eq', args[0], a));
      case 'ne': {
        const [a, b] = two();
        return !goEq('ne', a, b);
      }
      case 'lt': {
        const [a, b] = two();
        return goLt('lt', a, b);
      }
      case 'le': {
        const [a, b] = two();
        return goLt('le', a, b) || goEq('le', a, b);
      }
      case 'gt': {
        const [a, b] = two();
        return !goLt('gt', a, b) && !goEq('gt', a, b);
      }
      case 'ge': {
        const [a, b] = two();
        return !goLt('ge', a, b);
      }
      case 'print':
        return args.map(goValue).join('');
      case 'println':
        return args.map(goValue).join(' ') + '\n';
      case 'printf':
        return printf(typeof args[0] === 'string' ? args[0] : '', args.slice(1));
      default:
        throw new TemplateError(`function "${first.name}" not defined`);
    }
  }
  if (rest.length > 0 || piped.length > 0) {
    const w =
      first.w === 'field' ? '.' + first.path.join('.') : goValue(evalWord(first, dot, scope));
    throw new TemplateError(`can't give argument to non-function ${w}`);
  }
  return evalWord(first, dot, scope);
}

function evalWord(w: Word, dot: unknown, scope: Scope): unknown {
  switch (w.w) {
    case 'lit':
      return w.value;
    case 'ident':
      // A function used as an argument without parentheses: called with no arguments.
      return evalCommand([w], dot, scope, []);
    case 'paren': {
      let v = evalWords(w.words, dot, scope);
      for (const key of w.path) v = fieldOf(v, key);
      return v;
    }
    case 'field': {
      let v: unknown = dot;
      if (w.base !== null) {
        if (!scope.has(w.base)) throw new TemplateError(`undefined variable "${w.base}"`);
        v = scope.get(w.base);
      }
      try {
        for (const key of w.path) v = fieldOf(v, key);
      } catch (e) {
        // parse.go makes `.a.b.c` (and `$x.a`) a chain whose position is its second item.
        const span = SPAN.get(w);
        if (e instanceof TemplateError && e.at === undefined && span !== undefined) {
          const head =
            w.base !== null ? w.base.length : w.path.length > 1 ? 1 + (w.path[0] ?? '').length : 0;
          e.at = [span[0] + head, span[1]];
          e.node = span;
        }
        throw e;
      }
      return v;
    }
    default:
      throw new TemplateError('unexpected word');
  }
}

function exec(
  nodes: readonly Node[],
  dot: unknown,
  outer: Scope,
  defines: ReadonlyMap<string, Node[]>,
  sink: { text: string },
  depth = 0,
): void {
  // Variables declared in this block live until its end (Go's scoping).
  const scope = new Map(outer);
  for (const node of nodes) {
    if (node.n === 'text') sink.text += node.text;
    else if (node.n === 'print') sink.text += goValue(evalWords(node.words, dot, scope));
    else if (node.n === 'decl') {
      const v = evalWords(node.words, dot, scope);
      for (const name of node.vars) {
        if (node.assign && !scope.has(name))
          throw new TemplateError(`undefined variable "${name}"`);
        scope.set(name, v);
        if (node.assign && outer.has(name)) outer.set(name, v);
      }
    } else if (node.n === 'template') {
      const body = defines.get(node.name);
      if (body === undefined) throw new TemplateError(`template "${node.name}" not defined`);
      // text/template caps recursion at 100000; a smaller cap keeps a runaway loop short.
      if (depth > 1000) throw new TemplateError('exceeded maximum template depth (1000)');
      const arg = node.words.length > 0 ? evalWords(node.words, dot, scope) : undefined;
      exec(body, arg, new Map([['$', arg]]), defines, sink, depth + 1);
    } else {
      const v = evalWords(node.words, dot, scope);
      const inner = new Map(scope);
      if (node.n === 'if') {
        exec(truthy(v) ? node.body : node.otherwise, dot, scope, defines, sink, depth);
      } else if (node.n === 'with') {
        if (truthy(v)) {
          if (node.vars[0] !== undefined) inner.set(node.vars[0], v);
          exec(node.body, v, inner, defines, sink, depth);
        } else exec(node.otherwise, dot, scope, defines, sink, depth);
      } else {
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [new GoInt(i), x])
          : v !== null && typeof v === 'object' && !(v instanceof GoInt)
            ? Object.keys(v)
                .sort()
                .map((k) => [k, (v as Record<string, unknown>)[k]])
            : [];
        if (v instanceof GoInt) {
          // Go 1.22+: range over an int counts from 0.
          for (let i = 0; i < v.v; i++) entries.push([new GoInt(i), new GoInt(i)]);
        } else if (v !== undefined && v !== null && typeof v !== 'object') {
          throw new TemplateError(`range can't iterate over ${goValue(v)}`);
        }
        if (entries.length === 0) exec(node.otherwise, dot, scope, defines, sink, depth);
        for (const [k, x] of entries) {
          if (node.vars.length === 1 && node.vars[0] !== undefined) inner.set(node.vars[0], x);
          if (node.vars.length === 2) {
            if (node.vars[0] !== undefined) inner.set(node.vars[0], k);
            if (node.vars[1] !== undefined) inner.set(node.vars[1], x);
          }
          exec(node.body, x, inner, defines, sink, depth);
        }
      }
    }
  }
}

/** Parses and executes `template` against `data` (JSON-shaped). */
export function executeGoTemplate(template: string, data: unknown): TemplateResult {
  let parsed: Parsed;
  try {
    parsed = parse(lex(template));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `error parsing template ${template}, template: output:1: ${msg}` };
  }
  const sink = { text: '' };
  try {
    exec(parsed.nodes, data, new Map([['$', data]]), parsed.defines, sink);
    return { ok: true, output: sink.text };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    let where = 'output:1';
    if (e instanceof TemplateError && e.at !== undefined) {
      // Go's ErrorContext: line, then the byte offset within it; the node as written.
      const [from] = e.at;
      const [start, to] = e.node ?? e.at;
      const before = template.slice(0, from);
      const nl = before.lastIndexOf('\n');
      const line = 1 + before.split('\n').length - 1;
      where = `output:${String(line)}:${String(nl < 0 ? from : from - nl - 1)}: executing "output" at <${template.slice(start, to).trim()}>`;
    }
    const err = `template: ${where}: ${msg}`;
    // printers.TemplatePrinter: what was written so far, then a debugging dump on stdout.
    const dump =
      `Error executing template: ${err}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\traw data was:\n\t\t${goJson(data)}\n` +
      `\tobject given to template engine was:\n\t\t${goValue(data)}\n\n`;
    return {
      ok: false,
      message: `error executing template ${JSON.stringify(template)}: ${err}`,
      output: sink.text + dump,
    };
  }
}
