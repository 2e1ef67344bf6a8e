import type { FieldSchema, KindSchema } from './field-schema.ts';

/** A field the schema does not know, or a value of the wrong type, found while decoding. */
export interface DecodeProblem {
  readonly kind: 'unknown-field' | 'wrong-type';
  /** The path as the API server prints it: `spec.template.spec.containers[0].imagee`. */
  readonly path: string;
  /** For wrong types: the JSON type found and the Go type expected (`string`, `int32`). */
  readonly found?: string;
  readonly expected?: string;
  /** For wrong types: the Go struct that holds the field (`StatefulSetSpec`). */
  readonly parentType?: string;
}

/** The JSON name of a value's type, as Go's decoder names it in errors. */
function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  return 'object';
}

/** The Go type a field decodes into (used in "cannot unmarshal … of type …" messages). */
function goTypeName(field: FieldSchema): string {
  switch (field.type) {
    case 'string':
    case 'timestamp':
      return 'string';
    case 'integer':
      return 'int32';
    case 'boolean':
      return 'bool';
    case 'map':
      return 'map[string]string';
    case 'array':
      return `[]${field.items ? goTypeName(field.items) : 'interface {}'}`;
    case 'object':
      return field.typeName ? `v1.${field.typeName}` : 'map[string]interface {}';
    case 'quantity':
      return 'resource.Quantity';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'any':
      return 'interface {}';
  }
}

/** True when the value can decode into the field's type. */
function fits(field: FieldSchema, value: unknown): boolean {
  if (value === null) return true; // null clears a field; the decoder accepts it
  switch (field.type) {
    case 'string':
    case 'timestamp':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'map':
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'quantity':
    case 'int-or-string':
      return typeof value === 'string' || typeof value === 'number';
    case 'any':
      return true;
  }
}

/**
 * Walks a decoded manifest against its kind's schema and lists what strict decoding would reject:
 * unknown fields (kubectl 1.35 asks the API server for strict field validation by default) and
 * values of the wrong type. `status` and fields of objects the simulator treats as opaque are
 * not checked.
 */
export function findDecodeProblems(schema: KindSchema, object: unknown): DecodeProblem[] {
  const problems: DecodeProblem[] = [];
  const walk = (field: FieldSchema, value: unknown, path: string, parentType: string): void => {
    if (!fits(field, value)) {
      problems.push({
        kind: 'wrong-type',
        path,
        found: jsonTypeName(value),
        expected: goTypeName(field),
        parentType,
      });
      return;
    }
    if (value === null || value === undefined) return;
    if (field.type === 'array' && field.items && Array.isArray(value)) {
      value.forEach((item, index) =>
        walk(field.items as FieldSchema, item, `${path}[${index}]`, parentType),
      );
      return;
    }
    if (field.type === 'map' && typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (typeof item !== 'string' && item !== null) {
          problems.push({
            kind: 'wrong-type',
            path: `${path}.${key}`,
            found: jsonTypeName(item),
            expected: 'string',
            parentType,
          });
        }
      }
      return;
    }
    if (field.type === 'object' && field.properties && typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        const child = field.properties[key];
        if (child === undefined) {
          if (path === '' && key === 'status') continue;
          problems.push({ kind: 'unknown-field', path: childPath });
          continue;
        }
        walk(child, item, childPath, field.typeName ?? parentType);
      }
    }
  };
  walk(schema.root, object, '', schema.root.typeName ?? schema.kind);
  return problems;
}
