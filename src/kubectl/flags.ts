/**
 * kubectl's command-line grammar as cobra/pflag implement it: long flags with `=` or a separate
 * value, short flags (`-n ns`, `-nns`, `-n=ns`, bundled booleans `-it`), flags anywhere among the
 * positional arguments, and `--` ending flag parsing. Errors carry pflag's exact wording; the
 * caller adds kubectl's `See 'kubectl <cmd> --help' for usage.` line.
 */

/** How a flag takes its value. */
export type FlagType = 'bool' | 'string' | 'int' | 'strings';

/** One flag a command accepts. */
export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: FlagType;
  /**
   * pflag's NoOptDefVal: the value of the flag given without `=value`. Such a flag never takes
   * the next word as its value (`--dry-run client` leaves `client` a positional argument).
   */
  readonly noOptDefVal?: string;
}

/** kubectl's `--dry-run` flag (cmdutil.AddDryRunFlag: a string with NoOptDefVal "unchanged"). */
export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' };

/** Parsed flags: the last value for scalars, every value for `strings` flags. */
export type FlagValues = ReadonlyMap<string, string | boolean | number | readonly string[]>;

/** The outcome of parsing a command line. */
export type ParsedArgs =
  | {
      readonly ok: true;
      readonly args: readonly string[];
      readonly flags: FlagValues;
      /** Arguments after `--` (kubectl exec's command). */
      readonly dashArgs: readonly string[];
      /** True when `--` was given (cobra's ArgsLenAtDash ≥ 0). */
      readonly dash?: boolean;
    }
  | { readonly ok: false; readonly message: string };

/** Flags every kubectl command accepts (kubectl's persistent flags). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'help', short: 'h', type: 'bool' },
];

function parseGoInt(flag: string, value: string): number | string {
  if (/^[+-]?\d+$/.test(value)) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
    return `invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": value out of range`;
  }
  return `invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`;
}

/** Go's strconv.ParseBool: the spellings it accepts and what they mean. */
export const GO_BOOLS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  true: true,
  TRUE: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  false: false,
  FALSE: false,
  False: false,
};

/** Parses `argv` (the words after the verb) against the command's flags plus the global ones. */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const all = [...specs, ...GLOBAL_FLAGS];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short ?? '', s]));
  const flags = new Map<string, string | boolean | number | readonly string[]>();
  const args: string[] = [];
  const set = (spec: FlagSpec, display: string, value: string): string | undefined => {
    switch (spec.type) {
      case 'bool': {
        const b = Object.hasOwn(GO_BOOLS, value) ? GO_BOOLS[value] : undefined;
        if (b === undefined)
          return `invalid argument "${value}" for "${display}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
        flags.set(spec.name, b);
        return undefined;
      }
      case 'int': {
        const n = parseGoInt(display, value);
        if (typeof n === 'string') return n;
        flags.set(spec.name, n);
        return undefined;
      }
      case 'strings': {
        const prev = flags.get(spec.name);
        const list = Array.isArray(prev) ? [...(prev as readonly string[])] : [];
        list.push(value);
        flags.set(spec.name, list);
        return undefined;
      }
      case 'string':
        flags.set(spec.name, value);
        return undefined;
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      return { ok: true, args, flags, dashArgs: argv.slice(i + 1), dash: true };
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (spec === undefined) return { ok: false, message: `unknown flag: --${name}` };
      const display = `--${name}`;
      let value: string;
      if (eq >= 0) value = a.slice(eq + 1);
      else if (spec.type === 'bool') value = 'true';
      else if (spec.noOptDefVal !== undefined) value = spec.noOptDefVal;
      else if (i + 1 < argv.length) value = argv[++i] ?? '';
      else return { ok: false, message: `flag needs an argument: ${display}` };
      const err = set(spec, display, value);
      if (err) return { ok: false, message: err };
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      // Shorthand cluster: booleans may be bundled; a value-taking flag eats the rest.
      let j = 1;
      while (j < a.length) {
        const c = a[j] ?? '';
        const spec = byShort.get(c);
        if (spec === undefined)
          return { ok: false, message: `unknown shorthand flag: '${c}' in ${a}` };
        const display = `-${c}, --${spec.name}`;
        if (spec.type === 'bool') {
          if (a[j + 1] === '=') {
            const err = set(spec, display, a.slice(j + 2));
            if (err) return { ok: false, message: err };
            break;
          }
          flags.set(spec.name, true);
          j++;
          continue;
        }
        let value: string;
        if (j + 1 < a.length) value = a[j + 1] === '=' ? a.slice(j + 2) : a.slice(j + 1);
        else if (i + 1 < argv.length) value = argv[++i] ?? '';
        else return { ok: false, message: `flag needs an argument: '${c}' in ${a}` };
        const err = set(spec, display, value);
        if (err) return { ok: false, message: err };
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { ok: true, args, flags, dashArgs: [] };
}

/** Reads a string flag. */
export function flagString(flags: FlagValues, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Reads a bool flag (false when absent). */
export function flagBool(flags: FlagValues, name: string, fallback = false): boolean {
  const v = flags.get(name);
  return typeof v === 'boolean' ? v : fallback;
}

/** Reads an int flag. */
export function flagInt(flags: FlagValues, name: string): number | undefined {
  const v = flags.get(name);
  return typeof v === 'number' ? v : undefined;
}

/** Reads a repeatable string flag, splitting comma lists as pflag's StringSlice does. */
export function flagStrings(flags: FlagValues, name: string): readonly string[] {
  const v = flags.get(name);
  if (!Array.isArray(v)) return [];
  return (v as readonly string[]).flatMap((s) => s.split(',')).filter((s) => s !== '');
}
