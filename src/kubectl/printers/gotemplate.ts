/**
 * The subset of Go's text/template that `kubectl get -o go-template=…` / `--template` learners
 * use: field chains (`.metadata.name`, `$c.image`, `$`), string and number literals,
 * `{{range}}` (with `$v :=` or `$i, $v :=`, over lists and maps), `{{if}}`/`{{else}}`,
 * `{{with}}`, `{{end}}`, trim markers (`{{-`, `-}}`), and the functions `index`, `len`, `not`,
 * `eq`, `ne`, `and`, `or`, `print`, `println`, `printf` (%s %d %v %q). Data is JSON-shaped, as
 * kubectl converts objects to JSON before executing the template (numbers are float64 there).
 */

/** The result of executing a template: output or Go's error text. */
export type TemplateResult =
  { readonly ok: true; readonly output: string } | { readonly ok: false; readonly message: string };

type Token =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'action'; readonly words: readonly Word[]; readonly src: string };

type Word =
  | { readonly w: 'field'; readonly base: string | null; readonly path: readonly string[] }
  | { readonly w: 'lit'; readonly value: unknown }
  | { readonly w: 'ident'; readonly name: string }
  | { readonly w: 'decl'; readonly vars: readonly string[] }
  | { readonly w: 'paren'; readonly words: readonly Word[]; readonly path: readonly string[] };

type Node =
  | { readonly n: 'text'; readonly text: string }
  | { readonly n: 'print'; readonly words: readonly Word[] }
  | {
      readonly n: 'range' | 'if' | 'with';
      readonly vars: readonly string[];
      readonly words: readonly Word[];
      readonly body: Node[];
      readonly otherwise: Node[];
    };

class TemplateError extends Error {}

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
    out.push({ t: 'action', words: words(body), src: body.trim() });
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

/** Splits an action's body into words. */
function words(body: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  const n = body.length;
  while (i < n) {
    const c = body[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
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
      continue;
    }
    if (c === '`') {
      const e = body.indexOf('`', i + 1);
      out.push({ w: 'lit', value: body.slice(i + 1, e) });
      i = e + 1;
      continue;
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
      out.push({ w: 'paren', words: words(body.slice(i + 1, j - 1)), path });
      i = j + (chain ? chain[0].length : 0);
      continue;
    }
    if (c === ')') throw new TemplateError("unexpected right paren U+0029 ')'");
    let j = i;
    while (j < n && !/[\s()"]/.test(body[j] ?? '')) j++;
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
      continue;
    }
    if (word === 'true' || word === 'false') out.push({ w: 'lit', value: word === 'true' });
    else if (word === 'nil') out.push({ w: 'lit', value: null });
    else if (/^-?\d+(\.\d+)?$/.test(word)) out.push({ w: 'lit', value: Number(word) });
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
  return out;
}

function hex(word: string): string {
  return (word.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** Builds the node tree from the tokens. */
function parse(tokens: readonly Token[]): Node[] {
  let pos = 0;
  const block = (inside: string | undefined): { nodes: Node[]; ended: 'end' | 'else' | 'eof' } => {
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
        return { nodes, ended: first.name };
      }
      if (
        first.w === 'ident' &&
        (first.name === 'range' || first.name === 'if' || first.name === 'with')
      ) {
        let vars: readonly string[] = [];
        let expr = rest;
        if (rest[0]?.w === 'decl') {
          vars = rest[0].vars;
          expr = rest.slice(1);
        }
        if (expr.length === 0) throw new TemplateError(`missing value for ${first.name}`);
        const body = block(first.name);
        let otherwise: Node[] = [];
        if (body.ended === 'else') {
          const e = block(first.name);
          if (e.ended !== 'end') throw new TemplateError(`unexpected EOF`);
          otherwise = e.nodes;
        } else if (body.ended === 'eof') throw new TemplateError('unexpected EOF');
        nodes.push({ n: first.name, vars, words: expr, body: body.nodes, otherwise });
        continue;
      }
      if (first.w === 'decl') throw new TemplateError('variable declarations are not supported');
      nodes.push({ n: 'print', words: tok.words });
    }
    if (inside !== undefined) throw new TemplateError('unexpected EOF');
    return { nodes, ended: 'eof' };
  };
  return block(undefined).nodes;
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
    return goValue(a);
  });
}

function evalWords(ws: readonly Word[], dot: unknown, scope: Scope): unknown {
  const [first, ...rest] = ws;
  if (first === undefined) throw new TemplateError('missing value for command');
  if (first.w === 'ident') {
    const args = rest.map((w) => evalWords([w], dot, scope));
    switch (first.name) {
      case 'index': {
        let v = args[0];
        for (const key of args.slice(1)) {
          if (Array.isArray(v)) {
            if (typeof key !== 'number' || key < 0 || key >= v.length) {
              throw new TemplateError(`error calling index: index out of range: ${goValue(key)}`);
            }
            v = v[key];
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
        if (Array.isArray(v) || typeof v === 'string') return v.length;
        if (v !== null && typeof v === 'object') return Object.keys(v).length;
        throw new TemplateError(`error calling len: len of type ${goType(v)}`);
      }
      case 'not':
        return !truthy(args[0]);
      case 'and':
        return args.find((a) => !truthy(a)) ?? args[args.length - 1];
      case 'or':
        return args.find((a) => truthy(a)) ?? args[args.length - 1];
      case 'eq':
        return args.slice(1).some((a) => a === args[0]);
      case 'ne':
        return args[0] !== args[1];
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
  if (rest.length > 0) {
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
      for (const key of w.path) v = fieldOf(v, key);
      return v;
    }
    default:
      throw new TemplateError('unexpected word');
  }
}

function exec(nodes: readonly Node[], dot: unknown, scope: Scope): string {
  let out = '';
  for (const node of nodes) {
    if (node.n === 'text') out += node.text;
    else if (node.n === 'print') out += goValue(evalWords(node.words, dot, scope));
    else {
      const v = evalWords(node.words, dot, scope);
      const inner = new Map(scope);
      if (node.n === 'if') {
        out += exec(truthy(v) ? node.body : node.otherwise, dot, scope);
      } else if (node.n === 'with') {
        if (truthy(v)) {
          if (node.vars[0] !== undefined) inner.set(node.vars[0], v);
          out += exec(node.body, v, inner);
        } else out += exec(node.otherwise, dot, scope);
      } else {
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v !== null && typeof v === 'object'
            ? Object.keys(v)
                .sort()
                .map((k) => [k, (v as Record<string, unknown>)[k]])
            : [];
        if (v !== undefined && v !== null && typeof v !== 'object') {
          throw new TemplateError(`range can't iterate over ${goValue(v)}`);
        }
        if (entries.length === 0) out += exec(node.otherwise, dot, scope);
        for (const [k, x] of entries) {
          if (node.vars.length === 1 && node.vars[0] !== undefined) inner.set(node.vars[0], x);
          if (node.vars.length === 2) {
            if (node.vars[0] !== undefined) inner.set(node.vars[0], k);
            if (node.vars[1] !== undefined) inner.set(node.vars[1], x);
          }
          out += exec(node.body, x, inner);
        }
      }
    }
  }
  return out;
}

/** Parses and executes `template` against `data` (JSON-shaped). */
export function executeGoTemplate(template: string, data: unknown): TemplateResult {
  let nodes: Node[];
  try {
    nodes = parse(lex(template));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `error parsing template ${template}, template: output:1: ${msg}` };
  }
  try {
    return { ok: true, output: exec(nodes, data, new Map([['$', data]])) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      message: `error executing template "${template}": template: output:1: ${msg}`,
    };
  }
}
