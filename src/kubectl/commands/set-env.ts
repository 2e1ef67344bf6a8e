/**
 * `kubectl set env RESOURCE/NAME KEY=VALUE ... KEY-` (kubectl release-1.35
 * pkg/cmd/set/set_env.go, set/env/env_parse.go, set/helper.go): adds, replaces (`--overwrite`,
 * on by default) and removes environment variables of the containers `-c` selects (a wildcard,
 * `*` by default, init containers too), prints `statefulset.apps/web env updated`; `--list`
 * prints each selected container's variables instead (`# StatefulSet web, container nginx`).
 */
import type { Container, KubeObject } from '../../sim/index.ts';
import type { CommandContext } from './context.ts';
import { resolveResourceArgs } from './context.ts';
import type { SetError, SetTarget } from './set-common.ts';
import {
  cloneObject,
  commonOptions,
  findTargets,
  helpExamples,
  helpOption,
  objectName,
  optionsBlock,
  podSpecOf,
  printChanged,
  printSetErrors,
  sendChange,
  setOutputOf,
} from './set-common.ts';
import { flagBool, flagString, flagStrings } from '../flags.ts';
import { plainError } from '../errors.ts';

const EXAMPLES = [
  "# Update deployment 'registry' with a new environment variable",
  'kubectl set env deployment/registry STORAGE_DIR=/local',
  '',
  "# List the environment variables defined on a deployments 'sample-build'",
  'kubectl set env deployment/sample-build --list',
  '',
  '# List the environment variables defined on all pods',
  'kubectl set env pods --all --list',
  '',
  '# Output modified deployment in YAML, and does not alter the object on the server',
  'kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml',
  '',
  '# Update all containers in all replication controllers in the project to have ENV=prod',
  'kubectl set env rc --all ENV=prod',
  '',
  '# Import environment from a secret',
  'kubectl set env --from=secret/mysecret deployment/myapp',
  '',
  '# Import environment from a config map with a prefix',
  'kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp',
  '',
  '# Import specific keys from a config map',
  'kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp',
  '',
  "# Remove the environment variable ENV from container 'c1' in all deployment configs",
  'kubectl set env deployments --all --containers="c1" ENV-',
  '',
  '# Remove the environment variable ENV from a deployment definition on disk and',
  '# update the deployment config on the server',
  'kubectl set env -f deploy.json ENV-',
  '',
  '# Set some of the local shell environment into a deployment config on the server',
  'env | grep RAILS_ | kubectl set env -e - deployment/registry',
];

/**
 * `kubectl set env --help` (envLong + envResources, Examples, Options sorted by name, Usage).
 * templates/markdown.go's ASCIIRenderer joins the lines of a paragraph, each after a space, and
 * puts a newline before and after every paragraph; LongDesc trims the whole.
 */
export const SET_ENV_HELP =
  'Update environment variables on a pod template.\n\n' +
  ' List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.\n\n' +
  ' If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.\n\n' +
  ' Possible resources include (case insensitive):\n' +
  '  \tpod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)\n\n' +
  'Examples:\n' +
  helpExamples(EXAMPLES) +
  '\n\nOptions:\n' +
  optionsBlock({
    ...commonOptions('the resource to update the env'),
    all: helpOption(
      '',
      'all',
      'false',
      'If true, select all resources in the namespace of the specified resource types',
    ),
    containers: helpOption(
      'c',
      'containers',
      "'*'",
      'The names of containers in the selected pod templates to change - may use wildcards',
    ),
    env: helpOption(
      'e',
      'env',
      '[]',
      'Specify a key-value pair for an environment variable to set into each container.',
    ),
    from: helpOption(
      '',
      'from',
      "''",
      'The name of a resource from which to inject environment variables',
    ),
    keys: helpOption(
      '',
      'keys',
      '[]',
      'Comma-separated list of keys to import from specified resource',
    ),
    list: helpOption(
      '',
      'list',
      'false',
      'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.',
    ),
    local: helpOption(
      '',
      'local',
      'false',
      'If true, set env will NOT contact api-server but run locally.',
    ),
    overwrite: helpOption(
      '',
      'overwrite',
      'true',
      'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.',
    ),
    prefix: helpOption('', 'prefix', "''", 'Prefix to append to variable names'),
    resolve: helpOption(
      '',
      'resolve',
      'false',
      'If true, show secret or configmap references when listing variables',
    ),
  }) +
  '\nUsage:\n  kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]\n\n' +
  'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

/** An environment variable as the API stores it (valueFrom is not typed by the simulator). */
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, Record<string, unknown> | undefined>;
}

/** env_parse.go argumentEnvironment `(?ms)^(.+)\=(.*)$`: a `=` with something before it. */
function isEnvArgument(s: string): boolean {
  return s.lastIndexOf('=') > 0;
}

/** SplitEnvironmentFromResources: resources first, then KEY=VALUE / KEY- words. */
function splitEnv(args: readonly string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const s of args) {
    const isEnv = isEnvArgument(s) || s.endsWith('-');
    if (isEnv) envArgs.push(s);
    else if (envArgs.length > 0) return undefined;
    else resources.push(s);
  }
  return { resources, envArgs };
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** apimachinery validation.IsEnvVarName (RegexError puts two spaces before each "or"). */
function envNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (!ENV_NAME.test(name)) {
    errs.push(
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    );
  }
  // GUESS: hasChDirPrefix's wording for names that are or start with `.`/`..` is not reproduced.
  return errs;
}

/** readEnv: `KEY=VALUE` lines of STDIN, `#` starting a comment. */
function readEnv(text: string): EnvVar[] {
  const out: EnvVar[] = [];
  for (const raw of text.split('\n')) {
    const hash = raw.indexOf('#');
    const line = hash >= 0 ? raw.slice(0, hash) : raw;
    const eq = line.indexOf('=');
    if (eq >= 0) out.push({ name: line.slice(0, eq), value: line.slice(eq + 1) });
  }
  return out;
}

/** ParseEnv: variables to set and names to remove, or the error text. */
function parseEnv(
  specs: readonly string[],
  stdin: string | undefined,
): { env: EnvVar[]; remove: string[] } | { error: string } {
  const env: EnvVar[] = [];
  const remove: string[] = [];
  const set = new Set<string>();
  for (const spec of specs) {
    if (spec === '-') {
      if (stdin === undefined) return { error: "when '-' is used, STDIN must be open" };
      env.push(...readEnv(stdin));
    } else if (spec.includes('=')) {
      const eq = spec.indexOf('=');
      const name = spec.slice(0, eq);
      const errs = envNameErrors(name);
      if (errs.length > 0)
        return { error: `${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}` };
      set.add(name);
      env.push({ name, value: spec.slice(eq + 1) });
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      return { error: `unknown environment variable: ${spec}` };
    }
  }
  if (remove.some((r) => set.has(r)))
    return {
      error: 'can not both modify and remove the same environment variable in the same command',
    };
  return { env, remove };
}

/**
 * helper.go selectString: `*` wildcards matched non-greedily, ported with its quirks (the index
 * of each part is relative to the previous match).
 */
export function selectString(s: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return s === spec;
  let pos = 0;
  const parts = spec.split('*');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part.length === 0) continue;
    const next = s.slice(pos).indexOf(part);
    if (
      next < pos ||
      (i === 0 && pos !== 0) ||
      (i === parts.length - 1 && s.length !== part.length + next)
    )
      return false;
    pos = next;
  }
  return true;
}

/** helper.go updateEnv: replaces same-named variables in place, appends new ones, removes. */
function updateEnv(
  existing: readonly EnvVar[],
  env: readonly EnvVar[],
  remove: readonly string[],
): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((n) => n.name === e.name);
    if (newer !== undefined) {
      covered.add(e.name);
      out.push({ ...newer });
      continue;
    }
    out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push({ ...e });
  }
  return out;
}

/** envutil.GetEnvVarRefString. */
function refString(from: NonNullable<EnvVar['valueFrom']>): string {
  const s = (v: unknown): string => (typeof v === 'string' ? v : '');
  const cm = from['configMapKeyRef'];
  if (cm) return `configmap ${s(cm['name'])}, key ${s(cm['key'])}`;
  const secret = from['secretKeyRef'];
  if (secret) return `secret ${s(secret['name'])}, key ${s(secret['key'])}`;
  const field = from['fieldRef'];
  if (field) return `field path ${s(field['fieldPath'])}`;
  const res = from['resourceFieldRef'];
  if (res) {
    const c = s(res['containerName']);
    return `resource field ${c ? `${c}/` : ''}${s(res['resource'])}`;
  }
  return 'invalid valueFrom';
}

/** Runs `kubectl set env`. */
export function runSetEnv(ctx: CommandContext): number {
  const { io } = ctx;
  // Complete
  if (flagBool(ctx.flags, 'all') && ctx.flags.has('selector')) {
    io.err(plainError('cannot set --all and --selector at the same time'));
    return 1;
  }
  const split = splitEnv(ctx.args);
  if (split === undefined) {
    io.err(
      plainError(
        `all resources must be specified before environment changes: ${ctx.args.join(' ')}`,
      ),
    );
    return 1;
  }
  const output = setOutputOf(ctx);
  if (output === undefined) return 1;
  const { dry, printer } = output;
  // Validate
  const list = flagBool(ctx.flags, 'list');
  const from = flagString(ctx.flags, 'from') ?? '';
  const problems: [boolean, string][] = [
    [
      flagBool(ctx.flags, 'local') && dry.mode === 'server',
      'cannot specify --local and --dry-run=server - did you mean --dry-run=client?',
    ],
    [
      flagStrings(ctx.flags, 'filename').length === 0 && split.resources.length === 0,
      'one or more resources must be specified as <resource> <name> or <resource>/<name>',
    ],
    [
      list && (flagString(ctx.flags, 'output') ?? '') !== '',
      '--list and --output may not be specified together',
    ],
    [
      flagStrings(ctx.flags, 'keys').length > 0 && from === '',
      'when specifying --keys, a configmap or secret must be provided with --from',
    ],
  ];
  const problem = problems.find(([bad]) => bad);
  if (problem !== undefined) {
    io.err(plainError(problem[1]));
    return 1;
  }
  // RunEnv. -e is a StringArray: its values are not split at commas.
  const envFlag = ctx.flags.get('env');
  const params = Array.isArray(envFlag) ? (envFlag as readonly string[]) : [];
  const parsed = parseEnv([...params, ...split.envArgs], ctx.env.stdin);
  if ('error' in parsed) {
    io.err(plainError(parsed.error));
    return 1;
  }
  if (from !== '') {
    // The simulated cluster serves no ConfigMaps or Secrets: the builder fails on the type, and
    // any type it knows is not one --from supports.
    const resolved = resolveResourceArgs([from]);
    io.err(resolved.ok ? plainError('unsupported resource specified in --from') : resolved.error);
    return 1;
  }
  const prefix = flagString(ctx.flags, 'prefix') ?? '';
  const env = parsed.env.map((e) => ({ ...e, name: prefix + e.name }));
  const found = findTargets(ctx, split.resources);
  if ('errors' in found) {
    printSetErrors(ctx, found.errors);
    return 1;
  }
  const selector = flagString(ctx.flags, 'containers') ?? '*';
  const overwrite = flagBool(ctx.flags, 'overwrite', true);
  const patches: ({ target: SetTarget; next: KubeObject } | { error: SetError })[] = [];
  for (const target of found.targets) {
    const next = cloneObject(target.object);
    const spec = podSpecOf(next);
    if ('error' in spec) {
      patches.push({ error: { text: `error: ${objectName(target)} ${spec.error}\n` } });
      continue;
    }
    const pick = (list: Container[] | undefined): Container[] =>
      (list ?? []).filter((c) => selectString(c.name, selector));
    const containers = [...pick(spec.containers), ...pick(spec.initContainers)];
    const kind = next.kind;
    const name = next.metadata.name;
    if (containers.length === 0) {
      io.err(
        `Warning: ${kind}/${name} does not have any containers matching ${JSON.stringify(selector)}\n`,
      );
    }
    let failure: string | undefined;
    for (const c of containers) {
      const existing = (c.env ?? []) as EnvVar[];
      if (!overwrite) {
        const clash = env.find((e) => {
          const cur = existing.find((x) => x.name === e.name);
          return cur !== undefined && (cur.value ?? '') !== (e.value ?? '');
        });
        if (clash !== undefined) {
          const cur = existing.find((x) => x.name === clash.name);
          failure = `'${clash.name}' already has a value (${cur?.value ?? ''}), and --overwrite is false`;
          break;
        }
      }
      const updated = updateEnv(existing, env, parsed.remove);
      if (updated.length > 0) c.env = updated;
      else delete c.env;
      if (list) {
        io.out(`# ${kind} ${name}, container ${c.name}\n`);
        for (const e of updated) {
          // GUESS: --resolve cannot read ConfigMaps or Secrets here; references print as with it off.
          if (e.valueFrom === undefined) io.out(`${e.name}=${e.value ?? ''}\n`);
          else io.out(`# ${e.name} from ${refString(e.valueFrom)}\n`);
        }
      }
    }
    if (failure !== undefined) {
      patches.push({ error: { text: `error: ${objectName(target)} ${failure}\n` } });
      continue;
    }
    if (JSON.stringify(next) !== JSON.stringify(target.object)) patches.push({ target, next });
  }
  if (list) return 0;
  const errors: SetError[] = [];
  let printed = 0;
  for (const p of patches) {
    if ('error' in p) {
      errors.push(p.error);
      continue;
    }
    if (!(flagBool(ctx.flags, 'local') || dry.mode === 'client')) {
      const sent = sendChange(ctx, p.target, p.next, dry.mode, 'env');
      if ('error' in sent) {
        errors.push(sent.error);
        continue;
      }
      // set_env.go checks this only after sending a change (e.g. `-e NAME-` alone).
      if (env.length === 0 && split.envArgs.length === 0) {
        io.err(plainError('at least one environment variable must be provided'));
        return 1;
      }
      const err = printChanged(
        ctx,
        printer,
        p.target,
        sent.object,
        `env updated${dry.suffix}`,
        printed,
      );
      printed++;
      if (err !== undefined) errors.push(err);
      continue;
    }
    const err = printChanged(ctx, printer, p.target, p.next, `env updated${dry.suffix}`, printed);
    printed++;
    if (err !== undefined) errors.push(err);
  }
  printSetErrors(ctx, errors);
  return errors.length > 0 ? 1 : 0;
}
