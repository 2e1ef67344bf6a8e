/**
 * The three PATCH flavours the API server accepts: JSON merge patch (RFC 7386), strategic merge
 * patch (lists of objects merged by their merge key, e.g. containers by `name`, as `kubectl
 * patch` does by default), and JSON patch (RFC 6902, `kubectl patch --type=json`). Problems are
 * returned as messages, never thrown.
 */
import { deepClone, deepEqual, isPlainObject, mergePatch } from './json.ts';

/** The patch types of `kubectl patch --type`. */
export type PatchType = 'strategic' | 'merge' | 'json';

/** The outcome of applying a patch. */
export type PatchResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * The patchMergeKey of a list field (from the `patchMergeKey` tags in k8s.io/api), given the
 * path of field names leading to it. Lists without a merge key are replaced whole.
 */
function mergeKeyOf(path: readonly string[]): string | undefined {
  const field = path[path.length - 1];
  const inContainer =
    path.includes('containers') ||
    path.includes('initContainers') ||
    path.includes('ephemeralContainers');
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'volumes':
    case 'env':
    case 'imagePullSecrets':
      return 'name';
    case 'ports':
      return inContainer ? 'containerPort' : 'port';
    case 'volumeMounts':
      return 'mountPath';
    case 'volumeDevices':
      return 'devicePath';
    case 'conditions':
      return 'type';
    case 'ownerReferences':
      return 'uid';
    case 'hostAliases':
      return 'ip';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    default:
      return undefined;
  }
}

function strategic(original: unknown, patch: unknown, path: readonly string[]): unknown {
  if (!isPlainObject(patch)) return deepClone(patch);
  if (patch['$patch'] === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return deepClone(rest);
  }
  if (patch['$patch'] === 'delete') return undefined;
  const out: Record<string, unknown> = isPlainObject(original) ? deepClone(original) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (
      key === '$patch' ||
      key === '$retainKeys' ||
      key.startsWith('$setElementOrder/') ||
      key.startsWith('$deleteFromPrimitiveList/')
    )
      continue;
    if (value === null) {
      delete out[key];
      continue;
    }
    const childPath = [...path, key];
    const mk = Array.isArray(value) ? mergeKeyOf(childPath) : undefined;
    if (Array.isArray(value) && mk !== undefined && Array.isArray(out[key])) {
      out[key] = mergeList(out[key] as unknown[], value, mk, childPath);
    } else if (isPlainObject(value)) {
      const merged = strategic(out[key], value, childPath);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else {
      out[key] = deepClone(value);
    }
  }
  return out;
}

function mergeList(
  original: readonly unknown[],
  patch: readonly unknown[],
  key: string,
  path: readonly string[],
): unknown[] {
  if (patch.some((p) => isPlainObject(p) && p['$patch'] === 'replace')) {
    return patch
      .filter((p) => !(isPlainObject(p) && p['$patch'] === 'replace'))
      .map((p) => deepClone(p));
  }
  const out = original.map((o) => deepClone(o));
  for (const item of patch) {
    if (!isPlainObject(item)) {
      out.push(deepClone(item));
      continue;
    }
    const idx = out.findIndex((o) => isPlainObject(o) && deepEqual(o[key], item[key]));
    if (item['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategic(out[idx], item, path);
    else out.push(strategic(undefined, item, path));
  }
  return out;
}

/** JSON pointer (RFC 6901) to path segments. */
function pointer(path: string): string[] | undefined {
  if (path === '') return [];
  if (!path.startsWith('/')) return undefined;
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function parentOf(doc: unknown, segs: readonly string[]): Container | undefined {
  let cur: unknown = doc;
  for (const s of segs.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isPlainObject(cur)) cur = cur[s];
    else return undefined;
  }
  return Array.isArray(cur) || isPlainObject(cur) ? cur : undefined;
}

function jsonPatch(doc: unknown, ops: unknown): PatchResult {
  if (!Array.isArray(ops))
    return {
      ok: false,
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    };
  let out = deepClone(doc);
  for (const raw of ops) {
    if (!isPlainObject(raw)) return { ok: false, message: 'invalid JSON patch operation' };
    const op = typeof raw['op'] === 'string' ? raw['op'] : '';
    const path = typeof raw['path'] === 'string' ? raw['path'] : '';
    const segs = pointer(path);
    if (segs === undefined)
      return { ok: false, message: `invalid JSON pointer ${JSON.stringify(path)}` };
    const get = (p: readonly string[]): { found: boolean; value: unknown } => {
      let cur: unknown = out;
      for (const s of p) {
        if (Array.isArray(cur) && /^\d+$/.test(s) && Number(s) < cur.length) cur = cur[Number(s)];
        else if (isPlainObject(cur) && s in cur) cur = cur[s];
        else return { found: false, value: undefined };
      }
      return { found: true, value: cur };
    };
    const missing = `${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}`;
    const put = (p: readonly string[], value: unknown, insert: boolean): boolean => {
      if (p.length === 0) {
        out = deepClone(value);
        return true;
      }
      const parent = parentOf(out, p);
      const last = p[p.length - 1] ?? '';
      if (Array.isArray(parent)) {
        const i = last === '-' ? parent.length : Number(last);
        if (!Number.isInteger(i) || i < 0 || i > parent.length || (!insert && i >= parent.length))
          return false;
        if (insert) parent.splice(i, 0, deepClone(value));
        else parent[i] = deepClone(value);
        return true;
      }
      if (parent === undefined) return false;
      if (!insert && !(last in parent)) return false;
      parent[last] = deepClone(value);
      return true;
    };
    const remove = (p: readonly string[]): boolean => {
      const parent = parentOf(out, p);
      const last = p[p.length - 1] ?? '';
      if (Array.isArray(parent)) {
        const i = Number(last);
        if (!Number.isInteger(i) || i < 0 || i >= parent.length) return false;
        parent.splice(i, 1);
        return true;
      }
      if (parent === undefined || !(last in parent)) return false;
      delete parent[last];
      return true;
    };
    switch (op) {
      case 'add':
        if (!put(segs, raw['value'], true)) return { ok: false, message: missing };
        break;
      case 'replace':
        if (!put(segs, raw['value'], false)) return { ok: false, message: missing };
        break;
      case 'remove':
        if (!remove(segs)) return { ok: false, message: missing };
        break;
      case 'test': {
        const cur = get(segs);
        if (!cur.found || !deepEqual(cur.value, raw['value']))
          return {
            ok: false,
            message: `testing value ${JSON.stringify(path)} failed: test failed`,
          };
        break;
      }
      case 'move':
      case 'copy': {
        const from = pointer(typeof raw['from'] === 'string' ? raw['from'] : '');
        const src = from === undefined ? { found: false, value: undefined } : get(from);
        if (from === undefined || !src.found) return { ok: false, message: missing };
        if (op === 'move') remove(from);
        if (!put(segs, src.value, true)) return { ok: false, message: missing };
        break;
      }
      default:
        return { ok: false, message: `Unexpected kind: ${op}` };
    }
  }
  return { ok: true, value: out };
}

/** Applies a patch of the given type to an object (as JSON). */
export function applyPatch(doc: unknown, patch: unknown, type: PatchType): PatchResult {
  switch (type) {
    case 'merge':
      return { ok: true, value: mergePatch(doc, patch) };
    case 'strategic':
      if (!isPlainObject(patch))
        return { ok: false, message: 'strategic merge patch must be a JSON object' };
      return { ok: true, value: strategic(doc, patch, []) };
    case 'json':
      return jsonPatch(doc, patch);
  }
}
