/**
 * What every verb receives: the environment, an Io to write to, the parsed flags, and helpers
 * shared by the verbs (namespace, resource arguments, reading `-f` files, waiting).
 */
import type { Cluster, KubeObject } from '../../sim/index.ts';
import { EPOCH_MS } from '../../sim/index.ts';
import type { FlagValues } from '../flags.ts';
import { GO_BOOLS, flagBool, flagString, flagStrings } from '../flags.ts';
import type { Io, KubectlEnv } from '../io.ts';
import type { ManifestObject } from '../manifests.ts';
import { readManifest } from '../manifests.ts';
import type { ResourceType } from '../resources.ts';
import { resolveType } from '../resources.ts';
import type { Waiter } from '../waiter.ts';

/** The invocation of one verb. */
export interface CommandContext {
  readonly env: KubectlEnv;
  readonly cluster: Cluster;
  readonly io: Io;
  readonly waiter: Waiter;
  /** The verb path for messages (`get`, `rollout status`). */
  readonly command: string;
  readonly args: readonly string[];
  readonly flags: FlagValues;
  /** The words after `--` (`kubectl exec web-0 -- hostname`); undefined when there was no `--`. */
  readonly dashArgs?: readonly string[];
}

/** The namespace the command works in (`-n`, else `default`). */
export function namespaceOf(ctx: CommandContext): string {
  const ns = flagString(ctx.flags, 'namespace');
  return ns === undefined || ns === '' ? 'default' : ns;
}

/** What the resource arguments asked for: types, each with optional names, in order. */
export interface ResourceRequest {
  readonly type: ResourceType;
  readonly names: readonly string[];
}

/** Result of resolving `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...`. */
export type ResolvedArgs =
  | {
      readonly ok: true;
      readonly requests: readonly ResourceRequest[];
      readonly multipleTypes: boolean;
    }
  | { readonly ok: false; readonly error: string };

function unknownType(t: string): ResolvedArgs {
  return {
    ok: false,
    error: `error: the server doesn't have a resource type ${JSON.stringify(t)}\n`,
  };
}

/** Resolves resource arguments as kubectl's ResourceTypeOrNameArgs does. */
export function resolveResourceArgs(args: readonly string[]): ResolvedArgs {
  if (args.length === 0) return { ok: true, requests: [], multipleTypes: false };
  const slashForm = args.some((a) => a.includes('/'));
  if (slashForm) {
    const requests: ResourceRequest[] = [];
    const kinds = new Set<string>();
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash <= 0) {
        return {
          ok: false,
          error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n`,
        };
      }
      const typeName = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (name === '')
        return {
          ok: false,
          error: `error: arguments in resource/name form must have a single resource and name\n`,
        };
      const types = resolveType(typeName);
      const t = types?.[0];
      if (t === undefined || typeName.toLowerCase() === 'all') return unknownType(typeName);
      kinds.add(t.kind);
      const existing = requests.find((r) => r.type.kind === t.kind);
      if (existing) (existing.names as string[]).push(name);
      else requests.push({ type: t, names: [name] });
    }
    return { ok: true, requests, multipleTypes: kinds.size > 1 };
  }
  const [typeArg = '', ...names] = args;
  const parts = typeArg.split(',').filter((p) => p !== '');
  const requests: ResourceRequest[] = [];
  for (const p of parts) {
    const types = resolveType(p);
    if (types === undefined) return unknownType(p);
    for (const t of types) {
      if (!requests.some((r) => r.type.kind === t.kind)) requests.push({ type: t, names });
    }
  }
  const multipleTypes = parts.length > 1 || parts.some((p) => p.toLowerCase() === 'all');
  return { ok: true, requests, multipleTypes };
}

/** The file extensions kubectl reads from a `-f` directory. */
const MANIFEST_FILE = /\.(ya?ml|json)$/;

/** Reads every `-f` source (files, directories, `-`); errors are kubectl's texts. */
export function readFilenameFlag(ctx: CommandContext): {
  objects: ManifestObject[];
  errors: string[];
} {
  const objects: ManifestObject[] = [];
  const errors: string[] = [];
  for (const f of flagStrings(ctx.flags, 'filename')) {
    let text: string | undefined;
    let source = f;
    if (f === '-') {
      text = ctx.env.stdin ?? '';
      source = 'STDIN';
    } else {
      text = ctx.env.readFile?.(f);
    }
    if (text === undefined) {
      const entries = f === '-' ? undefined : ctx.env.listDirectory?.(f);
      if (entries !== undefined) {
        // cli-runtime's FileVisitor: the directory's manifest files, in name order.
        const dir = f.endsWith('/') ? f : `${f}/`;
        for (const name of [...entries].filter((n) => MANIFEST_FILE.test(n)).sort()) {
          const path = dir + name;
          const body = ctx.env.readFile?.(path);
          if (body === undefined) continue;
          const read = readManifest(path, body);
          objects.push(...read.objects);
          errors.push(...read.errors);
        }
        continue;
      }
      errors.push(`error: the path ${JSON.stringify(f)} does not exist`);
      continue;
    }
    const read = readManifest(source, text);
    objects.push(...read.objects);
    errors.push(...read.errors);
  }
  return { objects, errors };
}

/** Writes errors (each ends with a newline) to stderr. */
export function printErrors(ctx: CommandContext, errors: readonly string[]): void {
  for (const e of errors) ctx.io.err(e.endsWith('\n') ? e : e + '\n');
}

/**
 * The process id in the klog header of kubectl's warnings. GUESS: any fixed pid; a real one
 * changes with every run.
 */
const KUBECTL_PID = 48213;

/**
 * A klog warning line as kubectl writes it to stderr at its default verbosity:
 * `Wmmdd hh:mm:ss.uuuuuu` (UTC here: the virtual clock), the pid padded to 7, `file:line]`.
 */
export function klogWarning(cluster: Cluster, source: string, message: string): string {
  const d = new Date(EPOCH_MS + cluster.now());
  const two = (n: number): string => String(n).padStart(2, '0');
  const micro = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
  const stamp = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micro}`;
  return `W${stamp} ${String(KUBECTL_PID).padStart(7, ' ')} ${source}] ${message}\n`;
}

/** Flag sets whose dry-run deprecation warning was printed (once per command, as Complete does). */
const warned = new WeakSet<FlagValues>();

/**
 * cmdutil.GetDryRunStrategy (release-1.35 helpers.go): `none`, `client`, `server`; a bare
 * `--dry-run` (NoOptDefVal `unchanged`) and the old boolean values still work but klog warns
 * (helpers.go:719, :733, :736); anything else is an error.
 */
export function dryRunOf(ctx: CommandContext): 'none' | 'client' | 'server' | { error: string } {
  const v = flagString(ctx.flags, 'dry-run');
  if (v === undefined || v === 'none') return 'none';
  if (v === 'client' || v === 'server') return v;
  const warn = (line: number, message: string): void => {
    if (warned.has(ctx.flags)) return;
    warned.add(ctx.flags);
    ctx.io.err(klogWarning(ctx.cluster, `helpers.go:${line}`, message));
  };
  const b = Object.hasOwn(GO_BOOLS, v) ? GO_BOOLS[v] : undefined;
  if (b === undefined) {
    if (v === 'unchanged') {
      warn(719, '--dry-run is deprecated and can be replaced with --dry-run=client.');
      return 'client';
    }
    return {
      error: `error: Invalid dry-run value (${v}). Must be "none", "server", or "client".\n`,
    };
  }
  warn(
    b ? 733 : 736,
    `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=${b ? 'client' : 'none'}.`,
  );
  return b ? 'client' : 'none';
}

/** Whether an object still exists in the store (same uid, for objects re-created meanwhile). */
export function stillExists(cluster: Cluster, obj: KubeObject): boolean {
  const kind = obj.kind;
  const res = cluster.get(
    kind as Parameters<Cluster['get']>[0],
    obj.metadata.namespace,
    obj.metadata.name,
  );
  return res.ok && res.object.metadata.uid === obj.metadata.uid;
}

/** True when `--all-namespaces`/`-A` was given. */
export function allNamespaces(ctx: CommandContext): boolean {
  return flagBool(ctx.flags, 'all-namespaces');
}

/**
 * Calls the simulator, turning an exception into an error line. The simulator's API returns
 * errors as data; an exception means a simulator bug, reported as such rather than as a kubectl
 * crash so the rest of the command (other objects of a manifest) still runs.
 */
export function callSim<T>(fn: () => T, what: string): T | { readonly simError: string } {
  try {
    return fn();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { simError: `error: the simulated API server failed on ${what}: ${msg}` };
  }
}
