/**
 * Strict field validation, as a 1.35 API server applies it when kubectl sends
 * `fieldValidation=Strict` (its default since 1.27): a body with an unknown field or a value of
 * the wrong type is refused. The field knowledge comes from the lead's schema module
 * (`api/schema`); this file only turns its findings into the API server's answers.
 *
 * Upstream wording (k8s.io/apiserver handlers and apimachinery):
 * - POST/PUT (create, replace, `kubectl create`, `kubectl apply` of a new object): the decoder's
 *   error goes through `transformDecodeError`, so the Status is 400 BadRequest with the message
 *   `<Kind> in version "<version>" cannot be handled as a <Kind>: <decode error>`. kubectl then
 *   prints `Error from server (BadRequest): error when creating "<file>": <message>`; the
 *   `error when creating "<file>": ` part is kubectl's, the simulator returns the message only.
 * - The decode error is `strict decoding error: unknown field "<path>", unknown field "<path>"`
 *   (`runtime.NewStrictDecodingError`, findings comma-joined in document order), unless a value
 *   has the wrong type: the JSON decoder's own error wins, e.g.
 *   `json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type
 *   int32` (Go's UnmarshalTypeError: the innermost struct's type name, then the field path without
 *   list indexes or map keys).
 * - PATCH (`kubectl patch`, and `kubectl apply` of an object that exists, which sends a
 *   strategic-merge patch): the patch handler answers 422 Invalid with an empty kind and name,
 *   `"" is invalid: patch: Invalid value: "<patch>": strict decoding error: …`, where a strategic
 *   patch is quoted as Go's `%+v` of the patch map (`map[spec:map[replicass:3]]`) and a merge or
 *   JSON patch as the patched object's JSON. kubectl prints it as `The request is invalid: …`.
 *   (The quoting of the patch is read from third-party reimplementations, not verified against a
 *   1.35 server: a guess.)
 */
import { findDecodeProblems, findKindSchema } from './schema/index.ts';
import type { DecodeProblem, FieldSchema, KindSchema } from './schema/index.ts';
import { isPlainObject } from './json.ts';
import type { ApiFailure } from './status.ts';
import { badRequestStatus, invalid, invalidStatus } from './status.ts';
import type { PatchType } from './patch.ts';

/** The schema for a body's apiVersion and kind, if the kind is one a learner can write. */
function schemaOf(body: unknown): KindSchema | undefined {
  if (!isPlainObject(body)) return undefined;
  const apiVersion = body['apiVersion'];
  const kind = body['kind'];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return findKindSchema(apiVersion, kind);
}

/** The field's schema at a dotted path (`spec.template.spec.containers[0].image`). */
function fieldAt(schema: KindSchema, path: string): { field?: FieldSchema; inMap: boolean } {
  let field: FieldSchema | undefined = schema.root;
  for (const segment of path.split('.')) {
    const name = segment.replace(/\[\d+\]/g, '');
    const indexes = (segment.match(/\[\d+\]/g) ?? []).length;
    if (field?.type === 'map') return { inMap: true };
    field = field?.properties?.[name];
    for (let i = 0; i < indexes; i++) field = field?.items;
    if (field === undefined) return { inMap: false };
  }
  return { field, inMap: false };
}

/** Go's UnmarshalTypeError text for a wrong-type finding. */
export function unmarshalTypeError(schema: KindSchema, problem: DecodeProblem): string {
  // Go's decoder tracks struct fields only: no list indexes, and a map value is reported at the
  // map's own field.
  const segments = problem.path.split('.');
  let cut = segments.length;
  for (let i = 1; i < segments.length; i++) {
    if (fieldAt(schema, segments.slice(0, i + 1).join('.')).inMap) {
      cut = i;
      break;
    }
  }
  const goPath = segments
    .slice(0, cut)
    .join('.')
    .replace(/\[\d+\]/g, '');
  return `json: cannot unmarshal ${problem.found ?? 'object'} into Go struct field ${problem.parentType ?? schema.kind}.${goPath} of type ${problem.expected ?? 'string'}`;
}

/** The decode error a strict decoder reports for these findings (undefined: none). */
function decodeError(schema: KindSchema, problems: readonly DecodeProblem[]): string | undefined {
  const wrongType = problems.find((p) => p.kind === 'wrong-type');
  if (wrongType !== undefined) return unmarshalTypeError(schema, wrongType);
  const unknown = problems.filter((p) => p.kind === 'unknown-field');
  if (unknown.length === 0) return undefined;
  return `strict decoding error: ${unknown.map((p) => `unknown field ${JSON.stringify(p.path)}`).join(', ')}`;
}

/**
 * Checks a POST/PUT body. Returns the API server's 400 answer when strict decoding fails, or
 * undefined when the body decodes (or its kind has no schema here).
 */
export function checkStrictBody(body: unknown): ApiFailure | undefined {
  const schema = schemaOf(body);
  if (schema === undefined) return undefined;
  const error = decodeError(schema, findDecodeProblems(schema, body));
  if (error === undefined) return undefined;
  return badRequestStatus(
    `${schema.kind} in version ${JSON.stringify(schema.version)} cannot be handled as a ${schema.kind}: ${error}`,
  );
}

/**
 * Checks the result of a PATCH: findings the patch introduced (not already in `before`) refuse
 * it. Wrong types answer 400 with the decoder's error (a guess: the real server wraps it
 * differently per patch type); unknown fields answer the patch handler's 422.
 */
export function checkStrictPatch(
  before: unknown,
  after: unknown,
  patch: unknown,
  type: PatchType,
): ApiFailure | undefined {
  const schema = schemaOf(after);
  if (schema === undefined) return undefined;
  const known = new Set(
    (schemaOf(before) ? findDecodeProblems(schema, before) : []).map((p) => `${p.kind} ${p.path}`),
  );
  const introduced = findDecodeProblems(schema, after).filter(
    (p) => !known.has(`${p.kind} ${p.path}`),
  );
  const wrongType = introduced.find((p) => p.kind === 'wrong-type');
  if (wrongType !== undefined) return badRequestStatus(unmarshalTypeError(schema, wrongType));
  const error = decodeError(schema, introduced);
  if (error === undefined) return undefined;
  const quoted = type === 'strategic' ? goFormat(patch) : JSON.stringify(after);
  return invalidStatus('', '', [invalid('patch', quoted, error)]);
}

/** A decoded JSON value as Go's `%+v` prints it: `map[a:1 b:[x y]]`, keys sorted. */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(value[k])}`).join(' ')}]`;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
