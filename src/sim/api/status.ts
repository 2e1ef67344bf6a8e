/**
 * API results as data. Failures are shaped like a Kubernetes `Status` object (metav1.Status), so
 * kubectl can print them exactly as it prints a real API server's answer. Nothing is thrown.
 */
import { KIND_INFO, isKind } from './types.ts';
import type { LabelSelector } from './types.ts';

/** metav1.StatusReason values the simulator produces. */
export type StatusReason =
  | 'Invalid'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'Expired'
  | 'TooManyRequests'
  | 'InternalError';

/** metav1.StatusCause: one field-level problem. */
export interface StatusCause {
  readonly reason: string;
  readonly message: string;
  readonly field: string;
}

/** metav1.Status for a failed request. */
export interface Status {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: StatusReason;
  readonly details?: {
    readonly name?: string;
    readonly group?: string;
    readonly kind?: string;
    readonly causes?: readonly StatusCause[];
  };
  readonly code: number;
}

/** The result of an API call: the object, or a Status describing why not. */
export type ApiResult<T> = { readonly ok: true; readonly object: T } | ApiFailure;

/** The failing half of ApiResult. */
export interface ApiFailure {
  readonly ok: false;
  readonly status: Status;
}

/** Wraps a success. */
export function ok<T>(object: T): ApiResult<T> {
  return { ok: true, object };
}

/** A field.Error: the path, its type and the rendered body (`Invalid value: -1: must be …`). */
export interface FieldError {
  readonly field: string;
  readonly type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueForbidden'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate'
    | 'FieldValueTooLong';
  /** The part after `<field>: `, exactly as apimachinery's ErrorBody renders it. */
  readonly body: string;
}

/**
 * A Go struct value for an error body: its fields render in declaration order (Go maps, i.e.
 * plain objects, render with sorted keys). Validation runs on the server's *internal* types,
 * which have no json tags, so their field names are Go's (`Partition`); metav1 types shared by
 * both (LabelSelector) keep their tags and `omitempty`.
 */
export class GoStruct {
  /** The fields in declaration order; `undefined` values are left out (omitempty). */
  readonly fields: Readonly<Record<string, unknown>>;
  constructor(fields: Readonly<Record<string, unknown>>) {
    this.fields = fields;
  }
}

/** Shorthand for `new GoStruct(fields)`. */
export function goStruct(fields: Readonly<Record<string, unknown>>): GoStruct {
  return new GoStruct(fields);
}

/**
 * Go's encoding/json string quoting: like JSON.stringify, plus the HTML-safe escapes json.Marshal
 * applies by default (`<`, `>`, `&`, U+2028, U+2029).
 */
function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${hex}`;
  });
}

/** json.Marshal of a value: maps (plain objects) with sorted keys, GoStructs in field order. */
export function goJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value instanceof GoStruct) {
    const parts = Object.entries(value.fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${goJsonString(k)}:${goJson(v)}`);
    return `{${parts.join(',')}}`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(obj[k])}`).join(',')}}`;
}

/**
 * A *metav1.LabelSelector as json.Marshal renders it in an error value: metav1 types keep their
 * json tags (`matchLabels,omitempty`, `matchExpressions,omitempty`; requirement `values,omitempty`).
 */
export function labelSelectorValue(sel: LabelSelector | undefined): GoStruct | null {
  if (sel === undefined) return null;
  const labels = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  return goStruct({
    matchLabels: Object.keys(labels).length > 0 ? labels : undefined,
    matchExpressions:
      exprs.length > 0
        ? exprs.map((e) =>
            goStruct({
              key: e.key,
              operator: e.operator,
              values: e.values !== undefined && e.values.length > 0 ? e.values : undefined,
            }),
          )
        : undefined,
  });
}

/**
 * Renders a field value the way apimachinery's ErrorBody does since 1.34 (kubernetes#132314,
 * `pkg/util/validation/field/errors.go`): strings `%q`-quoted, numbers and booleans bare, anything
 * else through json.Marshal.
 */
export function renderValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return goJson(value);
}

/** field.Invalid. */
export function invalid(field: string, value: unknown, detail: string): FieldError {
  const body = `Invalid value: ${renderValue(value)}` + (detail ? `: ${detail}` : '');
  return { field, type: 'FieldValueInvalid', body };
}

/** field.Required. */
export function required(field: string, detail = ''): FieldError {
  return {
    field,
    type: 'FieldValueRequired',
    body: 'Required value' + (detail ? `: ${detail}` : ''),
  };
}

/** field.Forbidden. */
export function forbidden(field: string, detail: string): FieldError {
  return { field, type: 'FieldValueForbidden', body: `Forbidden: ${detail}` };
}

/** field.NotSupported. */
export function notSupported(
  field: string,
  value: unknown,
  supported: readonly string[],
): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return {
    field,
    type: 'FieldValueNotSupported',
    body: `Unsupported value: ${renderValue(value)}: supported values: ${list}`,
  };
}

/** `statefulsets.apps` / `pods`: the qualified resource name used in NotFound messages. */
export function qualifiedResource(kind: string): string {
  if (!isKind(kind)) return kind.toLowerCase() + 's';
  const info = KIND_INFO[kind];
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** `StatefulSet.apps` / `Pod`: the qualified kind used in Invalid messages. */
export function qualifiedKind(kind: string): string {
  if (!isKind(kind)) return kind;
  const info = KIND_INFO[kind];
  return info.group ? `${kind}.${info.group}` : kind;
}

function groupOf(kind: string): string {
  return isKind(kind) ? KIND_INFO[kind].group : '';
}

function failure(
  reason: StatusReason,
  code: number,
  message: string,
  details?: Status['details'],
): ApiFailure {
  const status: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
  return { ok: false, status };
}

/** 422 Invalid, as apierrors.NewInvalid builds it. */
export function invalidStatus(
  kind: string,
  name: string,
  errors: readonly FieldError[],
): ApiFailure {
  const rendered = errors.map((e) => `${e.field}: ${e.body}`);
  const agg = rendered.length === 1 ? (rendered[0] ?? '') : `[${rendered.join(', ')}]`;
  return failure(
    'Invalid',
    422,
    `${qualifiedKind(kind)} ${JSON.stringify(name)} is invalid: ${agg}`,
    {
      name,
      group: groupOf(kind),
      kind,
      causes: errors.map((e) => ({ reason: e.type, message: e.body, field: e.field })),
    },
  );
}

/** 404 NotFound: `pods "web-9" not found`. */
export function notFoundStatus(kind: string, name: string): ApiFailure {
  return failure('NotFound', 404, `${qualifiedResource(kind)} ${JSON.stringify(name)} not found`, {
    name,
    group: groupOf(kind),
    kind: isKind(kind) ? KIND_INFO[kind].resource : kind,
  });
}

/** 409 AlreadyExists: `services "nginx" already exists`. */
export function alreadyExistsStatus(kind: string, name: string): ApiFailure {
  return failure(
    'AlreadyExists',
    409,
    `${qualifiedResource(kind)} ${JSON.stringify(name)} already exists`,
    { name, group: groupOf(kind), kind: isKind(kind) ? KIND_INFO[kind].resource : kind },
  );
}

/** 409 Conflict on a stale resourceVersion, worded like the registry's optimistic-lock error. */
export function conflictStatus(kind: string, name: string): ApiFailure {
  return failure(
    'Conflict',
    409,
    `Operation cannot be fulfilled on ${qualifiedResource(kind)} ${JSON.stringify(name)}: the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: groupOf(kind), kind: isKind(kind) ? KIND_INFO[kind].resource : kind },
  );
}

/** 400 BadRequest with a free-form message (unknown kinds, malformed input). */
export function badRequestStatus(message: string): ApiFailure {
  return failure('BadRequest', 400, message);
}

/** 403 Forbidden, e.g. creating in a namespace that is being deleted. */
export function forbiddenStatus(kind: string, name: string, message: string): ApiFailure {
  return failure('Forbidden', 403, message, {
    name,
    group: groupOf(kind),
    kind: isKind(kind) ? KIND_INFO[kind].resource : kind,
  });
}

/**
 * 410 Gone, reason Expired: a watch from a resourceVersion older than the watch cache's history
 * (apimachinery `errors.NewResourceExpired`, message from apiserver
 * `storage/cacher/watch_cache.go` `getAllEventsSinceLocked`).
 */
export function expiredStatus(message: string): ApiFailure {
  return failure('Expired', 410, message);
}
