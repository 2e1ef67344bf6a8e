/**
 * What the catalogue's images do once running, for the shell's in-pod commands: nginx (and
 * `registry.k8s.io/nginx-slim`) serves files from `/usr/share/nginx/html`, and the database image
 * (`my-database-image`, `mysql`) keeps a tiny row store in its data directory. Both work through
 * the volume files API, so what a pod serves or stores lives on its volume and survives the pod
 * exactly as files do. busybox needs nothing here: its `nslookup` is `resolveDns`.
 */
import type { Pod } from '../api/types.ts';
import type { FileErrorCode, FileStore } from '../volume/files.ts';
import { parseImage } from './images.ts';

/** Why an in-pod request failed, beyond the file errors. */
export type ImageErrorCode = 'ConnectionRefused';

/** The answer of an HTTP GET against a container. */
export interface HttpResponse {
  readonly status: 200 | 403 | 404;
  readonly body: string;
}

/** The outcome of an in-pod request: a value, or a file or connection error code. */
export type ImageResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: FileErrorCode | ImageErrorCode };

const NGINX_REPOSITORIES = new Set(['docker.io/library/nginx', 'registry.k8s.io/nginx-slim']);
/** Data directories of the database images (mysqld's datadir for mysql). */
const DATABASE_DIRS: Readonly<Record<string, string>> = {
  'docker.io/library/my-database-image': '/var/lib/database',
  'docker.io/library/mysql': '/var/lib/mysql',
};
/** The port each serving image listens on. */
const PORTS: Readonly<Record<string, number>> = {
  'docker.io/library/nginx': 80,
  'registry.k8s.io/nginx-slim': 80,
  'docker.io/library/my-database-image': 3306,
  'docker.io/library/mysql': 3306,
};

/** nginx's own error page, as the stock configuration renders it (server version a guess). */
function nginxErrorPage(status: 403 | 404): string {
  const title = status === 404 ? '404 Not Found' : '403 Forbidden';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n`;
}

function repositoryOf(pod: Pod): string {
  return parseImage(pod.spec.containers[0]?.image ?? '').repository;
}

/** The port the pod's first container serves on, if its image serves anything. */
export function servingPort(pod: Pod): number | undefined {
  return PORTS[repositoryOf(pod)];
}

/**
 * An HTTP GET to the pod (what `curl localhost/<path>` inside it, or `curl <pod-ip>` from
 * elsewhere, would get): nginx answers with the file under its html root, `index.html` for a
 * directory, 403 for a directory without one, 404 for a missing file.
 */
export function httpGet(
  files: FileStore,
  pod: Pod,
  path = '/',
  port = 80,
): ImageResult<HttpResponse> {
  const ns = pod.metadata.namespace ?? 'default';
  if (!NGINX_REPOSITORIES.has(repositoryOf(pod)) || port !== 80)
    return { ok: false, code: 'ConnectionRefused' };
  const clean = path.split('?')[0] ?? '/';
  const file = `/usr/share/nginx/html${clean.endsWith('/') ? `${clean}index.html` : clean}`;
  const res = files.read(ns, pod.metadata.name, file);
  if (res.ok) return { ok: true, value: { status: 200, body: res.value } };
  if (res.code !== 'NoSuchFile') return res;
  return {
    ok: true,
    value: clean.endsWith('/')
      ? { status: 403, body: nginxErrorPage(403) }
      : { status: 404, body: nginxErrorPage(404) },
  };
}

function tableFile(pod: Pod, table: string): string | undefined {
  const dir = DATABASE_DIRS[repositoryOf(pod)];
  return dir === undefined ? undefined : `${dir}/${table}.rows`;
}

/**
 * Inserts a row into a table of the pod's database (the tiny client's `INSERT`). The rows are
 * one JSON array per line in `<datadir>/<table>.rows`, so they live on the data volume.
 */
export function databaseInsert(
  files: FileStore,
  pod: Pod,
  table: string,
  row: readonly string[],
): ImageResult<null> {
  const file = tableFile(pod, table);
  if (file === undefined) return { ok: false, code: 'ConnectionRefused' };
  return files.write(
    pod.metadata.namespace ?? 'default',
    pod.metadata.name,
    file,
    `${JSON.stringify(row)}\n`,
    {
      append: true,
    },
  );
}

/** Reads every row of a table, oldest first (an empty table when none was written). */
export function databaseSelect(files: FileStore, pod: Pod, table: string): ImageResult<string[][]> {
  const file = tableFile(pod, table);
  if (file === undefined) return { ok: false, code: 'ConnectionRefused' };
  const res = files.read(pod.metadata.namespace ?? 'default', pod.metadata.name, file);
  if (!res.ok) return res.code === 'NoSuchFile' ? { ok: true, value: [] } : res;
  const rows = res.value
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as string[]);
  return { ok: true, value: rows };
}
