/**
 * What `kubectl set image` and `kubectl set env` share (kubectl release-1.35 pkg/cmd/set): the
 * objects as cli-runtime's resource builder finds them (`TYPE NAME`, `TYPE/NAME`, `-f`, `-l`,
 * `--all`, `--local`), the pod spec of an object (polymorphichelpers/updatepodspec.go), sending
 * the change (helper.go CalculatePatches: an unchanged object is neither sent nor printed), the
 * printers (the name printer with the operation and the dry-run suffix,
 * `-o yaml|json|name|jsonpath=|go-template=`), checkErr's rendering of aggregated errors, and the
 * help-text pieces.
 */
import type { KubeObject, PodSpec, Status } from '../../sim/index.ts';
import { flagBool, flagString, flagStrings } from '../flags.ts';
import { plainError, renderStatus } from '../errors.ts';
import { deepCloneJson } from '../json-utils.ts';
import { executeGoTemplate } from '../printers/gotemplate.ts';
import { executeJsonPath } from '../printers/jsonpath.ts';
import { toJson, toYaml } from '../printers/object-printers.ts';
import type { ResourceType } from '../resources.ts';
import { qualifiedSingular, typeOfKind } from '../resources.ts';
import type { CommandContext } from './context.ts';
import { dryRunOf, namespaceOf, readFilenameFlag, resolveResourceArgs } from './context.ts';

/** One option as kubectl's help flag printer writes it (no wrapping: output is not a terminal). */
export function helpOption(short: string, name: string, value: string, usage: string): string {
  return `    ${short ? `-${short}, ` : ''}--${name}=${value}:\n\t${usage}\n`;
}

/** templates.Examples: every line indented by two spaces. */
export function helpExamples(lines: readonly string[]): string {
  return lines.map((l) => `  ${l}`).join('\n');
}

/** The options both subcommands print (print, filename, dry-run, selector flags). */
export function commonOptions(filenameUsage: string): Record<string, string> {
  return {
    'allow-missing-template-keys': helpOption(
      '',
      'allow-missing-template-keys',
      'true',
      'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
    ),
    'dry-run': helpOption(
      '',
      'dry-run',
      "'none'",
      'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
    ),
    'field-manager': helpOption(
      '',
      'field-manager',
      "'kubectl-set'",
      'Name of the manager used to track field ownership.',
    ),
    filename: helpOption(
      'f',
      'filename',
      '[]',
      `Filename, directory, or URL to files ${filenameUsage}`,
    ),
    kustomize: helpOption(
      'k',
      'kustomize',
      "''",
      "Process the kustomization directory. This flag can't be used together with -f or -R.",
    ),
    output: helpOption(
      'o',
      'output',
      "''",
      `Output format. One of: (${OUTPUT_FORMATS.join(', ')}).`,
    ),
    recursive: helpOption(
      'R',
      'recursive',
      'false',
      'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    ),
    selector: helpOption(
      'l',
      'selector',
      "''",
      "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    ),
    'show-managed-fields': helpOption(
      '',
      'show-managed-fields',
      'false',
      'If true, keep the managedFields when printing objects in JSON or YAML format.',
    ),
    template: helpOption(
      '',
      'template',
      "''",
      'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
    ),
  };
}

/** Joins options sorted by flag name, as the help template lists them. */
export function optionsBlock(options: Record<string, string>): string {
  return Object.keys(options)
    .sort()
    .map((k) => options[k] ?? '')
    .join('\n');
}

// ---- errors -----------------------------------------------------------------------------------

/** An error collected on the way (cmdutil.CheckErr prints them at the end). */
export type SetError =
  | { readonly status: Status }
  | {
      /** err.Error(); may already start with `error: ` or end with a newline. */
      readonly text: string;
    };

/**
 * cmdutil.CheckErr of an aggregate: one error prints as checkErr does (API errors as
 * `Error from server (…)` or `The … is invalid`, others with an `error: ` prefix unless they have
 * one); several print one per line through MultipleErrors, with no prefix added.
 */
export function printSetErrors(ctx: CommandContext, errors: readonly SetError[]): void {
  if (errors.length === 0) return;
  const only = errors.length === 1 ? errors[0] : undefined;
  if (only !== undefined) {
    ctx.io.err('status' in only ? renderStatus(only.status) : plainError(only.text));
    return;
  }
  for (const e of errors) {
    ctx.io.err(
      'status' in e
        ? `Error from server (${e.status.reason}): ${e.status.message}\n`
        : `${e.text}\n`,
    );
  }
}

// ---- targets ----------------------------------------------------------------------------------

/** One object to change (resource.Info). */
export interface SetTarget {
  readonly type: ResourceType;
  readonly object: KubeObject;
}

/** cli-runtime builder.go missingResourceError. */
const MISSING_RESOURCE =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** cli-runtime builder.go LocalResourceError. */
const LOCAL_RESOURCE =
  "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'";

/**
 * The objects the command works on, as builder.Do().Infos() finds them with ContinueOnError and
 * Latest: any error (a missing object among several) fails the whole command before anything
 * changes.
 */
export function findTargets(
  ctx: CommandContext,
  resources: readonly string[],
): { readonly targets: SetTarget[] } | { readonly errors: SetError[] } {
  const { cluster } = ctx;
  const ns = namespaceOf(ctx);
  const local = flagBool(ctx.flags, 'local');
  const filenames = flagStrings(ctx.flags, 'filename');
  const selector = flagString(ctx.flags, 'selector');
  if (local && resources.length > 0) return { errors: [{ text: LOCAL_RESOURCE }] };
  if (filenames.length > 0) {
    if (resources.length > 0 && !local) {
      return {
        errors: [
          {
            text: 'when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
          },
        ],
      };
    }
    const read = readFilenameFlag(ctx);
    if (read.errors.length > 0) return { errors: read.errors.map((text) => ({ text })) };
    const targets: SetTarget[] = [];
    const errors: SetError[] = [];
    for (const m of read.objects) {
      const type = typeOfKind(m.kind);
      if (local) {
        targets.push({ type, object: m.object as unknown as KubeObject });
        continue;
      }
      const got = cluster.get(m.kind, type.namespaced ? (m.namespace ?? ns) : undefined, m.name);
      if (!got.ok) errors.push({ status: got.status });
      else targets.push({ type, object: got.object });
    }
    return errors.length > 0 ? { errors } : { targets };
  }
  if (local) return { errors: [{ text: MISSING_RESOURCE }] };
  const resolved = resolveResourceArgs(resources);
  if (!resolved.ok) return { errors: [{ text: resolved.error.replace(/\n$/, '') }] };
  if (resolved.requests.length === 0) {
    if (selector !== undefined)
      return { errors: [{ text: 'at least one resource must be specified to use a selector' }] };
    return { errors: [{ text: MISSING_RESOURCE }] };
  }
  const all = flagBool(ctx.flags, 'all');
  const targets: SetTarget[] = [];
  const errors: SetError[] = [];
  for (const req of resolved.requests) {
    const rns = req.type.namespaced ? ns : undefined;
    if (req.names.length > 0) {
      if (selector !== undefined)
        return { errors: [{ text: 'name cannot be provided when a selector is specified' }] };
      for (const name of req.names) {
        const got = cluster.get(req.type.kind, rns, name);
        if (!got.ok) errors.push({ status: got.status });
        else targets.push({ type: req.type, object: got.object });
      }
      continue;
    }
    if (selector === undefined && !all) {
      return { errors: [{ text: 'resource(s) were provided, but no name was specified' }] };
    }
    const listed = cluster.list(req.type.kind, {
      ...(rns !== undefined ? { namespace: rns } : {}),
      ...(selector !== undefined ? { labelSelector: selector } : {}),
    });
    if (!listed.ok) return { errors: [{ status: listed.status }] };
    for (const o of listed.object) targets.push({ type: req.type, object: o });
  }
  return errors.length > 0 ? { errors } : { targets };
}

/**
 * updatePodSpecForObject: the pod spec of a pod or of a pod template, or the error for other
 * kinds (its %T is the typed object kubectl decoded, `*v1.Service`).
 */
export function podSpecOf(obj: KubeObject): PodSpec | { error: string } {
  if (obj.kind === 'Pod') return (obj as unknown as { spec: PodSpec }).spec;
  if (
    obj.kind === 'StatefulSet' ||
    obj.kind === 'Deployment' ||
    obj.kind === 'ReplicaSet' ||
    obj.kind === 'DaemonSet'
  )
    return (obj as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
  return { error: `the object is not a pod or does not have a pod template: *v1.${obj.kind}` };
}

/** info.ObjectName(): `<resource>/<name>` (`statefulsets/db-cluster`). */
export function objectName(t: SetTarget): string {
  return `${t.type.plural}/${t.object.metadata.name}`;
}

// ---- output ------------------------------------------------------------------------------------

/** PrintFlags.AllowedFormats in the order the --output help lists them (kubectl 1.34+ has kyaml). */
const OUTPUT_FORMATS = [
  'json',
  'yaml',
  'kyaml',
  'name',
  'go-template',
  'go-template-file',
  'template',
  'templatefile',
  'jsonpath',
  'jsonpath-as-json',
  'jsonpath-file',
];

/** How objects are printed after the change. */
export type SetPrinter =
  | { readonly kind: 'operation' }
  | { readonly kind: 'name' }
  | { readonly kind: 'yaml' }
  | { readonly kind: 'json' }
  | { readonly kind: 'jsonpath'; readonly template: string }
  | { readonly kind: 'go-template'; readonly template: string };

/** PrintFlags.ToPrinter for `-o` / `--template`, or kubectl's error text. */
export function printerOf(ctx: CommandContext): SetPrinter | { error: string } {
  const o = flagString(ctx.flags, 'output') ?? '';
  const template = flagString(ctx.flags, 'template') ?? '';
  if (o === '' && template !== '') return { kind: 'go-template', template };
  if (o === '') return { kind: 'operation' };
  if (o === 'name' || o === 'yaml' || o === 'json') return { kind: o };
  const eq = o.indexOf('=');
  const format = eq < 0 ? o : o.slice(0, eq);
  const value = eq < 0 ? template : o.slice(eq + 1);
  if (format === 'jsonpath' || format === 'go-template' || format === 'template') {
    if (value === '') return { error: 'template format specified but no template given' };
    return format === 'jsonpath'
      ? { kind: 'jsonpath', template: value }
      : { kind: 'go-template', template: value };
  }
  if (OUTPUT_FORMATS.includes(format)) {
    return {
      error: `the simulated cluster's kubectl does not support the output format ${JSON.stringify(format)}`,
    };
  }
  return {
    error: `unable to match a printer suitable for the output format ${JSON.stringify(o)}, allowed formats are: ${[...OUTPUT_FORMATS].sort().join(',')}`,
  };
}

/** The dry-run mode and the suffix PrintFlagsWithDryRunStrategy gives the operation. */
export function dryRunMode(
  ctx: CommandContext,
): { readonly mode: 'none' | 'client' | 'server'; readonly suffix: string } | { error: string } {
  const d = dryRunOf(ctx);
  if (typeof d === 'object') return { error: d.error };
  return {
    mode: d,
    suffix: d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '',
  };
}

/** How a `set` verb sends and prints: the dry-run mode (with its suffix) and the printer. */
export interface SetOutput {
  readonly dry: { readonly mode: 'none' | 'client' | 'server'; readonly suffix: string };
  readonly printer: SetPrinter;
}

/**
 * The start of every `set` verb's Complete: the dry-run strategy, then the printer. On a bad
 * flag it prints kubectl's error and returns undefined (the command then exits 1).
 */
export function setOutputOf(ctx: CommandContext): SetOutput | undefined {
  const dry = dryRunMode(ctx);
  if ('error' in dry) {
    ctx.io.err(dry.error);
    return undefined;
  }
  const printer = printerOf(ctx);
  if ('error' in printer) {
    ctx.io.err(plainError(printer.error));
    return undefined;
  }
  return { dry, printer };
}

/** One object's change, worked out before anything is sent, or what stopped it. */
export type SetPatch =
  { readonly target: SetTarget; readonly next: KubeObject } | { readonly error: SetError };

/**
 * The end of `set image` and `set resources` (their Run after CalculatePatches): sends each
 * change, prints `<type>/<name> <done>` (or the object, with -o) for each one sent, then every
 * error collected on the way; returns the exit code. `what` and `separator` shape the API
 * error's message (see {@link sendChange}).
 */
export function sendAndPrint(
  ctx: CommandContext,
  output: SetOutput,
  patches: readonly SetPatch[],
  errors: SetError[],
  what: string,
  done: string,
  separator?: string,
): number {
  let printed = 0;
  for (const p of patches) {
    if ('error' in p) {
      errors.push(p.error);
      continue;
    }
    const sent = sendChange(ctx, p.target, p.next, output.dry.mode, what, separator);
    if ('error' in sent) {
      errors.push(sent.error);
      continue;
    }
    const operation = `${done}${output.dry.suffix}`;
    const err = printChanged(ctx, output.printer, p.target, sent.object, operation, printed);
    printed++;
    if (err !== undefined) errors.push(err);
  }
  printSetErrors(ctx, errors);
  return errors.length > 0 ? 1 : 0;
}

/** Prints one changed object; `count` is how many were printed before (YAML separates with ---). */
export function printChanged(
  ctx: CommandContext,
  printer: SetPrinter,
  target: SetTarget,
  obj: KubeObject,
  operation: string,
  count: number,
): SetError | undefined {
  const label = `${qualifiedSingular(target.type)}/${obj.metadata.name}`;
  switch (printer.kind) {
    case 'operation':
      ctx.io.out(`${label} ${operation}\n`);
      return undefined;
    case 'name':
      ctx.io.out(`${label}\n`);
      return undefined;
    case 'yaml':
      ctx.io.out((count > 0 ? '---\n' : '') + toYaml(obj));
      return undefined;
    case 'json':
      ctx.io.out(toJson(obj));
      return undefined;
    case 'jsonpath': {
      const res = executeJsonPath(printer.template, deepCloneJson(obj));
      if (!res.ok) {
        if ('partial' in res) {
          ctx.io.out(res.partial);
          return { text: res.message };
        }
        return { text: `error parsing jsonpath ${printer.template}, ${res.message}` };
      }
      ctx.io.out(res.output);
      return undefined;
    }
    case 'go-template': {
      const res = executeGoTemplate(printer.template, deepCloneJson(obj));
      if (!res.ok) {
        if (res.output !== undefined) ctx.io.out(res.output);
        return { text: res.message };
      }
      ctx.io.out(res.output);
      return undefined;
    }
  }
}

/**
 * --record: the deprecated flag's warning (pflag prints it when the flag is given) and
 * RecordFlags' change cause, `kubectl` + the positional words + each flag as ` --name=value`.
 */
export function recordOf(ctx: CommandContext, words: readonly string[]): string | undefined {
  if (!ctx.flags.has('record')) return undefined;
  ctx.io.err('Flag --record has been deprecated, --record will be removed in the future\n');
  if (!flagBool(ctx.flags, 'record')) return undefined;
  let cause = ['kubectl', ...words].join(' ');
  // GUESS: flags in the order they were first given (pflag's ParseAll visits every occurrence).
  for (const [name, value] of ctx.flags) {
    const values = Array.isArray(value) ? (value as readonly string[]) : [value];
    for (const v of values) cause += ` --${name}=${String(v)}`;
  }
  return cause;
}

/** Sets the change-cause annotation (ChangeCauseRecorder.Record). */
export function recordChangeCause(obj: KubeObject, cause: string | undefined): void {
  if (cause === undefined) return;
  obj.metadata.annotations = {
    ...(obj.metadata.annotations ?? {}),
    'kubernetes.io/change-cause': cause,
  };
}

/**
 * Sends the changed object: a merge patch of the changed pod spec lists and annotations (the
 * result equals kubectl's strategic two-way patch), a server-side dry run, or nothing (client).
 */
export function sendChange(
  ctx: CommandContext,
  target: SetTarget,
  next: KubeObject,
  mode: 'none' | 'client' | 'server',
  what: string,
  /** What follows "pod template" before the API error (`set resources` has no colon). */
  separator = ': ',
): { readonly object: KubeObject } | { readonly error: SetError } {
  if (mode === 'client' || flagBool(ctx.flags, 'local')) return { object: next };
  const fail = (status: Status): { readonly error: SetError } => ({
    error: { text: `failed to patch ${what} update to pod template${separator}${status.message}` },
  });
  if (mode === 'server') {
    const res = ctx.cluster.validate(next);
    return res.ok ? { object: res.object } : fail(res.status);
  }
  const before = target.object;
  const patch: Record<string, unknown> = {};
  if (JSON.stringify(before.metadata.annotations) !== JSON.stringify(next.metadata.annotations))
    patch['metadata'] = { annotations: next.metadata.annotations ?? null };
  const specPatch: Record<string, unknown> = {};
  const beforeSpec = podSpecOf(before);
  const nextSpec = podSpecOf(next);
  if (!('error' in beforeSpec) && !('error' in nextSpec)) {
    if (JSON.stringify(beforeSpec.containers) !== JSON.stringify(nextSpec.containers))
      specPatch['containers'] = nextSpec.containers;
    if (JSON.stringify(beforeSpec.initContainers) !== JSON.stringify(nextSpec.initContainers))
      specPatch['initContainers'] = nextSpec.initContainers;
  }
  if (Object.keys(specPatch).length > 0) {
    patch['spec'] = next.kind === 'Pod' ? specPatch : { template: { spec: specPatch } };
  }
  const res = ctx.cluster.patch(
    target.type.kind,
    next.metadata.namespace,
    next.metadata.name,
    patch,
    'merge',
  );
  return res.ok ? { object: res.object } : fail(res.status);
}

/** A deep copy of an object to change. */
export function cloneObject(obj: KubeObject): KubeObject {
  return deepCloneJson(obj);
}
