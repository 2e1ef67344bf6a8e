/**
 * A small model of the API's field documentation, written for StatefulSet Lab. One description of
 * each supported kind serves three readers: the editor (as JSON Schema, for completion, hover and
 * validation markers), `kubectl explain`, and the API server's strict field validation (unknown
 * fields are rejected, as a 1.35 API server does for `kubectl apply`).
 */

/** The shape of a field's value, named as `kubectl explain` prints it. */
export type FieldType =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'array'
  | 'map'
  | 'quantity'
  | 'int-or-string'
  | 'timestamp'
  | 'any';

/** One field (or the root of a kind). */
export interface FieldSchema {
  readonly type: FieldType;
  /** What the field means and does, in the project's own words. */
  readonly description: string;
  /** For objects: the Go type name (`StatefulSetSpec`), printed by `kubectl explain`. */
  readonly typeName?: string;
  /** For objects: their fields. An object without properties accepts anything. */
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  /** For arrays: the element. */
  readonly items?: FieldSchema;
  /** For maps: the value (string when absent). */
  readonly values?: FieldSchema;
  /** Names of required properties (objects only). */
  readonly required?: readonly string[];
  /** Allowed values (strings only). */
  readonly enum?: readonly string[];
  /** The value the API server fills in when the field is left out. */
  readonly default?: unknown;
  /** Smallest allowed number. */
  readonly minimum?: number;
  /** Set by the system; users do not write it. */
  readonly readOnly?: boolean;
}

/** A served kind with its documentation. */
export interface KindSchema {
  /** API group ("" for the core group). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly root: FieldSchema;
}

/** Builders that keep the definitions short and uniform. */
export const f = {
  string: (description: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
    type: 'string',
    description,
    ...extra,
  }),
  integer: (description: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
    type: 'integer',
    description,
    ...extra,
  }),
  boolean: (description: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
    type: 'boolean',
    description,
    ...extra,
  }),
  enum: (
    values: readonly string[],
    description: string,
    extra: Partial<FieldSchema> = {},
  ): FieldSchema => ({
    type: 'string',
    enum: values,
    description,
    ...extra,
  }),
  map: (description: string): FieldSchema => ({ type: 'map', description }),
  quantity: (description: string): FieldSchema => ({ type: 'quantity', description }),
  intOrString: (description: string): FieldSchema => ({ type: 'int-or-string', description }),
  timestamp: (description: string): FieldSchema => ({
    type: 'timestamp',
    description,
    readOnly: true,
  }),
  array: (items: FieldSchema, description: string): FieldSchema => ({
    type: 'array',
    items,
    description,
  }),
  object: (
    typeName: string,
    description: string,
    properties: Record<string, FieldSchema>,
    required: readonly string[] = [],
  ): FieldSchema => ({
    type: 'object',
    typeName,
    description,
    properties,
    ...(required.length > 0 ? { required } : {}),
  }),
  /** An object whose fields the simulator does not model; any content is accepted. */
  opaque: (typeName: string, description: string): FieldSchema => ({
    type: 'object',
    typeName,
    description,
  }),
};
