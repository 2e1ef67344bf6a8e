import type { FieldSchema, KindSchema } from './field-schema.ts';
import { kindSchemas } from './definitions.ts';

/** A JSON Schema (draft-07) document, as plain data. */
export type JsonSchema = { readonly [key: string]: unknown };

/** The hover text of a field: its description, plus its default when it has one. */
function describe(field: FieldSchema): string {
  const parts = [field.description];
  if (field.default !== undefined) parts.push(`Default: ${JSON.stringify(field.default)}.`);
  if (field.readOnly) parts.push('Set by the system.');
  return parts.join(' ');
}

/** Converts one field to JSON Schema. Known objects reject unknown keys, as the API server does. */
export function toJsonSchema(field: FieldSchema): JsonSchema {
  const description = describe(field);
  switch (field.type) {
    case 'string':
      return field.enum
        ? { type: 'string', enum: [...field.enum], description }
        : { type: 'string', description };
    case 'integer':
      return {
        type: 'integer',
        description,
        ...(field.minimum !== undefined ? { minimum: field.minimum } : {}),
      };
    case 'boolean':
      return { type: 'boolean', description };
    case 'timestamp':
      return { type: 'string', description };
    case 'quantity':
      return {
        type: ['string', 'number'],
        pattern:
          '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$',
        description,
      };
    case 'int-or-string':
      return { type: ['integer', 'string'], description };
    case 'map':
      return {
        type: 'object',
        additionalProperties: field.values ? toJsonSchema(field.values) : { type: 'string' },
        description,
      };
    case 'array':
      return { type: 'array', items: field.items ? toJsonSchema(field.items) : {}, description };
    case 'any':
      return { description };
    case 'object': {
      if (!field.properties) return { type: 'object', description };
      const properties: Record<string, JsonSchema> = {};
      for (const [name, child] of Object.entries(field.properties))
        properties[name] = toJsonSchema(child);
      return {
        type: 'object',
        description,
        properties,
        additionalProperties: false,
        ...(field.required ? { required: [...field.required] } : {}),
      };
    }
  }
}

/** The apiVersion value of a kind (`apps/v1`, or `v1` for the core group). */
export function apiVersionOf(schema: KindSchema): string {
  return schema.group === '' ? schema.version : `${schema.group}/${schema.version}`;
}

/** One kind's document schema, with `status` allowed (pasted from `kubectl get -o yaml`). */
function kindDocument(schema: KindSchema): JsonSchema {
  const root = toJsonSchema(schema.root) as { properties: Record<string, JsonSchema> };
  return {
    ...root,
    properties: {
      ...root.properties,
      status: {
        type: 'object',
        description: 'The observed state, written by the controllers. Ignored when you apply.',
      },
    },
  };
}

/**
 * The schema the editor validates every YAML document against: a document must name a known
 * apiVersion and kind, and then follow that kind's schema.
 */
export function manifestJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes object (StatefulSet Lab)',
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: {
        type: 'string',
        enum: [...new Set(kindSchemas.map(apiVersionOf))],
        description: 'The versioned schema of this object, as group/version.',
      },
      kind: {
        type: 'string',
        enum: kindSchemas.map((schema) => schema.kind),
        description: 'The type of object this document describes.',
      },
    },
    allOf: kindSchemas.map((schema) => ({
      if: { properties: { kind: { const: schema.kind } }, required: ['kind'] },
      then: kindDocument(schema),
    })),
  };
}
