/**
 * `kubectl set` (kubectl release-1.35 pkg/cmd/set/set.go): the command group, its help and its
 * subcommand dispatch. `set image` and `set env` are in set-image.ts and set-env.ts, what they
 * share in set-common.ts.
 */
import type { FlagSpec } from '../flags.ts';
import { DRY_RUN_FLAG } from '../flags.ts';
import { flagError, plainError, usageError } from '../errors.ts';
import type { CommandContext } from './context.ts';
import { runSetEnv, SET_ENV_HELP } from './set-env.ts';
import { runSetImage, SET_IMAGE_HELP } from './set-image.ts';
import { runSetResources, SET_RESOURCES_HELP } from './set-resources.ts';

/**
 * Flags of `set image` and `set env` together (the verb table parses one flag set per verb; each
 * subcommand reads its own).
 */
export const SET_FLAGS: readonly FlagSpec[] = [
  { name: 'all', type: 'bool' },
  { name: 'local', type: 'bool' },
  DRY_RUN_FLAG,
  { name: 'field-manager', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'record', type: 'bool' },
  // set env
  { name: 'containers', short: 'c', type: 'string' },
  { name: 'env', short: 'e', type: 'strings' },
  { name: 'from', type: 'string' },
  { name: 'prefix', type: 'string' },
  { name: 'keys', type: 'strings' },
  { name: 'list', type: 'bool' },
  { name: 'resolve', type: 'bool' },
  { name: 'overwrite', type: 'bool' },
  // set resources
  { name: 'limits', type: 'string' },
  { name: 'requests', type: 'string' },
];

/** Flags only `set env` has. */
const ENV_ONLY: readonly string[] = [
  'containers',
  'env',
  'from',
  'prefix',
  'keys',
  'list',
  'resolve',
  'overwrite',
];

/** Flags only `set image` has (`set resources` has --record too). */
const IMAGE_ONLY: readonly string[] = ['record'];

/** Flags only `set resources` has. */
const RESOURCES_ONLY: readonly string[] = ['limits', 'requests'];

/** The flags of the other subcommands, unknown to `sub`. */
function foreignFlags(sub: string): readonly string[] {
  if (sub === 'image') return [...ENV_ONLY, ...RESOURCES_ONLY];
  if (sub === 'env') return [...IMAGE_ONLY, ...RESOURCES_ONLY];
  if (sub === 'resources') return ENV_ONLY.filter((f) => f !== 'containers');
  return [];
}

/** The subcommands of `kubectl set` with their Short texts (cobra lists them sorted by name). */
const SUBCOMMANDS: readonly (readonly [string, string])[] = [
  ['env', 'Update environment variables on a pod template'],
  ['image', 'Update the image of a pod template'],
  ['resources', 'Update resource requests/limits on objects with pod templates'],
  ['selector', 'Set the selector on a resource'],
  ['serviceaccount', 'Update the service account of a resource'],
  [
    'subject',
    'Update the user, group, or service account in a role binding or cluster role binding',
  ],
];

/**
 * `kubectl set --help` (and what a bare `kubectl set` prints to stderr): the LongDesc (later
 * paragraphs start with a space, as the markdown normalizer writes them), then templater.go's
 * cmdGroupsString: two spaces, the name padded to cobra's NamePadding (the longest sibling name,
 * `serviceaccount`, at least 11), three spaces, the Short text.
 */
export const SET_HELP =
  'Configure application resources.\n\n' +
  ' These commands help you make changes to existing application resources.\n\n' +
  'Available Commands:\n' +
  SUBCOMMANDS.map(([name, short]) => `  ${name.padEnd(14)}   ${short}\n`).join('') +
  '\nUsage:\n  kubectl set SUBCOMMAND [options]\n\n' +
  'Use "kubectl set <command> --help" for more information about a given command.\n' +
  'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

/** The `--help` text for `kubectl set [SUBCOMMAND]` (the words after `set`). */
export function setHelp(args: readonly string[]): string {
  if (args[0] === 'image') return SET_IMAGE_HELP;
  if (args[0] === 'env') return SET_ENV_HELP;
  if (args[0] === 'resources') return SET_RESOURCES_HELP;
  return SET_HELP;
}

/** Runs `kubectl set SUBCOMMAND`. */
export function runSet(ctx: CommandContext): number {
  const [sub, ...rest] = ctx.args;
  if (sub === undefined) {
    // cmdutil.DefaultSubCommandRun: the help on stderr, exit 1 without a message.
    ctx.io.err(SET_HELP);
    return 1;
  }
  const sctx: CommandContext = { ...ctx, command: `set ${sub}`, args: rest };
  // The verb table parsed the flags of both subcommands; a flag of the other one is unknown here.
  const foreign = foreignFlags(sub);
  const unknown = [...ctx.flags.keys()].find((f) => foreign.includes(f));
  if (unknown !== undefined) {
    // GUESS: a shorthand (`-c`) would read "unknown shorthand flag: 'c' in -c".
    ctx.io.err(flagError(`set ${sub}`, `unknown flag: --${unknown}`));
    return 1;
  }
  switch (sub) {
    case 'image':
      return runSetImage(sctx);
    case 'env':
      return runSetEnv(sctx);
    case 'resources':
      return runSetResources(sctx);
    default:
      if (SUBCOMMANDS.some(([name]) => name === sub)) {
        ctx.io.err(plainError(`the simulated cluster's kubectl does not support "set ${sub}"`));
        return 1;
      }
      // DefaultSubCommandRun → RequireNoArguments: UsageErrorf(`unknown command %q`, args joined).
      ctx.io.err(usageError('set', `unknown command ${JSON.stringify(ctx.args.join(' '))}`));
      return 1;
  }
}
