/**
 * The lesson example files `sts-lab` always has, read from the repository's content folder, and a
 * reader that falls back to the real current directory (as the issue asks for the CLI).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT_FILES = fileURLToPath(new URL('../../content/files/', import.meta.url));

/**
 * The StatefulSet Basics tutorial's manifest (kubernetes.io): a headless Service `nginx` and a
 * StatefulSet `web` of two nginx-slim Pods, each with a 1Gi `www` claim mounted as the html root.
 * One copy, `content/files/web.yaml`, shared with the lessons' example files.
 */
export const WEB_YAML = readFileSync(resolve(CONTENT_FILES, 'web.yaml'), 'utf8');

/** The tutorial's `web-parallel.yaml`: the same StatefulSet with `podManagementPolicy: Parallel`. */
export const WEB_PARALLEL_YAML = WEB_YAML.replace(
  '  serviceName: nginx\n',
  '  serviceName: nginx\n  podManagementPolicy: Parallel\n',
);

/** Built-in files derived in this module rather than stored in the content folder. */
const INLINE_FILES: Readonly<Record<string, string>> = {
  'web-parallel.yaml': WEB_PARALLEL_YAML,
};

/** The kubernetes.io addresses the tutorial applies (`kubectl apply -f https://k8s.io/…`). */
const URL_ALIASES: Readonly<Record<string, string>> = {
  'https://k8s.io/examples/application/web/web.yaml': 'web.yaml',
  'https://k8s.io/examples/application/web/web-parallel.yaml': 'web-parallel.yaml',
  'https://kubernetes.io/examples/application/web/web.yaml': 'web.yaml',
  'https://kubernetes.io/examples/application/web/web-parallel.yaml': 'web-parallel.yaml',
};

/** Names of the built-in example files. */
export const BUILTIN_FILES: readonly string[] = [
  'db-cluster.yaml',
  'web.yaml',
  'web-parallel.yaml',
];

/** Reads a built-in example (by name, or by the tutorial's kubernetes.io address), or undefined. */
export function readBuiltin(name: string): string | undefined {
  const file = Object.hasOwn(URL_ALIASES, name) ? (URL_ALIASES[name] ?? name) : name;
  if (!BUILTIN_FILES.includes(file)) return undefined;
  if (Object.hasOwn(INLINE_FILES, file)) return INLINE_FILES[file];
  return readFileSync(resolve(CONTENT_FILES, file), 'utf8');
}

/** A reader over the real directory `cwd` first, then the built-in examples. */
export function fileReader(cwd: string): (path: string) => string | undefined {
  return (path) => {
    const full = resolve(cwd, path);
    if (existsSync(full) && statSync(full).isFile()) return readFileSync(full, 'utf8');
    return readBuiltin(path);
  };
}

/** Lists the files of a real directory under `cwd` (`kubectl apply -f manifests/`). */
export function directoryLister(cwd: string): (path: string) => readonly string[] | undefined {
  return (path) => {
    const full = resolve(cwd, path);
    if (!existsSync(full) || !statSync(full).isDirectory()) return undefined;
    return readdirSync(full, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  };
}
