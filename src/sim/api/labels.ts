/**
 * Label selectors: the structured form (matchLabels + matchExpressions) and the string form
 * kubectl sends with `-l` (`a=b,c!=d,e in (x,y),f notin (z),g,!h`), both compiled into a list of
 * requirements that are ANDed together, as in apimachinery's `labels` package.
 */
import type { LabelSelector, StringMap } from './types.ts';

/** One requirement of a selector. */
export interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

/** A compiled selector: every requirement must hold. An empty list matches everything. */
export type Selector = readonly Requirement[];

/** A selector that matches nothing (what a nil LabelSelector means to controllers). */
export const NOTHING: Selector = [{ key: '', operator: 'In', values: [] }];

/** True when `labels` satisfy every requirement of `selector`. */
export function matches(selector: Selector, labels: StringMap | undefined): boolean {
  for (const r of selector) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = has ? labels[r.key] : undefined;
    switch (r.operator) {
      case 'In':
        if (value === undefined || !r.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && r.values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** Compiles a metav1.LabelSelector; undefined compiles to a selector that matches nothing. */
export function fromLabelSelector(sel: LabelSelector | undefined): Selector {
  if (sel === undefined) return NOTHING;
  const out: Requirement[] = [];
  for (const key of Object.keys(sel.matchLabels ?? {}).sort()) {
    out.push({ key, operator: 'In', values: [sel.matchLabels?.[key] ?? ''] });
  }
  for (const e of sel.matchExpressions ?? []) {
    out.push({ key: e.key, operator: e.operator, values: [...(e.values ?? [])] });
  }
  return out;
}

/** Compiles a plain label map (a Service selector) into a selector. */
export function fromMap(map: StringMap): Selector {
  return Object.keys(map)
    .sort()
    .map((key) => ({ key, operator: 'In' as const, values: [map[key] ?? ''] }));
}

/** The outcome of parsing a string selector. */
export type ParseResult = { ok: true; selector: Selector } | { ok: false; message: string };

/** Parses the `-l` string syntax. Errors are returned, never thrown. */
export function parseSelector(input: string): ParseResult {
  const out: Requirement[] = [];
  const s = input.trim();
  if (s === '') return { ok: true, selector: out };
  let i = 0;
  const skipSpace = (): void => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const readKey = (): string => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9._/-]/.test(s[i] ?? '')) i++;
    return s.slice(start, i);
  };
  const readValue = (): string => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9._-]/.test(s[i] ?? '')) i++;
    return s.slice(start, i);
  };
  for (;;) {
    skipSpace();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
      skipSpace();
    }
    const key = readKey();
    if (key === '')
      return {
        ok: false,
        message: `unable to parse requirement: found '${s[i] ?? ''}', expected: identifier`,
      };
    skipSpace();
    if (negate) {
      out.push({ key, operator: 'DoesNotExist', values: [] });
    } else if (i >= s.length || s[i] === ',') {
      out.push({ key, operator: 'Exists', values: [] });
    } else if (s.startsWith('!=', i)) {
      i += 2;
      skipSpace();
      out.push({ key, operator: 'NotIn', values: [readValue()] });
    } else if (s.startsWith('==', i) || s[i] === '=') {
      i += s.startsWith('==', i) ? 2 : 1;
      skipSpace();
      out.push({ key, operator: 'In', values: [readValue()] });
    } else if (/^(in|notin)\s*\(/.test(s.slice(i))) {
      const op = s.startsWith('notin', i) ? 'NotIn' : 'In';
      i = s.indexOf('(', i) + 1;
      const close = s.indexOf(')', i);
      if (close < 0)
        return { ok: false, message: `unable to parse requirement: found '', expected: ')'` };
      const values = s
        .slice(i, close)
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
      i = close + 1;
      out.push({ key, operator: op, values });
    } else {
      return {
        ok: false,
        message: `unable to parse requirement: found '${s.slice(i)}', expected: in, notin, =, ==, !=, gt, lt`,
      };
    }
    skipSpace();
    if (i >= s.length) break;
    if (s[i] !== ',')
      return { ok: false, message: `found '${s[i] ?? ''}', expected: ',' or 'end of string'` };
    i++;
  }
  return { ok: true, selector: out };
}

/** Renders a LabelSelector as kubectl describe does (`app=nginx,tier in (a,b)`). */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  if (sel === undefined) return '<none>';
  const parts: string[] = [];
  for (const key of Object.keys(sel.matchLabels ?? {}).sort()) {
    parts.push(`${key}=${sel.matchLabels?.[key] ?? ''}`);
  }
  for (const e of sel.matchExpressions ?? []) {
    const vals = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}
