#!/usr/bin/env node
// A small static file server that behaves like a plain static host: it serves a built site
// under a base path, answers directories with their index.html, and answers anything missing
// with the site's 404.html and status 404. Used by the e2e suite; handy for a local check of a
// sub-path build too:  node tests/e2e/static-server.mjs --dir dist --base /statefulset-lab/
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4321' },
    host: { type: 'string', default: '127.0.0.1' },
    base: { type: 'string', default: '/' },
  },
});

const root = resolve(values.dir);
const base = values.base.endsWith('/') ? values.base : `${values.base}/`;

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
};

/** Resolves a request path to a file inside `root`, or undefined when there is none. */
async function findFile(pathname) {
  if (!pathname.startsWith(base)) return undefined;
  const relative = decodeURIComponent(pathname.slice(base.length));
  const candidate = normalize(join(root, relative));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
    if (info.isDirectory()) {
      const index = join(candidate, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    // fall through: not found
  }
  return undefined;
}

const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  // Like most static hosts: `/base` → `/base/`, and `/lessons/x` → `/lessons/x/`.
  if (`${pathname}/` === base || (!extname(pathname) && !pathname.endsWith('/'))) {
    const file = await findFile(`${pathname}/`);
    if (file) {
      response.writeHead(301, { location: `${pathname}/` });
      response.end();
      return;
    }
  }
  const file = await findFile(pathname);
  if (file) {
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(await readFile(file));
    return;
  }
  try {
    const notFound = await readFile(join(root, '404.html'));
    response.writeHead(404, { 'content-type': types['.html'] });
    response.end(notFound);
  } catch {
    response.writeHead(404, { 'content-type': types['.txt'] });
    response.end('Not found\n');
  }
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Serving ${root} at http://${values.host}:${values.port}${base}`);
});
