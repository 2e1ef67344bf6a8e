/**
 * `kubectl get`: tables (one per kind, `kind.group/name` prefixes when several kinds are asked
 * for), `-o wide|name|yaml|json|jsonpath=|custom-columns=`, `--show-labels`, `-L`, `--no-headers`, `-A`,
 * `-l`, `--field-selector`, `--sort-by`, and `-w`/`--watch-only` streaming one row per watch event.
 * Empty results print `No resources found in <ns> namespace.` on stderr, as kubectl does.
 */
import { own } from '../json-utils.ts';
import type { KubeObject, WatchEvent } from '../../sim/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString, flagStrings } from '../flags.ts';
import { executeGoTemplate } from '../printers/gotemplate.ts';
import { executeJsonPath, jsonPathValues } from '../printers/jsonpath.ts';
import { GET_TABWRITER, tabulate } from '../printers/tabwriter.ts';
import { listOf, toJson, toName, toYaml } from '../printers/object-printers.ts';
import type { TableGroup, TableOptions } from '../printers/table-printer.ts';
import { TablePrinter, printTables } from '../printers/table-printer.ts';
import { usageError, plainError, renderStatus } from '../errors.ts';
import type { ResourceType } from '../resources.ts';
import { typeOfKind } from '../resources.ts';
import type { CommandContext } from './context.ts';
import {
  allNamespaces,
  namespaceOf,
  printErrors,
  readFilenameFlag,
  resolveResourceArgs,
} from './context.ts';

/** Flags of `kubectl get`. */
export const GET_FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'strings' },
  { name: 'no-headers', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'output-watch-events', type: 'bool' },
];

/** The deprecation warning a 1.33+ API server returns with v1 Endpoints responses. */
const ENDPOINTS_WARNING =
  'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

const ALLOWED_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

type Output =
  | { readonly kind: 'table'; readonly wide: boolean }
  | { readonly kind: 'name' | 'yaml' | 'json' }
  | { readonly kind: 'jsonpath'; readonly template: string }
  | { readonly kind: 'go-template'; readonly template: string }
  | { readonly kind: 'custom-columns'; readonly columns: readonly CustomColumn[] };

interface CustomColumn {
  readonly header: string;
  readonly template: string;
}

/** Parses `NAME:.metadata.name,IP:.status.podIP` (cli-runtime's custom-columns spec). */
function parseCustomColumns(spec: string): CustomColumn[] | string {
  if (spec === '') return 'custom-columns format specified but no custom columns given';
  const out: CustomColumn[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) {
      return `unexpected custom-column spec: ${part}, expected <header>:<json-path-expr>`;
    }
    let path = part.slice(colon + 1);
    // kubectl's RelaxedJSONPathExpression: `.a.b` and `a.b` both mean `{.a.b}`.
    if (!path.startsWith('{')) path = `{${path.startsWith('.') ? '' : '.'}${path}}`;
    out.push({ header: part.slice(0, colon), template: path });
  }
  return out;
}

function parseOutput(o: string | undefined, template: string | undefined): Output | string {
  // cli-runtime: `--template` without `-o` means `-o go-template`; with `-o go-template` (or
  // `template`, `jsonpath`) it supplies the template.
  if ((o === undefined || o === '') && template !== undefined && template !== '') {
    return { kind: 'go-template', template };
  }
  if (o === undefined || o === '') return { kind: 'table', wide: false };
  if ((o === 'go-template' || o === 'template') && template !== undefined && template !== '') {
    return { kind: 'go-template', template };
  }
  if (o === 'jsonpath' && template !== undefined && template !== '') {
    return { kind: 'jsonpath', template };
  }
  if (o === 'wide') return { kind: 'table', wide: true };
  if (o === 'name' || o === 'yaml' || o === 'json') return { kind: o };
  const eq = o.indexOf('=');
  const format = eq < 0 ? o : o.slice(0, eq);
  if (format === 'custom-columns') {
    const columns = parseCustomColumns(eq < 0 ? '' : o.slice(eq + 1));
    return typeof columns === 'string' ? columns : { kind: 'custom-columns', columns };
  }
  if (format === 'jsonpath' || format === 'template' || format === 'go-template') {
    if (eq < 0 || o.slice(eq + 1) === '') {
      return `template format specified but no template given`;
    }
    if (format === 'jsonpath') return { kind: 'jsonpath', template: o.slice(eq + 1) };
    return { kind: 'go-template', template: o.slice(eq + 1) };
  }
  return `unable to match a printer suitable for the output format ${JSON.stringify(o)}, allowed formats are: ${ALLOWED_FORMATS}`;
}

interface FieldRequirement {
  readonly field: string;
  readonly op: '=' | '!=';
  readonly value: string;
}

/** Field selectors the simulated API server supports (per kind, as the real registries do). */
const FIELD_LABELS: Readonly<Record<string, readonly string[]>> = {
  Pod: [
    'metadata.name',
    'metadata.namespace',
    'status.phase',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.podIP',
  ],
  Event: [
    'metadata.name',
    'metadata.namespace',
    'involvedObject.kind',
    'involvedObject.name',
    'involvedObject.namespace',
    'reason',
    'type',
    'source',
  ],
  Namespace: ['metadata.name', 'status.phase'],
  PersistentVolumeClaim: ['metadata.name', 'metadata.namespace'],
  PersistentVolume: ['metadata.name'],
  Node: ['metadata.name', 'spec.unschedulable'],
};

function parseFieldSelector(s: string): FieldRequirement[] | string {
  const out: FieldRequirement[] = [];
  for (const part of s.split(',')) {
    if (part.trim() === '') continue;
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) return `invalid selector: '${s}'; can't understand '${part}'`;
    out.push({ field: m[1] ?? '', op: m[2] === '!=' ? '!=' : '=', value: m[3] ?? '' });
  }
  return out;
}

function fieldValue(obj: KubeObject, path: string): string {
  let v: unknown = obj;
  for (const p of path.split('.')) {
    v = own(v, p);
  }
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The value `--sort-by` compares, from a JSONPath like `.metadata.name` or `{.spec.nodeName}`. */
function sortValue(obj: KubeObject, expr: string): unknown {
  let e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1);
  if (!e.startsWith('.')) e = '.' + e;
  let v: unknown = obj;
  for (const p of e.slice(1).split('.')) {
    if (p === '') continue;
    v = own(v, p);
  }
  return v;
}

function compareSort(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = a === undefined ? '' : typeof a === 'string' ? a : JSON.stringify(a);
  const sb = b === undefined ? '' : typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Runs `kubectl get`. */
export async function runGet(ctx: CommandContext): Promise<number> {
  const { io, cluster } = ctx;
  const files = flagStrings(ctx.flags, 'filename');
  if (ctx.args.length === 0 && files.length === 0) {
    io.err(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
    );
    io.err(
      usageError(
        'get',
        'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
      ),
    );
    return 1;
  }
  const output = parseOutput(flagString(ctx.flags, 'output'), flagString(ctx.flags, 'template'));
  if (typeof output === 'string') {
    io.err(plainError(output));
    return 1;
  }
  const showLabels = flagBool(ctx.flags, 'show-labels');
  if (showLabels && output.kind !== 'table') {
    io.err(
      plainError(
        `--show-labels option cannot be used with ${flagString(ctx.flags, 'output') ?? ''} printer`,
      ),
    );
    return 1;
  }
  const selector = flagString(ctx.flags, 'selector');
  const fieldSelectorText = flagString(ctx.flags, 'field-selector');
  const fieldReqs = fieldSelectorText === undefined ? [] : parseFieldSelector(fieldSelectorText);
  if (typeof fieldReqs === 'string') {
    io.err(plainError(fieldReqs));
    return 1;
  }
  const allNs = allNamespaces(ctx);
  const namespace = namespaceOf(ctx);
  let exit = 0;
  const errors: string[] = [];
  const groups: { type: ResourceType; objects: KubeObject[] }[] = [];
  let multipleTypes: boolean;
  let singleItem: boolean;

  const addObject = (type: ResourceType, obj: KubeObject): void => {
    const g = groups[groups.length - 1];
    if (g !== undefined && g.type.kind === type.kind) g.objects.push(obj);
    else groups.push({ type, objects: [obj] });
  };

  if (files.length > 0) {
    const read = readFilenameFlag(ctx);
    for (const m of read.objects) {
      const type = typeOfKind(m.kind);
      const ns = type.namespaced ? (m.namespace ?? namespace) : undefined;
      const res = cluster.get(m.kind, ns, m.name);
      if (res.ok) addObject(type, res.object);
      else errors.push(renderStatus(res.status));
    }
    errors.push(...read.errors);
    singleItem = read.objects.length === 1;
    multipleTypes = new Set(read.objects.map((o) => o.kind)).size > 1;
  } else {
    const resolved = resolveResourceArgs(ctx.args);
    if (!resolved.ok) {
      io.err(resolved.error);
      return 1;
    }
    multipleTypes = resolved.multipleTypes;
    if (resolved.requests.some((r) => r.type.kind === 'Endpoints')) {
      // The 1.33+ API server attaches this warning to every v1 Endpoints request.
      io.err(ENDPOINTS_WARNING);
    }
    const named = resolved.requests.some((r) => r.names.length > 0);
    if (named && selector !== undefined) {
      io.err(plainError('name cannot be provided when a selector is specified'));
      return 1;
    }
    singleItem = resolved.requests.length === 1 && resolved.requests[0]?.names.length === 1;
    for (const req of resolved.requests) {
      const type = req.type;
      const ns = type.namespaced
        ? allNs && req.names.length === 0
          ? undefined
          : namespace
        : undefined;
      if (req.names.length > 0) {
        for (const name of req.names) {
          const res = cluster.get(type.kind, ns, name);
          if (res.ok) addObject(type, res.object);
          else if (!(flagBool(ctx.flags, 'ignore-not-found') && res.status.reason === 'NotFound'))
            errors.push(renderStatus(res.status));
        }
        continue;
      }
      const res = cluster.list(type.kind, {
        ...(ns !== undefined ? { namespace: ns } : {}),
        ...(selector !== undefined ? { labelSelector: selector } : {}),
      });
      if (!res.ok) {
        io.err(plainError(res.status.message));
        return 1;
      }
      let objs: KubeObject[] = res.object;
      if (fieldReqs.length > 0) {
        const supported = FIELD_LABELS[type.kind] ?? ['metadata.name', 'metadata.namespace'];
        const bad = fieldReqs.find((r) => !supported.includes(r.field));
        if (bad) {
          const gvr = `${type.group}/${type.version}, Resource=${type.plural}`;
          errors.push(
            `Error from server (BadRequest): Unable to find ${JSON.stringify(gvr)} that match label selector ${JSON.stringify(selector ?? '')}, field selector ${JSON.stringify(fieldSelectorText ?? '')}: field label not supported: ${bad.field}\n`,
          );
          continue;
        }
        objs = objs.filter((o) =>
          fieldReqs.every((r) => (fieldValue(o, r.field) === r.value) === (r.op === '=')),
        );
      }
      for (const o of objs) addObject(type, o);
    }
  }
  if (errors.length > 0) exit = 1;

  const sortBy = flagString(ctx.flags, 'sort-by');
  if (sortBy !== undefined && sortBy !== '') {
    for (const g of groups) {
      g.objects = g.objects
        .map((o, i) => ({ o, i, v: sortValue(o, sortBy) }))
        .sort((a, b) => compareSort(a.v, b.v) || a.i - b.i)
        .map((x) => x.o);
    }
  }

  const watch = flagBool(ctx.flags, 'watch') || flagBool(ctx.flags, 'watch-only');
  if (watch) {
    printErrors(ctx, errors);
    if (errors.length > 0 && groups.length === 0) return 1;
    return watchTable(ctx, output, groups, selector, allNs, namespace);
  }

  const withKind =
    multipleTypes ||
    new Set(groups.map((g) => g.type.kind)).size > 1 ||
    flagBool(ctx.flags, 'show-kind');
  const allObjects = groups.flatMap((g) => g.objects);
  switch (output.kind) {
    case 'table': {
      const opts: TableOptions = {
        wide: output.wide,
        showLabels,
        labelColumns: flagStrings(ctx.flags, 'label-columns'),
        noHeaders: flagBool(ctx.flags, 'no-headers'),
        withNamespace: allNs,
        withKind,
      };
      const tableGroups: TableGroup[] = groups;
      // Cluster-scoped kinds never get the NAMESPACE column.
      let text = '';
      for (const g of tableGroups) {
        const part = printTables(
          [g],
          { ...opts, withNamespace: allNs && g.type.namespaced },
          cluster.now(),
        );
        if (part === '') continue;
        if (text !== '' && !opts.noHeaders) text += '\n';
        text += part;
      }
      io.out(text);
      if (text === '' && errors.length === 0 && !flagBool(ctx.flags, 'ignore-not-found')) {
        const resolved = resolveResourceArgs(ctx.args);
        const requested = resolved.ok ? resolved.requests.map((q) => q.type) : [];
        const allNamespaced = !allNs && requested.every((t) => t.namespaced);
        io.err(
          allNamespaced
            ? `No resources found in ${namespace} namespace.\n`
            : 'No resources found\n',
        );
      }
      break;
    }
    case 'name':
      for (const g of groups) for (const o of g.objects) io.out(toName(g.type, o));
      break;
    case 'custom-columns': {
      let text = flagBool(ctx.flags, 'no-headers')
        ? ''
        : output.columns.map((c) => c.header).join('\t') + '\n';
      for (const o of allObjects) {
        const data = JSON.parse(JSON.stringify(o)) as unknown;
        const cells = output.columns.map((c) => {
          const r = jsonPathValues(c.template, data);
          return r.ok && r.values.length > 0 ? r.values.join(',') : '<none>';
        });
        text += cells.join('\t') + '\n';
      }
      if (allObjects.length > 0) io.out(tabulate(text, GET_TABWRITER));
      break;
    }
    case 'yaml':
    case 'json':
    case 'go-template':
    case 'jsonpath': {
      if (allObjects.length === 0 && errors.length > 0 && singleItem) break;
      const data = singleItem && allObjects.length === 1 ? allObjects[0] : listOf(allObjects);
      if (output.kind === 'yaml') io.out(toYaml(data));
      else if (output.kind === 'json') io.out(toJson(data));
      else if (output.kind === 'jsonpath') {
        const res = executeJsonPath(output.template, JSON.parse(JSON.stringify(data)) as unknown);
        if (!res.ok) {
          if ('partial' in res) {
            io.out(res.partial);
            io.err(plainError(res.message));
          } else io.err(plainError(`error parsing jsonpath ${output.template}, ${res.message}`));
          return 1;
        }
        io.out(res.output);
      } else if (output.kind === 'go-template') {
        const res = executeGoTemplate(output.template, JSON.parse(JSON.stringify(data)) as unknown);
        if (!res.ok) {
          if (res.output !== undefined) io.out(res.output);
          io.err(plainError(res.message));
          return 1;
        }
        io.out(res.output);
      }
      break;
    }
  }
  printErrors(ctx, errors);
  return exit;
}

async function watchTable(
  ctx: CommandContext,
  output: Output,
  groups: readonly { type: ResourceType; objects: KubeObject[] }[],
  selector: string | undefined,
  allNs: boolean,
  namespace: string,
): Promise<number> {
  const resolved = resolveResourceArgs(ctx.args);
  const requests = resolved.ok ? resolved.requests : [];
  if (requests.length > 1 || groups.length > 1) {
    ctx.io.err(
      plainError(
        'watch is only supported on individual resources and resource collections - more than 1 resource was found',
      ),
    );
    return 1;
  }
  const req = requests[0];
  const type = req?.type ?? groups[0]?.type;
  if (type === undefined) return 0;
  const names = req?.names ?? [];
  const printer = new TablePrinter(type, {
    wide: output.kind === 'table' && output.wide,
    showLabels: flagBool(ctx.flags, 'show-labels'),
    labelColumns: flagStrings(ctx.flags, 'label-columns'),
    noHeaders: flagBool(ctx.flags, 'no-headers'),
    withNamespace: allNs && type.namespaced,
    eventColumn: flagBool(ctx.flags, 'output-watch-events'),
  });
  const type0 = type;
  const withEvents = flagBool(ctx.flags, 'output-watch-events');
  // cli-runtime wraps each object as a metav1.WatchEvent for the structured printers.
  const wrap = (o: KubeObject, type: string): unknown => (withEvents ? { type, object: o } : o);
  const emit = (objs: readonly KubeObject[], type = 'ADDED'): void => {
    if (output.kind === 'table') {
      ctx.io.out(
        printer.print(
          objs,
          ctx.cluster.now(),
          objs.map(() => type),
        ),
      );
    } else if (output.kind === 'name') for (const o of objs) ctx.io.out(toName(type0, o));
    else if (output.kind === 'yaml')
      for (const o of objs) ctx.io.out(toYaml(wrap(o, type)) + '---\n');
    else if (output.kind === 'json') for (const o of objs) ctx.io.out(toJson(wrap(o, type)));
    else if (output.kind === 'go-template' || output.kind === 'jsonpath') {
      for (const o of objs) {
        const data = JSON.parse(JSON.stringify(wrap(o, type))) as unknown;
        const res =
          output.kind === 'go-template'
            ? executeGoTemplate(output.template, data)
            : executeJsonPath(output.template, data);
        if (res.ok) ctx.io.out(res.output);
        else {
          const partial = 'output' in res ? res.output : 'partial' in res ? res.partial : undefined;
          if (typeof partial === 'string') ctx.io.out(partial);
          ctx.io.err(plainError(res.message));
        }
      }
    }
  };
  if (!flagBool(ctx.flags, 'watch-only')) emit(groups[0]?.objects ?? []);
  const nsFilter = type.namespaced && !allNs ? namespace : undefined;
  const sub = ctx.cluster.watch(
    (ev: WatchEvent) => {
      if (names.length > 0 && !names.includes(ev.object.metadata.name)) return;
      emit([ev.object], ev.type);
    },
    {
      kind: type.kind,
      ...(nsFilter !== undefined ? { namespace: nsFilter } : {}),
      ...(selector !== undefined ? { labelSelector: selector } : {}),
    },
  );
  try {
    await ctx.waiter.settle(5000, ctx.env.maxWaitMs ?? 3_600_000);
  } finally {
    sub.dispose();
  }
  return 0;
}
