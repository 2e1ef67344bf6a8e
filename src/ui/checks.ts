/**
 * Lesson checks: statements about the cluster ("all three db-cluster pods are Ready") that tick
 * themselves when they come true. A check asks the cluster through kubectl, like everything else
 * in the workspace, and may also require that the learner ran a certain command.
 */
import type { KubectlResult } from '../kubectl/index.ts';
import type { Shell } from '../shell/index.ts';

/** One check, as a lesson declares it with `<Check>`. */
export interface CheckDefinition {
  readonly id: string;
  /** kubectl arguments (without `kubectl`), such as `get sts db-cluster -o jsonpath={.status.readyReplicas}`. */
  readonly kubectl?: string;
  /** The output (trimmed) the query must print. */
  readonly expect?: string;
  /** A regular expression the query's output must match (instead of `expect`). */
  readonly match?: string;
  /** A regular expression the query's output must not match. */
  readonly absent?: string;
  /** A regular expression some command the learner ran must match. */
  readonly ran?: string;
}

/**
 * Splits a check's kubectl arguments as a shell would split simple words: on blanks, with single
 * or double quotes keeping blanks inside one argument.
 */
export function splitArguments(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started || current !== '') args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
    }
  }
  if (started || current !== '') args.push(current);
  return args;
}

/** Whether a regular expression written in a lesson is usable; a broken one never matches. */
function pattern(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'm');
  } catch {
    return undefined;
  }
}

/** Whether the learner's commands so far satisfy the check's `ran` requirement. */
export function ranMatches(check: CheckDefinition, commands: readonly string[]): boolean {
  if (check.ran === undefined) return true;
  const re = pattern(check.ran);
  return re !== undefined && commands.some((command) => re.test(command));
}

/** Whether a kubectl result satisfies the check's `expect` or `match`. */
export function outputMatches(check: CheckDefinition, result: KubectlResult): boolean {
  if (result.exitCode !== 0) return false;
  const output = result.stdout.trim();
  if (check.absent !== undefined && (pattern(check.absent)?.test(output) ?? true)) return false;
  if (check.expect !== undefined) return output === check.expect.trim();
  if (check.match !== undefined) return pattern(check.match)?.test(output) ?? false;
  return true;
}

/** Evaluates one check now. */
export async function evaluateCheck(
  check: CheckDefinition,
  kubectl: (args: readonly string[]) => Promise<KubectlResult>,
  commands: readonly string[],
): Promise<boolean> {
  if (!ranMatches(check, commands)) return false;
  if (check.kubectl === undefined) return check.ran !== undefined;
  return outputMatches(check, await kubectl(splitArguments(check.kubectl)));
}

/** Quotes one argument for the shell: single quotes, with any single quote spelled out. */
export function shellWord(arg: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * A kubectl for checks that runs through a shell of its own, so a check can look inside a
 * container (`exec db-cluster-1 -- cat /var/lib/database/note.txt`) as the learner would.
 */
export function kubectlThroughShell(
  shell: Shell,
): (args: readonly string[]) => Promise<KubectlResult> {
  return (args) => shell.run(['kubectl', ...args.map(shellWord)].join(' '));
}
