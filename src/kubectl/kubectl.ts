/**
 * The kubectl entry point: splits off the verb (global flags may come first, as in
 * `kubectl -n demo get pods`), parses the verb's flags, and runs it against the simulated cluster.
 * Everything user-facing comes back as data ({ stdout, stderr, exitCode }); an unexpected
 * exception inside a verb is reported as an error line rather than thrown across the layer.
 */
import { CREATE_PDB_FLAGS, runCreatePdb } from './commands/create-pdb.ts';
import type { FlagSpec } from './flags.ts';
import { GLOBAL_FLAGS, flagBool, parseArgs } from './flags.ts';
import { KNOWN_COMMANDS, flagError, plainError, unknownCommand } from './errors.ts';
import type { KubectlEnv, KubectlResult } from './io.ts';
import { Io } from './io.ts';
import { steppingWaiter } from './waiter.ts';
import type { Waiter } from './waiter.ts';
import type { CommandContext } from './commands/context.ts';
import { APPLY_FLAGS, runApply } from './commands/apply.ts';
import { DELETE_FLAGS, runDelete } from './commands/delete.ts';
import { DESCRIBE_FLAGS, runDescribe } from './commands/describe.ts';
import { GET_FLAGS, runGet } from './commands/get.ts';
import {
  API_RESOURCES_FLAGS,
  VERSION_FLAGS,
  runApiResources,
  runClusterInfo,
  runVersion,
} from './commands/info.ts';
import { PATCH_FLAGS, runPatch } from './commands/patch.ts';
import { ROLLOUT_FLAGS, runRollout } from './commands/rollout.ts';
import { SCALE_FLAGS, runScale } from './commands/scale.ts';
import { WAIT_FLAGS, runWait } from './commands/wait.ts';
import { EXEC_FLAGS, RUN_FLAGS, runExec, runRun } from './commands/exec.ts';
import { ATTACH_FLAGS, ATTACH_HELP, runAttach } from './commands/attach.ts';
import { EVENTS_FLAGS, runEvents } from './commands/events.ts';
import { EXPLAIN_FLAGS, runExplain } from './commands/explain.ts';
import { LABEL_FLAGS, runLabel } from './commands/label.ts';
import { LOGS_FLAGS, runLogs } from './commands/logs.ts';
import { EDIT_FLAGS, runEdit } from './commands/edit.ts';
import { CORDON_FLAGS, DRAIN_FLAGS, runCordon, runDrain } from './commands/node.ts';
import { SET_FLAGS, runSet, setHelp } from './commands/set.ts';

interface Verb {
  readonly flags: readonly FlagSpec[];
  readonly short: string;
  readonly usage: string;
  /**
   * kubectl's full `--help` text, where it is reproduced (else short + usage); a function of the
   * arguments for a command group whose subcommands have their own help (`set image --help`).
   */
  readonly help?: string | ((args: readonly string[]) => string);
  run(ctx: CommandContext): number | Promise<number>;
}

const VERBS: Readonly<Record<string, Verb>> = {
  get: {
    flags: GET_FLAGS,
    short: 'Display one or many resources.',
    usage:
      'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
    run: runGet,
  },
  apply: {
    flags: APPLY_FLAGS,
    short: 'Apply a configuration to a resource by file name or stdin.',
    usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
    run: (ctx) => runApply(ctx, false),
  },
  create: {
    flags: [...APPLY_FLAGS, ...CREATE_PDB_FLAGS],
    short: 'Create a resource from a file or from stdin.',
    usage: 'kubectl create -f FILENAME [options]',
    run: (ctx) =>
      ctx.args[0] === 'poddisruptionbudget' || ctx.args[0] === 'pdb'
        ? runCreatePdb(ctx)
        : runApply(ctx, true),
  },
  delete: {
    flags: DELETE_FLAGS,
    short:
      'Delete resources by file names, stdin, resources and names, or by resources and label selector.',
    usage:
      'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
    run: runDelete,
  },
  scale: {
    flags: SCALE_FLAGS,
    short: 'Set a new size for a deployment, replica set, replication controller, or stateful set.',
    usage:
      'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
    run: runScale,
  },
  describe: {
    flags: DESCRIBE_FLAGS,
    short: 'Show details of a specific resource or group of resources.',
    usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
    run: runDescribe,
  },
  patch: {
    flags: PATCH_FLAGS,
    short:
      'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.',
    usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
    run: runPatch,
  },
  rollout: {
    flags: ROLLOUT_FLAGS,
    short: 'Manage the rollout of one or many resources.',
    usage: 'kubectl rollout SUBCOMMAND [options]',
    run: runRollout,
  },
  wait: {
    flags: WAIT_FLAGS,
    short: 'Experimental: Wait for a specific condition on one or many resources.',
    usage:
      "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
    run: runWait,
  },
  exec: {
    flags: EXEC_FLAGS,
    short: 'Execute a command in a container.',
    usage: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
    run: runExec,
  },
  attach: {
    flags: ATTACH_FLAGS,
    short: 'Attach to a running container.',
    usage: 'kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]',
    help: ATTACH_HELP,
    run: runAttach,
  },
  run: {
    flags: RUN_FLAGS,
    short: 'Run a particular image on the cluster.',
    usage:
      'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
    run: runRun,
  },
  logs: {
    flags: LOGS_FLAGS,
    short: 'Print the logs for a container in a pod.',
    usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
    run: runLogs,
  },
  label: {
    flags: LABEL_FLAGS,
    short: 'Update the labels on a resource.',
    usage:
      'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    run: (ctx) => runLabel(ctx, 'label'),
  },
  annotate: {
    flags: LABEL_FLAGS,
    short: 'Update the annotations on a resource.',
    usage:
      'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
    run: (ctx) => runLabel(ctx, 'annotate'),
  },
  events: {
    flags: EVENTS_FLAGS,
    short: 'List events.',
    usage:
      'kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
    run: runEvents,
  },
  explain: {
    flags: EXPLAIN_FLAGS,
    short: 'Get documentation for a resource.',
    usage:
      'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
    run: runExplain,
  },
  version: {
    flags: VERSION_FLAGS,
    short: 'Print the client and server version information for the current context.',
    usage: 'kubectl version [flags] [options]',
    run: runVersion,
  },
  'api-resources': {
    flags: API_RESOURCES_FLAGS,
    short: 'Print the supported API resources on the server.',
    usage: 'kubectl api-resources [flags] [options]',
    run: runApiResources,
  },
  edit: {
    flags: EDIT_FLAGS,
    short: 'Edit a resource on the server.',
    usage: 'kubectl edit (RESOURCE/NAME | -f FILENAME) [options]',
    run: runEdit,
  },
  cordon: {
    flags: CORDON_FLAGS,
    short: 'Mark node as unschedulable.',
    usage: 'kubectl cordon NODE [options]',
    run: (ctx) => runCordon(ctx, true),
  },
  uncordon: {
    flags: CORDON_FLAGS,
    short: 'Mark node as schedulable.',
    usage: 'kubectl uncordon NODE [options]',
    run: (ctx) => runCordon(ctx, false),
  },
  drain: {
    flags: DRAIN_FLAGS,
    short: 'Drain node in preparation for maintenance.',
    usage: 'kubectl drain NODE [options]',
    run: runDrain,
  },
  set: {
    flags: SET_FLAGS,
    short: 'Set specific features on objects.',
    usage: 'kubectl set SUBCOMMAND [options]',
    help: setHelp,
    run: runSet,
  },
  'cluster-info': {
    flags: [],
    short:
      'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.',
    usage: 'kubectl cluster-info [flags] [options]',
    run: runClusterInfo,
  },
};

/** The verbs this kubectl runs (for completion and help). */
export const SUPPORTED_VERBS: readonly string[] = Object.keys(VERBS).sort();

/**
 * The long flags a verb accepts (`--replicas`, `--namespace` …), for completion. Flags that take a
 * value end with `=`, as bash completion offers them.
 */
export function flagsOf(verb: string): readonly string[] {
  const specs = [...(VERBS[verb]?.flags ?? []), ...GLOBAL_FLAGS];
  return [...new Set(specs.map((f) => `--${f.name}${f.type === 'bool' ? '' : '='}`))].sort();
}

const TOP_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Commands available in StatefulSet Lab:
${SUPPORTED_VERBS.map((v) => `  ${v.padEnd(15)}${VERBS[v]?.short ?? ''}`).join('\n')}

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
`;

/** Splits the verb from leading global flags (`-n demo get pods` → `get`, `-n demo pods`). */
function splitVerb(argv: readonly string[]): { verb: string | undefined; rest: string[] } {
  const valueFlags = new Set(
    GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [
      `--${f.name}`,
      ...(f.short ? [`-${f.short}`] : []),
    ]),
  );
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('-') && a !== '-' && a !== '--') {
      rest.push(a);
      if (valueFlags.has(a) && i + 1 < argv.length) rest.push(argv[++i] ?? '');
      continue;
    }
    if (a === '--') return { verb: undefined, rest: [...rest, ...argv.slice(i)] };
    return { verb: a, rest: [...rest, ...argv.slice(i + 1)] };
  }
  return { verb: undefined, rest };
}

/** Options of runKubectl beyond the environment. */
export interface RunOptions {
  /** How blocking commands let virtual time pass (default: step the simulation). */
  readonly waiter?: Waiter;
}

/**
 * Runs one kubectl command line (the words after `kubectl`) against `env.cluster`. Output is
 * streamed to `env.sink` and returned; the promise never rejects.
 */
export async function runKubectl(
  argv: readonly string[],
  env: KubectlEnv,
  options: RunOptions = {},
): Promise<KubectlResult> {
  const io = new Io(env.sink);
  try {
    const { verb, rest } = splitVerb(argv);
    if (verb === undefined) {
      const parsed = parseArgs(rest, []);
      if (!parsed.ok) {
        io.err(flagError('', parsed.message));
        return io.result(1);
      }
      io.out(TOP_HELP);
      return io.result(0);
    }
    // Own properties only: `kubectl toString` must not find Object.prototype.toString.
    const spec = Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined;
    if (spec === undefined) {
      if (KNOWN_COMMANDS.includes(verb)) {
        io.err(plainError(`the simulated cluster's kubectl does not support "${verb}"`));
        return io.result(1);
      }
      io.err(unknownCommand(verb));
      return io.result(1);
    }
    const parsed = parseArgs(rest, spec.flags);
    const command =
      (verb === 'rollout' || verb === 'set') && rest[0] && !rest[0].startsWith('-')
        ? `${verb} ${rest[0]}`
        : verb;
    if (!parsed.ok) {
      io.err(flagError(command, parsed.message));
      return io.result(1);
    }
    if (flagBool(parsed.flags, 'help')) {
      io.out(
        (typeof spec.help === 'function' ? spec.help(parsed.args) : spec.help) ??
          `${spec.short}\n\nUsage:\n  ${spec.usage}\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`,
      );
      return io.result(0);
    }
    const ctx: CommandContext = {
      env,
      cluster: env.cluster,
      io,
      waiter: options.waiter ?? steppingWaiter(env.cluster),
      command,
      args: parsed.args,
      flags: parsed.flags,
      ...(parsed.dash === true ? { dashArgs: parsed.dashArgs } : {}),
    };
    const code = await spec.run(ctx);
    return io.result(code);
  } catch (e) {
    // A bug in a verb must not take the terminal down; report it like kubectl reports errors.
    io.err(plainError(`internal error: ${e instanceof Error ? e.message : String(e)}`));
    return io.result(1);
  }
}
