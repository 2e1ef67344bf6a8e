/**
 * `kubectl explain TYPE[.field.path]` from the same field documentation the editor uses
 * (src/sim/api/schema). Layout as kubectl 1.35's OpenAPI v3 plaintext template renders it
 * (pkg/explain/v2/templates/plaintext.tmpl, read at v0.35.7): `GROUP:` only for named groups,
 * `KIND:`, `VERSION:`, a blank line; for a path `FIELD: name <type>` (then an `ENUM:` block, or a
 * second blank line); `DESCRIPTION:` wrapped at 76 columns and indented 4, ending with a line of
 * four spaces (the template indents the description's final newline); `FIELDS:` with
 * `  name<TAB><type>[ -required-]`, a short `enum:` line (at most 4 values, then `, ....`), the
 * description indented 4, and a blank line; the whole output ends with one more newline.
 */
import type { FieldSchema } from '../../sim/api/schema/index.ts';
import { kindSchemas } from '../../sim/api/schema/index.ts';
import type { FlagSpec } from '../flags.ts';
import { flagBool } from '../flags.ts';
import { plainError } from '../errors.ts';
import { resolveType } from '../resources.ts';
import type { CommandContext } from './context.ts';

/** Flags of `kubectl explain`. */
export const EXPLAIN_FLAGS: readonly FlagSpec[] = [
  { name: 'recursive', type: 'bool' },
  { name: 'api-version', type: 'string' },
  { name: 'output', type: 'string' },
];

/** The type as explain names it: `<integer>`, `<[]Container>`, `<map[string]string>`. */
function typeLabel(field: FieldSchema): string {
  switch (field.type) {
    case 'object':
      return field.typeName ?? 'Object';
    case 'array':
      return `[]${field.items ? typeLabel(field.items) : 'Object'}`;
    case 'map':
      return `map[string]${field.values ? typeLabel(field.values) : 'string'}`;
    case 'quantity':
      return 'Quantity';
    case 'int-or-string':
      return 'IntOrString';
    case 'timestamp':
      return 'string';
    case 'any':
      return 'Object';
    default:
      return field.type;
  }
}

/**
 * go-wordwrap's WrapString as sprig's `wrap` uses it: breaks at spaces so lines stay within
 * `limit` characters (a longer word stays whole), keeping existing line breaks.
 */
function wrap(text: string, limit: number): string {
  return text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(' ')) {
        if (line !== '' && line.length + 1 + word.length > limit) {
          lines.push(line);
          line = word;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

/** sprig's `indent`: the pad before every line, including an empty last one. */
function indent(text: string, amount: number): string {
  const pad = ' '.repeat(amount);
  return pad + text.replaceAll('\n', `\n${pad}`);
}

/**
 * Enumerated values as explain shows them. The project's schema lists the single allowed
 * apiVersion and kind of each document as an enum; the API's OpenAPI has no such enums, so
 * single-value enums are not shown.
 */
function enumOf(field: FieldSchema): readonly string[] {
  return field.enum !== undefined && field.enum.length > 1 ? field.enum : [];
}

/** The fields an object-like schema has (array elements' fields for arrays). */
function childrenOf(field: FieldSchema): FieldSchema | undefined {
  if (field.type === 'array') return field.items ? childrenOf(field.items) : undefined;
  return field.properties ? field : undefined;
}

/** `FIELDS:` entries (fieldList/fieldDetail); with --recursive, names and types only, nested. */
function fieldLines(field: FieldSchema, recursive: boolean, level: number): string {
  const holder = childrenOf(field);
  if (holder?.properties === undefined) return '';
  let out = '';
  const pad = level * 2;
  for (const name of Object.keys(holder.properties).sort()) {
    const child = holder.properties[name];
    if (child === undefined) continue;
    const required = holder.required?.includes(name) ? ' -required-' : '';
    out += `${' '.repeat(pad)}${name}\t<${typeLabel(child)}>${required}`;
    const values = enumOf(child);
    if (values.length > 0) {
      const shown = values.slice(0, 4).map((v) => (v === '' ? '""' : v));
      out += `\n${' '.repeat(pad)}enum: ${shown.join(', ')}${values.length > 4 ? ', ....' : ''}`;
    }
    out += '\n';
    if (recursive) out += fieldLines(child, true, level + 1);
    else out += `${indent(wrap(child.description || '<no description>', 78 - pad), pad + 2)}\n\n`;
  }
  return out;
}

/** Runs `kubectl explain`. */
export function runExplain(ctx: CommandContext): number {
  const { io } = ctx;
  const target = ctx.args[0];
  if (target === undefined) {
    io.err(
      plainError(
        'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
      ),
    );
    return 1;
  }
  const [typeName = '', ...path] = target.split('.');
  const type = resolveType(typeName)?.[0];
  if (type === undefined) {
    io.err(plainError(`the server doesn't have a resource type ${JSON.stringify(typeName)}`));
    return 1;
  }
  const schema = kindSchemas.find((s) => s.kind === type.kind);
  if (schema === undefined) {
    io.err(plainError(`couldn't find resource for ${JSON.stringify(type.plural)}`));
    return 1;
  }
  let field: FieldSchema = schema.root;
  let fieldName: string | undefined;
  for (const part of path) {
    const holder = childrenOf(field);
    const next = holder?.properties?.[part];
    if (next === undefined || !Object.hasOwn(holder?.properties ?? {}, part)) {
      io.err(plainError(`field ${JSON.stringify(part)} does not exist`));
      return 1;
    }
    field = next;
    fieldName = part;
  }
  let out = '';
  if (schema.group !== '') out += `GROUP:      ${schema.group}\n`;
  out += `KIND:       ${schema.kind}\nVERSION:    ${schema.version}\n\n`;
  if (fieldName !== undefined) {
    out += `FIELD: ${fieldName} <${typeLabel(field)}>\n`;
    const values = enumOf(field);
    if (values.length > 0)
      out += `ENUM:${values.map((v) => `\n    ${v === '' ? '""' : v}`).join('')}`;
    out += '\n\n';
  }
  // The description template ends the text with a newline, which `indent 4` turns into a line
  // of four spaces.
  out += `DESCRIPTION:\n${indent(wrap(`${field.description || '<empty>'}\n`, 76), 4)}\n`;
  const fields = fieldLines(field, flagBool(ctx.flags, 'recursive'), 1);
  if (fields !== '') out += `FIELDS:\n${fields}`;
  out += '\n';
  io.out(out);
  return 0;
}
