/** Small helpers for plain JSON values used by several verbs. */

/** A deep copy of a JSON-compatible value. */
export function deepCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * `obj[key]` for own properties only. Keys come from the user (`-L toString`,
 * `{.constructor.name}`), and must never reach Object.prototype.
 */
export function own(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}
