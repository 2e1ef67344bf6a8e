import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BUILTIN_FILES, WEB_YAML, directoryLister, readBuiltin } from './builtin-files.ts';

describe('built-in files', () => {
  it('reads web.yaml from content/files, byte for byte the manifest it used to inline', () => {
    const onDisk = readFileSync(new URL('../../content/files/web.yaml', import.meta.url), 'utf8');
    expect(readBuiltin('web.yaml')).toBe(onDisk);
    expect(WEB_YAML).toBe(onDisk);
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(
      '4feddaf7a5e22fd9f69a59978fbed4883a2170abb63ba5f56d7b19f80bc70936',
    );
    expect(readBuiltin('web-parallel.yaml')).toBe(
      onDisk.replace(
        '  serviceName: nginx\n',
        '  serviceName: nginx\n  podManagementPolicy: Parallel\n',
      ),
    );
  });

  it('has the StatefulSet Basics web.yaml: headless nginx Service and the web StatefulSet', () => {
    expect(BUILTIN_FILES).toContain('web.yaml');
    const docs = parseAllDocuments(readBuiltin('web.yaml') ?? '').map(
      (d) => d.toJS() as Record<string, unknown>,
    );
    expect(docs.map((d) => d['kind'])).toEqual(['Service', 'StatefulSet']);
    expect(docs[0]).toMatchObject({
      apiVersion: 'v1',
      metadata: { name: 'nginx', labels: { app: 'nginx' } },
      spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] },
    });
    expect(docs[1]).toMatchObject({
      apiVersion: 'apps/v1',
      metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx',
        replicas: 2,
        selector: { matchLabels: { app: 'nginx' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'registry.k8s.io/nginx-slim:0.21',
                ports: [{ containerPort: 80, name: 'web' }],
                volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'www' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    });
    expect(readBuiltin('nope.yaml')).toBeUndefined();
    expect(readBuiltin('https://k8s.io/examples/application/web/web.yaml')).toBe(
      readBuiltin('web.yaml'),
    );
    const parallel = parseAllDocuments(
      readBuiltin('https://k8s.io/examples/application/web/web-parallel.yaml') ?? '',
    ).map((d) => d.toJS() as { spec: Record<string, unknown> });
    expect(parallel[1]?.spec['podManagementPolicy']).toBe('Parallel');
    expect(parallel[1]?.spec['serviceName']).toBe('nginx');
  });

  it('lists the files of a real directory, sorted, and nothing for a file or a missing path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-lab-'));
    mkdirSync(join(dir, 'm'));
    mkdirSync(join(dir, 'm', 'sub'));
    writeFileSync(join(dir, 'm', 'b.yaml'), '');
    writeFileSync(join(dir, 'm', 'a.json'), '');
    const list = directoryLister(dir);
    expect(list('m')).toEqual(['a.json', 'b.yaml']);
    expect(list('m/b.yaml')).toBeUndefined();
    expect(list('missing')).toBeUndefined();
  });
});
