import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { ApiResult, KubeObject, Status } from '../../sim/index.ts';

/** A problem the API server would report, placed in the YAML text (1-based lines and columns). */
export interface ApiProblem {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

/** The API server's dry run: what it would answer for one object. */
export type Validate = (object: unknown) => ApiResult<KubeObject>;

/** `spec.template.spec.containers[0].image` → `['spec', 'template', 'spec', 'containers', 0, 'image']`. */
export function parseFieldPath(field: string): (string | number)[] {
  const path: (string | number)[] = [];
  for (const part of field.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      path.push(part);
      continue;
    }
    if (match[1]) path.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  return path;
}

/** The fields a Status names: Invalid causes, or the paths inside a strict-decoding message. */
function fieldsOf(status: Status): { field: string; message: string }[] {
  const kind = status.details?.kind ?? '';
  const name = status.details?.name ?? '';
  const causes = status.details?.causes ?? [];
  if (status.reason === 'Invalid' && causes.length > 0) {
    return causes.map((cause) => ({
      field: cause.field ?? '',
      message: `The ${kind} "${name}" is invalid: ${cause.field ? `${cause.field}: ` : ''}${cause.message ?? ''}`,
    }));
  }
  const unknown = [...status.message.matchAll(/unknown field "([^"]+)"/g)].map((m) => m[1] ?? '');
  if (unknown.length > 0) {
    return unknown.map((field) => ({
      field,
      message: `Error from server (BadRequest): unknown field "${field}"`,
    }));
  }
  const wrongType = /Go struct field \w+\.(\S+) of type/.exec(status.message);
  const reason = status.reason ? `Error from server (${status.reason}): ` : '';
  return [{ field: wrongType?.[1] ?? '', message: `${reason}${status.message}` }];
}

/** The node range that best shows `path`: the key of the deepest field that exists. */
function locate(
  root: Node | null,
  path: readonly (string | number)[],
): [number, number] | undefined {
  let node: unknown = root;
  let best: [number, number] | undefined = root?.range ? [root.range[0], root.range[1]] : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      const key = pair.key as Node;
      if (key.range) best = [key.range[0], key.range[1]];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      if (item.range) best = [item.range[0], item.range[1]];
      node = item;
    } else {
      break;
    }
  }
  return best;
}

/**
 * Runs every document of a manifest through the API server's dry run and places each error on
 * the field it names, so the editor can underline what `kubectl apply` would reject. Text that is
 * not valid YAML yields nothing here (the YAML language service reports syntax errors).
 */
export function findApiProblems(text: string, validate: Validate): ApiProblem[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents)) return [];
  const problems: ApiProblem[] = [];
  for (const document of documents) {
    if (document.errors.length > 0) return [];
    const object: unknown = document.toJS();
    if (object === null || object === undefined) continue;
    const result = validate(object);
    if (result.ok) continue;
    for (const { field, message } of fieldsOf(result.status)) {
      const range = locate(document.contents, field ? parseFieldPath(field) : []) ?? [0, 0];
      const start = lineCounter.linePos(range[0]);
      const end = lineCounter.linePos(Math.max(range[1], range[0] + 1));
      problems.push({
        startLine: start.line,
        startColumn: start.col,
        endLine: end.line,
        endColumn: end.col,
        message,
      });
    }
  }
  return problems;
}
