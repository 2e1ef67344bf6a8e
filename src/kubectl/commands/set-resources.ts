/**
 * `kubectl set resources (-f FILENAME | TYPE NAME) ([--limits=LIMITS & --requests=REQUESTS]`
 * (kubectl release-1.35 pkg/cmd/set/set_resources.go): sets resource limits and requests on the
 * containers `-c` selects (a wildcard, `*` by default; init containers too) of pods and pod
 * templates, and prints `statefulset.apps/db-cluster resource requirements updated`. On a
 * StatefulSet or Deployment that is a template change: a new revision and a rolling update. A pod
 * cannot take it: the API server refuses a change of a pod's spec outside the few mutable fields
 * (resizing a running pod goes through the `resize` subresource, which kubectl set does not use).
 * GUESS: the 1.35 API server's Forbidden message for that is the one the simulator's validation
 * prints, without the `core.PodSpec{…}` diff a real server appends.
 */
import type { Container } from '../../sim/index.ts';
import type { CommandContext } from './context.ts';
import type { SetError, SetPatch } from './set-common.ts';
import {
  cloneObject,
  commonOptions,
  findTargets,
  helpExamples,
  helpOption,
  objectName,
  optionsBlock,
  podSpecOf,
  printSetErrors,
  recordChangeCause,
  recordOf,
  sendAndPrint,
  setOutputOf,
} from './set-common.ts';
import { selectString } from './set-env.ts';
import { flagBool, flagString } from '../flags.ts';
import { plainError } from '../errors.ts';

const EXAMPLES = [
  '# Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"',
  'kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi',
  '',
  '# Set the resource request and limits for all containers in nginx',
  'kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi',
  '',
  '# Remove the resource requests for resources on containers in nginx',
  'kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0',
  '',
  '# Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server',
  'kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml',
];

const REQUIREMENT_USAGE =
  "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.";

/**
 * `kubectl set resources --help`: resourcesLong (LongDesc) with SuggestAPIResources in its `%s`
 * (hence the two full stops), Examples, Options sorted by name (--record hidden), Usage (Use has
 * two spaces and an unclosed bracket upstream).
 */
export const SET_RESOURCES_HELP =
  'Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.\n\n' +
  ' For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.\n\n' +
  ' Possible resources include (case insensitive): Use "kubectl api-resources" for a complete list of supported resources..\n\n' +
  'Examples:\n' +
  helpExamples(EXAMPLES) +
  '\n\nOptions:\n' +
  optionsBlock({
    ...commonOptions('identifying the resource to get from a server.'),
    all: helpOption(
      '',
      'all',
      'false',
      'Select all resources, in the namespace of the specified resource types',
    ),
    containers: helpOption(
      'c',
      'containers',
      "'*'",
      'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards',
    ),
    limits: helpOption('', 'limits', "''", REQUIREMENT_USAGE),
    local: helpOption(
      '',
      'local',
      'false',
      'If true, set resources will NOT contact api-server but run locally.',
    ),
    requests: helpOption('', 'requests', "''", REQUIREMENT_USAGE),
  }) +
  '\nUsage:\n  kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]\n\n' +
  'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

/** resource.ErrFormatWrong's text (apimachinery pkg/api/resource/quantity.go). */
const QUANTITY_FORMAT =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};

/**
 * resource.ParseQuantity's checks and the canonical string kubectl then serialises (Quantity's
 * String(): the largest suffix of the quantity's format that keeps the number whole, `0.5` →
 * `500m`, `2000` → `2k`, `1024Mi` → `1Gi`). Exponent forms (`1e3`) are kept as written.
 */
export function canonicalQuantity(text: string): { value: string } | { error: string } {
  if (text === '') return { error: QUANTITY_FORMAT };
  if (text === '0') return { value: '0' };
  if (!/^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.test(text)) return { error: QUANTITY_FORMAT };
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(text);
  const sign = m?.[1] ?? '';
  const whole = m?.[2] ?? '';
  const frac = m?.[3] ?? '';
  const suffix = m?.[4] ?? '';
  if (whole === '' && frac === '') return { error: 'unable to parse numeric part of quantity' };
  if (/^[eE][-+]?\d+$/.test(suffix)) return { value: text };
  const dec = DECIMAL_SUFFIXES[suffix];
  const bin = BINARY_SUFFIXES[suffix];
  if (dec === undefined && bin === undefined) return { error: "unable to parse quantity's suffix" };
  // The value as an integer count of 10^-9 (decimal) or whole units (binary, when exact).
  const digits = BigInt(`${whole || '0'}${frac}`);
  if (digits === 0n) return { value: '0' };
  const neg = sign === '-' ? '-' : '';
  if (bin !== undefined) {
    const scaled = digits * 2n ** BigInt(bin);
    const unit = 10n ** BigInt(frac.length);
    if (scaled % unit === 0n) {
      let bytes = scaled / unit;
      let exp = 0;
      while (exp < 60 && bytes % 1024n === 0n) {
        bytes /= 1024n;
        exp += 10;
      }
      const name = Object.keys(BINARY_SUFFIXES).find((k) => BINARY_SUFFIXES[k] === exp) ?? '';
      return { value: `${neg}${bytes}${name}` };
    }
    // A fraction of a byte is written in decimal form.
    return decimal(neg, (scaled * 10n ** 9n) / unit);
  }
  const nanos = (digits * 10n ** BigInt(9 + (dec ?? 0))) / 10n ** BigInt(frac.length);
  return decimal(neg, nanos);
}

/** A count of 10^-9 units in the largest decimal SI suffix that keeps it whole. */
function decimal(neg: string, nanos: bigint): { value: string } {
  let n = nanos;
  let exp = -9;
  while (exp < 18 && n % 1000n === 0n) {
    n /= 1000n;
    exp += 3;
  }
  const name = Object.keys(DECIMAL_SUFFIXES).find((k) => DECIMAL_SUFFIXES[k] === exp) ?? '';
  return { value: `${neg}${n}${name}` };
}

/**
 * generateversioned.populateResourceListV1: `name=quantity` pairs split on commas; undefined
 * for an empty flag.
 */
function resourceList(
  spec: string | undefined,
): Record<string, string> | undefined | { error: string } {
  if (spec === undefined || spec === '') return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2)
      return { error: `Invalid argument syntax ${statement}, expected <resource>=<value>` };
    const q = canonicalQuantity(parts[1] ?? '');
    if ('error' in q) return q;
    out[parts[0] ?? ''] = q.value;
  }
  return out;
}

function isError(v: unknown): v is { error: string } {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/** Sets the requirements on one container (the Limits/Requests maps are created when missing). */
function setRequirements(
  c: Container,
  limits: Record<string, string> | undefined,
  requests: Record<string, string> | undefined,
): void {
  const resources = { ...(c.resources ?? {}) };
  if (limits !== undefined) resources.limits = { ...(resources.limits ?? {}), ...limits };
  if (requests !== undefined) resources.requests = { ...(resources.requests ?? {}), ...requests };
  c.resources = resources;
}

/** Runs `kubectl set resources`. */
export function runSetResources(ctx: CommandContext): number {
  const { io } = ctx;
  const cause = recordOf(ctx, ['set', 'resources', ...ctx.args]);
  // Complete: dry-run strategy, printer, then the objects (builder errors end the command).
  const output = setOutputOf(ctx);
  if (output === undefined) return 1;
  const { dry } = output;
  const found = findTargets(ctx, ctx.args);
  if ('errors' in found) {
    printSetErrors(ctx, found.errors);
    return 1;
  }
  // Validate: the first problem only.
  const limitsFlag = flagString(ctx.flags, 'limits') ?? '';
  const requestsFlag = flagString(ctx.flags, 'requests') ?? '';
  const invalid = (text: string): number => {
    io.err(plainError(text));
    return 1;
  };
  if (flagBool(ctx.flags, 'local') && dry.mode === 'server')
    return invalid('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (flagBool(ctx.flags, 'all') && (flagString(ctx.flags, 'selector') ?? '') !== '')
    return invalid('cannot set --all and --selector at the same time');
  if (limitsFlag === '' && requestsFlag === '')
    return invalid(
      'you must specify an update to requests or limits (in the form of --requests/--limits)',
    );
  const limits = resourceList(limitsFlag);
  if (isError(limits)) return invalid(limits.error);
  const requests = resourceList(requestsFlag);
  if (isError(requests)) return invalid(requests.error);
  // Run: CalculatePatches, then send and print each changed object.
  const selector = flagString(ctx.flags, 'containers') ?? '*';
  const errors: SetError[] = [];
  const patches: SetPatch[] = [];
  for (const target of found.targets) {
    const next = cloneObject(target.object);
    const spec = podSpecOf(next);
    if ('error' in spec) {
      patches.push({ error: { text: `error: ${objectName(target)} ${spec.error}\n` } });
      continue;
    }
    const chosen = [
      ...spec.containers.filter((c) => selectString(c.name, selector)),
      ...(spec.initContainers ?? []).filter((c) => selectString(c.name, selector)),
    ];
    if (chosen.length === 0) {
      errors.push({ text: `error: unable to find container named ${selector}` });
      continue;
    }
    for (const c of chosen) setRequirements(c, limits, requests);
    recordChangeCause(next, cause);
    if (JSON.stringify(next) !== JSON.stringify(target.object)) patches.push({ target, next });
  }
  return sendAndPrint(
    ctx,
    output,
    patches,
    errors,
    'resources',
    'resource requirements updated',
    ' ',
  );
}
