/**
 * ControllerRevision naming, after pkg/controller/history/controller_history.go: the name is
 * `<parent>-<hash>`, where the hash is the 32-bit FNV-1 hash of the revision data (plus the
 * collision count) printed in decimal and re-encoded through apimachinery's "safe" alphabet, so
 * it only ever contains the characters 4 5 6 7 8 9 b c d f.
 */

/** apimachinery rand's alphanumerics: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** The UTF-8 bytes of a string (no TextEncoder in the DOM-free build). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 63),
        0x80 | ((cp >> 6) & 63),
        0x80 | (cp & 63),
      );
  }
  return out;
}

/** Go's hash/fnv New32 (FNV-1: multiply, then xor) over bytes. */
export function fnv32(bytes: readonly number[], seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: maps each character through the safe alphabet by its code mod 27. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[(ch.codePointAt(0) ?? 0) % ALPHANUMS.length];
  return out;
}

/** HashControllerRevision: FNV-1 over the data, then the collision count, safe-encoded. */
export function hashControllerRevision(data: string, collisionCount: number | undefined): string {
  let h = fnv32(utf8Bytes(data));
  if (collisionCount !== undefined) h = fnv32(utf8Bytes(String(collisionCount)), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function controllerRevisionName(prefix: string, hash: string): string {
  const p = prefix.length > 223 ? prefix.slice(0, 223) : prefix;
  return `${p}-${hash}`;
}

/** The label a ControllerRevision carries with its hash. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
