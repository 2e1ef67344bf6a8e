/**
 * `-o yaml`, `-o json` and `-o name`. kubectl prints objects it read as unstructured maps, and Go
 * marshals maps with sorted keys, so every object here is printed with its keys sorted (that is
 * what a real `kubectl get -o yaml` shows: apiVersion, kind, metadata, spec, status). YAML follows
 * go-yaml v2's style: sequences not indented under their key, strings that would read as another
 * type double-quoted, other strings that cannot be plain single-quoted, multi-line strings as
 * literal blocks. JSON is indented by four spaces with `<`, `>` and `&` escaped as Go does.
 */
import { Document, Scalar, visit } from 'yaml';
import type { KubeObject } from '../../sim/index.ts';
import type { ResourceType } from '../resources.ts';
import { qualifiedSingular } from '../resources.ts';

/** A deep copy with object keys sorted (Go's map ordering); undefined values dropped. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeys(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The `kind: List` wrapper kubectl prints around several objects. */
export function listOf(items: readonly KubeObject[]): unknown {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

const YAML11_NON_STRING =
  /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** YAML 1.1 timestamps: go-yaml quotes strings that look like one (`"2026-01-01T00:00:00Z"`). */
const YAML11_TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*Z|[-+]\d{1,2}(?::\d{2})?)?)?$/;

/** Renders a value as kubectl's YAML printer does. */
export function toYaml(value: unknown): string {
  const doc = new Document(sortKeys(value), { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const s = node.value;
      if (s === '' || YAML11_NON_STRING.test(s) || YAML11_TIMESTAMP.test(s))
        node.type = Scalar.QUOTE_DOUBLE;
      else if (s.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
    },
  });
  return doc.toString({
    indentSeq: false,
    singleQuote: true,
    lineWidth: 80,
    minContentWidth: 20,
    blockQuote: 'literal',
    nullStr: 'null',
  });
}

/** Renders a value as kubectl's JSON printer does (sorted keys, 4-space indent, Go escapes). */
export function toJson(value: unknown): string {
  const text = JSON.stringify(sortKeys(value), null, 4) ?? 'null';
  return (
    text.replace(/[<>&\u2028\u2029]/g, (c) => {
      const code = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${code}`;
    }) + '\n'
  );
}

/** `-o name`: `statefulset.apps/web`, `pod/web-0`. */
export function toName(type: ResourceType, obj: KubeObject): string {
  return `${qualifiedSingular(type)}/${obj.metadata.name}\n`;
}
