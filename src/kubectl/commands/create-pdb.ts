/**
 * `kubectl create poddisruptionbudget NAME --selector=SELECTOR (--min-available=N |
 * --max-unavailable=N)` (alias `pdb`; kubectl pkg/cmd/create/create_pdb.go): validates the flags
 * as `PodDisruptionBudgetOpts.Validate` does, builds a policy/v1 PodDisruptionBudget (the
 * selector through `metav1.ParseToLabelSelector`, the bound through `intstr.Parse`) and creates
 * it: `poddisruptionbudget.policy/NAME created`.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../../sim/index.ts';
import { parseSelector } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagString } from '../flags.ts';
import { plainError, renderStatus, usageError } from '../errors.ts';
import type { CommandContext } from './context.ts';
import { dryRunOf, namespaceOf } from './context.ts';

/** The subcommand's own flags (merged into `kubectl create`'s). */
export const CREATE_PDB_FLAGS: readonly FlagSpec[] = [
  { name: 'selector', type: 'string' },
  { name: 'min-available', type: 'string' },
  { name: 'max-unavailable', type: 'string' },
];

/** Splits a selector at top-level commas (not inside `in (a,b)`). */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of selector) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

/** metav1.ParseToLabelSelector: equality terms become matchLabels, the rest matchExpressions. */
function toLabelSelector(selector: string): LabelSelector | string {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const term of terms(selector)) {
    const eq = /^([^=!\s]+)\s*==?\s*([^=!\s]*)$/.exec(term);
    if (eq?.[1] !== undefined) {
      matchLabels[eq[1]] = eq[2] ?? '';
      continue;
    }
    const parsed = parseSelector(term);
    if (!parsed.ok) return parsed.message;
    for (const r of parsed.selector) {
      matchExpressions.push({
        key: r.key,
        operator: r.operator,
        ...(r.values.length > 0 ? { values: [...r.values] } : {}),
      });
    }
  }
  return {
    ...(Object.keys(matchLabels).length > 0 ? { matchLabels } : {}),
    ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}

/** intstr.Parse: a plain number is an int, anything else a string. */
function intOrString(v: string): number | string {
  return /^[0-9]+$/.test(v) ? Number(v) : v;
}

/** Runs `kubectl create poddisruptionbudget`. */
export function runCreatePdb(ctx: CommandContext): number {
  const { io, cluster } = ctx;
  const names = ctx.args.slice(1);
  if (names.length !== 1) {
    io.err(
      usageError(
        'create poddisruptionbudget',
        `exactly one NAME is required, got ${String(names.length)}`,
      ),
    );
    return 1;
  }
  const name = names[0] ?? '';
  const selector = flagString(ctx.flags, 'selector') ?? '';
  const minAvailable = flagString(ctx.flags, 'min-available') ?? '';
  const maxUnavailable = flagString(ctx.flags, 'max-unavailable') ?? '';
  const problem =
    selector === ''
      ? 'a selector must be specified'
      : minAvailable === '' && maxUnavailable === ''
        ? 'one of min-available or max-unavailable must be specified'
        : minAvailable !== '' && maxUnavailable !== ''
          ? 'min-available and max-unavailable cannot be both specified'
          : minAvailable !== '' && !/^[0-9]+%?$/.test(minAvailable)
            ? 'invalid format specified for min-available'
            : maxUnavailable !== '' && !/^[0-9]+%?$/.test(maxUnavailable)
              ? 'invalid format specified for max-unavailable'
              : undefined;
  if (problem !== undefined) {
    io.err(plainError(problem));
    return 1;
  }
  const sel = toLabelSelector(selector);
  if (typeof sel === 'string') {
    io.err(plainError(sel));
    return 1;
  }
  const dry = dryRunOf(ctx);
  if (typeof dry === 'object') {
    io.err(dry.error);
    return 1;
  }
  const obj = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: namespaceOf(ctx) },
    spec: {
      ...(minAvailable !== '' ? { minAvailable: intOrString(minAvailable) } : {}),
      ...(maxUnavailable !== '' ? { maxUnavailable: intOrString(maxUnavailable) } : {}),
      selector: sel,
    },
  };
  if (dry === 'client') {
    io.out(`poddisruptionbudget.policy/${name} created (dry run)\n`);
    return 0;
  }
  const res = dry === 'server' ? cluster.validate(obj) : cluster.create(obj);
  if (!res.ok) {
    io.err(renderStatus(res.status));
    return 1;
  }
  io.out(
    `poddisruptionbudget.policy/${name} created${dry === 'server' ? ' (server dry run)' : ''}\n`,
  );
  return 0;
}
