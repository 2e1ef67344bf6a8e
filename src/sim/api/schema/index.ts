/** Field documentation and schemas of the kinds a learner can write (editor, explain, strict decoding). */
export type { FieldSchema, FieldType, KindSchema } from './field-schema.ts';
export { kindSchemas, findKindSchema } from './definitions.ts';
export { manifestJsonSchema, toJsonSchema, apiVersionOf, type JsonSchema } from './json-schema.ts';
export { findDecodeProblems, type DecodeProblem } from './strict-fields.ts';
