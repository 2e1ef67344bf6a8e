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
  | { readonly kind: 'recursive'; readonly name: string };

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

function evaluate(steps: readonly Step[], input: unknown): unknown[] {
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
        }
      } else if (step.kind === 'slice') {
        if (Array.isArray(v)) next.push(...(v as unknown[]).slice(step.start ?? 0, step.end));
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
  return JSON.stringify(v);
}

function run(nodes: readonly Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'path') out += evaluate(n.steps, data).map(format).join(' ');
    else {
      let items = evaluate(n.steps, data);
      // `{range .items[*]}` iterates the elements; `{range .items}` iterates the list itself.
      if (items.length === 1 && Array.isArray(items[0])) items = items[0] as unknown[];
      for (const item of items) out += run(n.body, item);
    }
  }
  return out;
}

/** Executes a JSONPath template against `data` (a single object, or a `kind: List`). */
export function executeJsonPath(template: string, data: unknown): JsonPathResult {
  const parsed = parseTemplate(template);
  if ('error' in parsed) return { ok: false, message: parsed.error };
  return { ok: true, output: run(parsed.nodes, data) };
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
