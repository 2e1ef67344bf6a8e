/**
 * The lesson example files `sts-lab` always has, read from the repository's content folder, and a
 * reader that falls back to the real current directory (as the issue asks for the CLI).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT_FILES = fileURLToPath(new URL('../../content/files/', import.meta.url));

/** Names of the built-in example files. */
export const BUILTIN_FILES: readonly string[] = ['db-cluster.yaml'];

/** Reads a built-in example, or undefined. */
export function readBuiltin(name: string): string | undefined {
  if (!BUILTIN_FILES.includes(name)) return undefined;
  return readFileSync(resolve(CONTENT_FILES, name), 'utf8');
}

/** A reader over the real directory `cwd` first, then the built-in examples. */
export function fileReader(cwd: string): (path: string) => string | undefined {
  return (path) => {
    const full = resolve(cwd, path);
    if (existsSync(full) && statSync(full).isFile()) return readFileSync(full, 'utf8');
    return readBuiltin(path);
  };
}
