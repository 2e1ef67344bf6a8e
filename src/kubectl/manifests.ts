/**
 * Reading `-f FILE|-` the way kubectl's resource builder does: several YAML (or JSON) documents
 * per file, empty documents skipped, YAML syntax errors reported as
 * `error parsing <file>: error converting YAML to JSON: yaml: line N: <go-yaml message>`, and the
 * `apiVersion`/`kind` checks kubectl makes before any request.
 */
import { parseAllDocuments } from 'yaml';
import type { YAMLError } from 'yaml';
import { KIND_INFO, isKind } from '../sim/index.ts';
import type { Kind } from '../sim/index.ts';

/** One object read from a manifest, with where it came from. */
export interface ManifestObject {
  readonly source: string;
  readonly kind: Kind;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly object: Record<string, unknown>;
}

/** The objects read, in file order, and the errors kubectl would report after applying them. */
export interface ManifestRead {
  readonly objects: readonly ManifestObject[];
  readonly errors: readonly string[];
}

/**
 * Maps the `yaml` package's error codes to go-yaml's messages (the words a learner searches for).
 * The mapping is approximate: the two parsers do not fail at the same places.
 */
export function goYamlMessage(e: YAMLError): string {
  if (e.message.startsWith('Flow map must end')) return "did not find expected ',' or '}'";
  if (e.message.startsWith('Flow sequence must end')) return "did not find expected ',' or ']'";
  switch (e.code) {
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'did not find expected key';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'UNEXPECTED_TOKEN':
      return 'mapping values are not allowed in this context';
    default:
      return 'did not find expected key';
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Parses one file's text into objects (stopping at the first syntax error, as kubectl does). */
export function readManifest(source: string, text: string): ManifestRead {
  const objects: ManifestObject[] = [];
  const errors: string[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  } catch {
    return { objects, errors: [`error: error parsing ${source}: error converting YAML to JSON`] };
  }
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err !== undefined) {
      // kubectl converts each `---`-separated chunk on its own, so lines count from the chunk.
      const start = doc.range[0];
      const startLine = text.slice(0, start).split('\n').length;
      const afterMarker = text.startsWith('---', start) ? 0 : 1;
      const line = Math.max(1, (err.linePos?.[0].line ?? startLine) - startLine + afterMarker);
      errors.push(
        `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${goYamlMessage(err)}`,
      );
      break;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch {
      errors.push(
        `error: error parsing ${source}: error converting YAML to JSON: yaml: excessive aliasing`,
      );
      break;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      errors.push(
        `error: error parsing ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}`,
      );
      break;
    }
    const obj = value as Record<string, unknown>;
    const apiVersion = str(obj['apiVersion']);
    const kind = str(obj['kind']);
    const meta = obj['metadata'];
    const metadata =
      meta !== null && typeof meta === 'object' && !Array.isArray(meta)
        ? (meta as Record<string, unknown>)
        : {};
    const name = str(metadata['name']);
    const namespace = typeof metadata['namespace'] === 'string' ? metadata['namespace'] : undefined;
    const problems: string[] = [];
    if (apiVersion === '') problems.push('apiVersion not set');
    if (kind === '') problems.push('kind not set');
    if (problems.length > 0) {
      const detail = problems.length === 1 ? (problems[0] ?? '') : `[${problems.join(', ')}]`;
      errors.push(
        `error: error validating ${JSON.stringify(source)}: error validating data: ${detail}; if you choose to ignore these errors, turn validation off with --validate=false`,
      );
      continue;
    }
    if (!isKind(kind) || KIND_INFO[kind].apiVersion !== apiVersion) {
      errors.push(
        `error: resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(namespace ?? '')} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}\nensure CRDs are installed first`,
      );
      continue;
    }
    objects.push({ source, kind, name, namespace, object: obj });
  }
  return { objects, errors };
}
