/**
 * Moving all of a learner's progress between browsers: every `sts-lab:` key of localStorage
 * (workspaces, edited files, theme) into one JSON file, and back.
 */

/** The file format of an export. */
export interface ProgressFile {
  readonly format: 'statefulset-lab/progress@1';
  readonly exportedAt: string;
  readonly items: Readonly<Record<string, string>>;
}

const PREFIX = 'sts-lab:';

/** Everything StatefulSet Lab stored in this browser. */
export function exportProgress(storage: Storage, now: Date): ProgressFile {
  const items: Record<string, string> = {};
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) items[key] = storage.getItem(key) ?? '';
  }
  return { format: 'statefulset-lab/progress@1', exportedAt: now.toISOString(), items };
}

/**
 * Writes an exported file back; answers how many items were restored, or an error message for a
 * file that is not a StatefulSet Lab export (nothing is written then).
 */
export function importProgress(
  storage: Storage,
  text: string,
): { ok: true; count: number } | { ok: false; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: 'This file is not JSON: choose a file exported by StatefulSet Lab.',
    };
  }
  const file = parsed as Partial<ProgressFile>;
  if (
    file.format !== 'statefulset-lab/progress@1' ||
    typeof file.items !== 'object' ||
    file.items === null
  ) {
    return { ok: false, message: 'This file is not a StatefulSet Lab progress export.' };
  }
  const entries = Object.entries(file.items).filter(
    (entry): entry is [string, string] =>
      entry[0].startsWith(PREFIX) && typeof entry[1] === 'string',
  );
  try {
    for (const [key, value] of entries) storage.setItem(key, value);
  } catch {
    return {
      ok: false,
      message: 'The browser refused to store the progress (storage full or disabled).',
    };
  }
  return { ok: true, count: entries.length };
}
