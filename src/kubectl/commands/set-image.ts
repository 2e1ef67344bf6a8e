/**
 * `kubectl set image (-f FILENAME | TYPE NAME) CONTAINER=IMAGE ...` (kubectl release-1.35
 * pkg/cmd/set/set_image.go): sets the image of the named containers (and init containers; `*`
 * means all of them) in a pod or a pod template and prints `statefulset.apps/web image updated`.
 * An object whose images already match is neither sent nor printed. Errors are collected and
 * printed at the end by checkErr (`error: unable to find container named "x"`).
 */
import type { CommandContext } from './context.ts';
import type { Container } from '../../sim/index.ts';
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
import { flagBool, flagStrings } from '../flags.ts';
import { plainError } from '../errors.ts';

const EXAMPLES = [
  "# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'",
  'kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1',
  '',
  "# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'",
  'kubectl set image deployments,rc nginx=nginx:1.9.1 --all',
  '',
  "# Update image of all containers of daemonset abc to 'nginx:1.9.1'",
  'kubectl set image daemonset abc *=nginx:1.9.1',
  '',
  '# Print result (in yaml format) of updating nginx container image from local file, without hitting the server',
  'kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml',
];

/**
 * `kubectl set image --help`: imageLong is LongDesc(...) + imageResources, a string that starts
 * with a newline, two spaces and a tab (set_image.go); then Examples, Options sorted by name
 * (--record is deprecated, so hidden), Usage.
 */
export const SET_IMAGE_HELP =
  'Update existing container image(s) of resources.\n\n' +
  ' Possible resources include (case insensitive):\n' +
  '  \tpod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)\n\n' +
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
    local: helpOption(
      '',
      'local',
      'false',
      'If true, set image will NOT contact api-server but run locally.',
    ),
  }) +
  '\nUsage:\n  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]\n\n' +
  'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

/**
 * cmdutil.GetResourcesAndPairs: resources first, then `KEY=VALUE` (or `KEY-`) words; a resource
 * after a pair is an error.
 */
export function resourcesAndPairs(
  args: readonly string[],
  pairType: string,
): { resources: string[]; pairs: string[] } | { error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const pair = (s.includes('=') && !s.startsWith('=')) || (s.endsWith('-') && s !== '-');
    if (pair) pairs.push(s);
    else if (pairs.length > 0)
      return { error: `all resources must be specified before ${pairType} changes: ${s}` };
    else resources.push(s);
  }
  return { resources, pairs };
}

/**
 * cmdutil.ParsePairs without removals: `NAME=IMAGE` (the last one for a name wins); anything else
 * is `invalid image format: a, b`. Insertion order stands in for Go's map order.
 */
function parseImages(pairs: readonly string[]): Map<string, string> | { error: string } {
  const images = new Map<string, string>();
  const invalid: string[] = [];
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq > 0) images.set(p.slice(0, eq), p.slice(eq + 1));
    else invalid.push(p);
  }
  if (invalid.length > 0) return { error: `invalid image format: ${invalid.join(', ')}` };
  return images;
}

/** setImage: sets the image of the containers with that name (`*`: all); whether any matched. */
function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (c.name === name || name === '*') {
      found = true;
      c.image = image;
    }
  }
  return found;
}

/** Runs `kubectl set image`. */
export function runSetImage(ctx: CommandContext): number {
  const { io } = ctx;
  const cause = recordOf(ctx, ['set', 'image', ...ctx.args]);
  // Complete: dry-run strategy, printer, resources and images, then the objects.
  const output = setOutputOf(ctx);
  if (output === undefined) return 1;
  const { dry } = output;
  const split = resourcesAndPairs(ctx.args, 'image');
  if ('error' in split) {
    io.err(plainError(split.error));
    return 1;
  }
  const images = parseImages(split.pairs);
  if ('error' in images) {
    io.err(plainError(images.error));
    return 1;
  }
  const found = findTargets(ctx, split.resources);
  if ('errors' in found) {
    printSetErrors(ctx, found.errors);
    return 1;
  }
  // Validate: every problem at once (an aggregate).
  const invalid: SetError[] = [];
  if (flagBool(ctx.flags, 'all') && ctx.flags.has('selector'))
    invalid.push({ text: 'cannot set --all and --selector at the same time' });
  if (split.resources.length === 0 && flagStrings(ctx.flags, 'filename').length === 0)
    invalid.push({
      text: 'one or more resources must be specified as <resource> <name> or <resource>/<name>',
    });
  if (images.size === 0) invalid.push({ text: 'at least one image update is required' });
  else if (images.size > 1 && images.has('*'))
    invalid.push({
      text: 'all containers are already specified by *, but saw more than one container_name=container_image pairs',
    });
  if (flagBool(ctx.flags, 'local') && dry.mode === 'server')
    invalid.push({
      text: 'cannot specify --local and --dry-run=server - did you mean --dry-run=client?',
    });
  if (invalid.length > 0) {
    printSetErrors(ctx, invalid);
    return 1;
  }
  // Run: CalculatePatches for every object first (collecting "unable to find container"), then
  // send and print each changed one.
  const errors: SetError[] = [];
  const patches: SetPatch[] = [];
  for (const target of found.targets) {
    const next = cloneObject(target.object);
    const spec = podSpecOf(next);
    if ('error' in spec) {
      patches.push({ error: { text: `error: ${objectName(target)} ${spec.error}\n` } });
      continue;
    }
    for (const [name, image] of images) {
      const inInit = setImage(spec.initContainers, name, image);
      const inMain = setImage(spec.containers, name, image);
      if (!inInit && !inMain)
        errors.push({ text: `error: unable to find container named ${JSON.stringify(name)}` });
    }
    recordChangeCause(next, cause);
    // An unchanged object makes an empty patch: skipped, nothing printed.
    if (JSON.stringify(next) !== JSON.stringify(target.object)) patches.push({ target, next });
  }
  return sendAndPrint(ctx, output, patches, errors, 'image', 'image updated');
}
