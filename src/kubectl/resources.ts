/**
 * The resource types kubectl knows in this cluster (what discovery would return): plural,
 * singular and short names, the `kind.group` spellings, and the `all` category. kubectl resolves
 * a type the user typed against this table before it sends any request.
 */
import type { Kind } from '../sim/index.ts';
import { KIND_INFO } from '../sim/index.ts';

/** One served resource type as `kubectl api-resources` lists it. */
export interface ResourceType {
  readonly kind: Kind;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly categories: readonly string[];
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

function type(
  kind: Kind,
  singular: string,
  shortNames: readonly string[],
  categories: readonly string[] = [],
  verbs: readonly string[] = ALL_VERBS,
): ResourceType {
  const info = KIND_INFO[kind];
  const version = info.apiVersion.includes('/')
    ? (info.apiVersion.split('/')[1] ?? 'v1')
    : info.apiVersion;
  return {
    kind,
    plural: info.resource,
    singular,
    shortNames,
    group: info.group,
    version,
    namespaced: info.namespaced,
    verbs,
    categories,
  };
}

/** Every resource type, in the order `kubectl api-resources` prints them (core group first). */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  type('Endpoints', 'endpoints', ['ep']),
  type('Event', 'event', ['ev']),
  type(
    'Namespace',
    'namespace',
    ['ns'],
    [],
    ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  ),
  type('Node', 'node', ['no']),
  type('PersistentVolumeClaim', 'persistentvolumeclaim', ['pvc']),
  type('PersistentVolume', 'persistentvolume', ['pv']),
  type('Pod', 'pod', ['po'], ['all']),
  type(
    'Service',
    'service',
    ['svc'],
    ['all'],
    ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  ),
  type('ControllerRevision', 'controllerrevision', []),
  type('DaemonSet', 'daemonset', ['ds'], ['all']),
  type('Deployment', 'deployment', ['deploy'], ['all']),
  type('ReplicaSet', 'replicaset', ['rs'], ['all']),
  type('StatefulSet', 'statefulset', ['sts'], ['all']),
  // discovery.k8s.io sorts between apps and policy in discovery order.
  type('EndpointSlice', 'endpointslice', []),
  type('PodDisruptionBudget', 'poddisruptionbudget', ['pdb']),
  type('StorageClass', 'storageclass', ['sc']),
];

/** `statefulset.apps` / `pod`: how kubectl names a type in messages and `-o name` output. */
export function qualifiedSingular(t: ResourceType): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}

/** `statefulsets.apps` / `pods`: the group-qualified plural used in NotFound messages. */
export function qualifiedPlural(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** The registry entry for a served kind. */
export function typeOfKind(kind: Kind): ResourceType {
  const t = RESOURCE_TYPES.find((r) => r.kind === kind);
  // Every Kind has an entry; the fallback keeps the type checker honest without a throw.
  return t ?? type(kind, kind.toLowerCase(), []);
}

/**
 * Resolves what the user typed (`po`, `pods`, `Pod`, `statefulset.apps`, `sts.apps`,
 * `statefulsets.v1.apps`) to resource types; `all` expands to its category. Undefined when the
 * server has no such type.
 */
export function resolveType(input: string): readonly ResourceType[] | undefined {
  const lower = input.toLowerCase();
  if (lower === 'all') return RESOURCE_TYPES.filter((t) => t.categories.includes('all'));
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const rest = dot < 0 ? undefined : lower.slice(dot + 1);
  const found = RESOURCE_TYPES.find((t) => {
    const names = [t.plural, t.singular, t.kind.toLowerCase(), ...t.shortNames];
    if (!names.includes(name)) return false;
    if (rest === undefined) return true;
    return (
      rest === t.group ||
      rest === `${t.version}.${t.group}` ||
      (t.group === '' && rest === t.version)
    );
  });
  return found ? [found] : undefined;
}
