/**
 * A subset of kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath): literal text,
 * `{.a.b}`, `{.items[*].metadata.name}`, `{.items[0]}`, `{.a['key.with.dots']}`, `{range ...}`
 * ... `{end}`, string literals `{"\n"}` and `{@}`. Several results of one expression are joined
 * by a space; missing keys print nothing (kubectl allows missing keys); no newline is added.
 * Parse errors are returned as data with kubectl's wording where known.
 */
import { own } from '../json-utils.ts';

type Step =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number | '*' }
  | { readonly kind: 'slice'; readonly start?: number; readonly end?: number }
  | { readonly kind: 'recursive'; readonly name: string }
  | {
      readonly kind: 'filter';
      readonly left: readonly Step[];
      readonly op?: string;
      readonly right?: { readonly literal: unknown } | { readonly path: readonly Step[] };
    };

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'path'; readonly steps: readonly Step[] }
  | { readonly kind: 'range'; readonly steps: readonly Step[]; readonly body: readonly Node[] };

/** A parsed template or the reason it could not be parsed. */
export type JsonPathResult =
  { readonly ok: true; readonly output: string } | { readonly ok: false; readonly message: string };

function unquote(s: string): string {
  // JSONPath string literals use Go's strconv.Unquote rules; the common escapes are enough here.
  return s.replace(/\\(["\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function parsePath(expr: string): Step[] | string {
  const steps: Step[] = [];
  let i = 0;
  let s = expr.trim();
  if (s.startsWith('$')) s = s.slice(1);
  if (s === '@' || s === '') return steps;
  if (s.startsWith('@')) s = s.slice(1);
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      if (s[i + 1] === '.') {
        i += 2;
        const m = /^[A-Za-z0-9_\-$]+/.exec(s.slice(i));
        if (!m) return `unrecognized identifier ${s.slice(i)}`;
        steps.push({ kind: 'recursive', name: m[0] });
        i += m[0].length;
        continue;
      }
      i++;
      const m = /^[A-Za-z0-9_\-$/]*/.exec(s.slice(i));
      const name = m?.[0] ?? '';
      if (name === '') {
        if (i >= s.length) break;
        continue;
      }
      steps.push({ kind: 'field', name });
      i += name.length;
    } else if (
      c === '[' &&
      s
        .slice(i + 1)
        .trimStart()
        .startsWith('?(')
    ) {
      // [?(@.type=="Ready")]: a filter; find its closing parenthesis, skipping quotes.
      const start = s.indexOf('?(', i) + 2;
      let depth = 1;
      let j = start;
      let quote: string | undefined;
      for (; j < s.length && depth > 0; j++) {
        const ch = s[j];
        if (quote !== undefined) {
          if (ch === '\\') j++;
          else if (ch === quote) quote = undefined;
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '(') depth++;
        else if (ch === ')') depth--;
      }
      if (depth > 0) return 'unclosed filter';
      const close = s.indexOf(']', j);
      if (close < 0) return 'unterminated array';
      const filter = parseFilter(s.slice(start, j - 1));
      if (typeof filter === 'string') return filter;
      steps.push(filter);
      i = close + 1;
    } else if (c === '[') {
      const close = s.indexOf(']', i);
      if (close < 0) return 'unterminated array';
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ kind: 'index', index: '*' });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^(-?\d+)?:(-?\d+)?$/.test(inner)) {
        const [a, b] = inner.split(':');
        steps.push({
          kind: 'slice',
          ...(a ? { start: Number(a) } : {}),
          ...(b ? { end: Number(b) } : {}),
        });
      } else return `invalid array index ${inner}`;
    } else {
      return `unrecognized character in action: ${JSON.stringify(c ?? '')}`;
    }
  }
  return steps;
}

/** The inside of `[?( … )]`: `@.path`, or `@.path OP literal-or-path`. */
function parseFilter(expr: string): Step | string {
  const m = /^\s*(@[^=!<>\s]*)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*$/.exec(expr);
  if (m?.[1] === undefined) return `unrecognized filter ${expr}`;
  const left = parsePath(m[1]);
  if (typeof left === 'string') return left;
  if (m[2] === undefined) return { kind: 'filter', left };
  const raw = m[3] ?? '';
  let right: { literal: unknown } | { path: readonly Step[] };
  if (/^".*"$|^'.*'$/s.test(raw)) right = { literal: unquote(raw.slice(1, -1)) };
  else if (/^-?\d+(\.\d+)?$/.test(raw)) right = { literal: Number(raw) };
  else if (raw === 'true' || raw === 'false') right = { literal: raw === 'true' };
  else if (raw.startsWith('@') || raw.startsWith('$')) {
    const path = parsePath(raw);
    if (typeof path === 'string') return path;
    right = { path };
  } else return `unrecognized filter ${expr}`;
  return { kind: 'filter', left, op: m[2], right };
}

/** client-go jsonpath evalFilter's comparison of one candidate. */
function filterMatches(
  step: Extract<Step, { kind: 'filter' }>,
  item: unknown,
  root: unknown,
): boolean {
  const [left] = evaluate(step.left, item);
  if (left === undefined) return false;
  if (step.op === undefined || step.right === undefined) return true;
  const right = 'literal' in step.right ? step.right.literal : evaluate(step.right.path, root)[0];
  if (right === undefined) return false;
  const bothNumbers = typeof left === 'number' && typeof right === 'number';
  switch (step.op) {
    case '==':
      return bothNumbers ? left === right : format(left) === format(right);
    case '!=':
      return bothNumbers ? left !== right : format(left) !== format(right);
    default: {
      if (!bothNumbers) return false;
      if (step.op === '<') return left < right;
      if (step.op === '>') return left > right;
      if (step.op === '<=') return left <= right;
      return left >= right;
    }
  }
}

function parseTemplate(tpl: string): { nodes: Node[] } | { error: string } {
  const root: Node[] = [];
  const stack: { steps: Step[]; body: Node[] }[] = [];
  const current = (): Node[] => stack[stack.length - 1]?.body ?? root;
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open < 0) {
      current().push({ kind: 'text', text: tpl.slice(i) });
      break;
    }
    if (open > i) current().push({ kind: 'text', text: tpl.slice(i, open) });
    // Find the matching close brace, skipping quoted strings.
    let j = open + 1;
    let quote: string | undefined;
    for (; j < tpl.length; j++) {
      const c = tpl[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '}') break;
    }
    if (j >= tpl.length) return { error: 'unclosed action' };
    const action = tpl.slice(open + 1, j).trim();
    i = j + 1;
    if (action.startsWith('range')) {
      const steps = parsePath(action.slice(5));
      if (typeof steps === 'string') return { error: steps };
      stack.push({ steps, body: [] });
    } else if (action === 'end') {
      const top = stack.pop();
      if (top === undefined) return { error: 'not in range, nothing to end' };
      current().push({ kind: 'range', steps: top.steps, body: top.body });
    } else if (/^".*"$/s.test(action)) {
      current().push({ kind: 'text', text: unquote(action.slice(1, -1)) });
    } else if (/^'.*'$/s.test(action)) {
      current().push({ kind: 'text', text: action.slice(1, -1) });
    } else {
      const steps = parsePath(action);
      if (typeof steps === 'string') return { error: steps };
      current().push({ kind: 'path', steps });
    }
  }
  if (stack.length > 0) return { error: 'unclosed range' };
  return { nodes: root };
}

/** An execution error of client-go's jsonpath (`array index out of bounds: …`). */
class JsonPathExecError extends Error {}

/**
 * The values `steps` select. With `strict` (kubectl get -o jsonpath), an index or slice outside
 * the list is client-go evalArray's error; missing map keys are always allowed.
 */
function evaluate(steps: readonly Step[], input: unknown, strict = false): unknown[] {
  let values: unknown[] = [input];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of values) {
      if (step.kind === 'field') {
        const child = own(v, step.name);
        if (child !== undefined) next.push(child);
      } else if (step.kind === 'index') {
        if (!Array.isArray(v)) continue;
        if (step.index === '*') next.push(...(v as unknown[]));
        else {
          const idx = step.index < 0 ? v.length + step.index : step.index;
          if (idx >= 0 && idx < v.length) next.push(v[idx]);
          else if (strict)
            throw new JsonPathExecError(
              `array index out of bounds: index ${String(idx)}, length ${String(v.length)}`,
            );
        }
      } else if (step.kind === 'filter') {
        if (Array.isArray(v))
          for (const item of v as unknown[]) if (filterMatches(step, item, input)) next.push(item);
      } else if (step.kind === 'slice') {
        if (!Array.isArray(v)) continue;
        const len = v.length;
        let from = step.start ?? 0;
        if (from < 0) from += len;
        let to = step.end ?? len;
        if (to < 0) to += len;
        if (strict && to !== from) {
          if (from >= len || from < 0)
            throw new JsonPathExecError(
              `array index out of bounds: index ${String(from)}, length ${String(len)}`,
            );
          if (to > len || to < 0)
            throw new JsonPathExecError(
              `array index out of bounds: index ${String(to - 1)}, length ${String(len)}`,
            );
          if (from > to)
            throw new JsonPathExecError(
              `starting index ${String(from)} is greater than ending index ${String(to)}`,
            );
        }
        next.push(...(v as unknown[]).slice(step.start ?? 0, step.end));
      } else {
        const walk = (x: unknown): void => {
          if (Array.isArray(x)) for (const y of x as unknown[]) walk(y);
          else if (x !== null && typeof x === 'object') {
            const child = own(x, step.name);
            if (child !== undefined) next.push(child);
            for (const y of Object.values(x)) walk(y);
          }
        };
        walk(v);
      }
    }
    values = next;
  }
  return values;
}

function format(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return '<nil>';
  return goJson(v);
}

/**
 * Go's json.Marshal of a decoded object, as jsonpath's PrintResults writes maps and lists: map
 * keys sorted, and `<`, `>`, `&` escaped as \u003c, \u003e, \u0026.
 */
export function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x !== null && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) out[k] = sorted((x as Record<string, unknown>)[k]);
      return out;
    }
    return x;
  };
  return JSON.stringify(sorted(v))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

function run(nodes: readonly Node[], data: unknown, sink?: { text: string }): string {
  const out = sink ?? { text: '' };
  for (const n of nodes) {
    if (n.kind === 'text') out.text += n.text;
    else if (n.kind === 'path')
      out.text += evaluate(n.steps, data, sink !== undefined)
        .map(format)
        .join(' ');
    else {
      let items = evaluate(n.steps, data, sink !== undefined);
      // `{range .items[*]}` iterates the elements; `{range .items}` iterates the list itself.
      if (items.length === 1 && Array.isArray(items[0])) items = items[0] as unknown[];
      for (const item of items) {
        if (sink !== undefined) run(n.body, item, sink);
        else out.text += run(n.body, item);
      }
    }
  }
  return out.text;
}

/** Go's `%#v` of decoded JSON (what kubectl's jsonpath error dump shows). */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    const parts = Object.keys(rec)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSyntax(rec[k])}`);
    return `map[string]interface {}{${parts.join(', ')}}`;
  }
  return '';
}

/**
 * Executes a JSONPath template against `data` (a single object, or a `kind: List`). A parse
 * error is `{ ok: false, message }`; an execution error (an index out of bounds) also carries
 * `exec`: the text kubectl's JSONPathPrinter wraps it in, and what was printed before it.
 */
export function executeJsonPath(
  template: string,
  data: unknown,
): JsonPathResult | { readonly ok: false; readonly message: string; readonly partial: string } {
  const parsed = parseTemplate(template);
  if ('error' in parsed) return { ok: false, message: parsed.error };
  const sink = { text: '' };
  try {
    run(parsed.nodes, data, sink);
  } catch (e) {
    if (!(e instanceof JsonPathExecError)) throw e;
    return {
      ok: false,
      partial: sink.text,
      message:
        `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n\n`,
    };
  }
  return { ok: true, output: sink.text };
}

/**
 * The values one JSONPath expression (`{.spec.nodeName}`) selects, each formatted as kubectl
 * prints it; used by custom columns, which join several values with commas.
 */
export function jsonPathValues(
  template: string,
  data: unknown,
): { ok: true; values: string[] } | { ok: false; message: string } {
  const parsed = parseTemplate(template);
  if ('error' in parsed) return { ok: false, message: parsed.error };
  const values: string[] = [];
  for (const n of parsed.nodes) {
    if (n.kind === 'path') values.push(...evaluate(n.steps, data).map(format));
    else values.push(run([n], data));
  }
  return { ok: true, values };
}
