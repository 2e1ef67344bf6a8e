/**
 * `kubectl get/describe endpointslices`: the resource type (no short name; `endpointslice`,
 * `endpointslices.discovery.k8s.io`), the server-side table of printers.go
 * (`printEndpointSlice`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE, three items then `+ N more...`,
 * `<unset>` for none), the `api-resources` row, completion, and describe.go's
 * `describeEndpointSliceV1`.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../src/sim/index.ts';
import { createCluster } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import { TABLES } from '../../src/kubectl/printers/columns.ts';
import { createCompleter } from '../../src/shell/completion.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

async function database() {
  const cluster = createCluster({ seed: 1 });
  const e = { cluster, readFile: readBuiltin };
  await runKubectl(['apply', '-f', 'db-cluster.yaml'], e);
  await runKubectl(['rollout', 'status', 'sts/db-cluster'], e);
  const slices = cluster.list('EndpointSlice', { namespace: 'default' });
  const slice = slices.ok ? slices.object[0] : undefined;
  if (slice === undefined) throw new Error('no EndpointSlice');
  const ips = slice.endpoints.map((ep) => ep.addresses[0] ?? '');
  return { e, cluster, slice, ips };
}

function slice(ports: EndpointSlice['ports'], addresses: string[][]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 's', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
    addressType: 'IPv4',
    endpoints: addresses.map((a) => ({ addresses: a })),
    ...(ports ? { ports } : {}),
  };
}

describe('kubectl get endpointslices', () => {
  it.each([
    'endpointslices',
    'endpointslice',
    'EndpointSlice',
    'endpointslices.discovery.k8s.io',
    'endpointslice.v1.discovery.k8s.io',
  ])('resolves %s and prints NAME ADDRESSTYPE PORTS ENDPOINTS AGE', async (type) => {
    const { e, slice: s, ips } = await database();
    const r = await runKubectl(['get', type], e);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME {2,}ADDRESSTYPE {3}PORTS {3}ENDPOINTS {2,}AGE$/);
    expect(lines[1]).toMatch(
      new RegExp(`^${s.metadata.name} {3}IPv4 {10}3306 {4}${ips.join(',')} {3}\\d+s$`),
    );
    expect(s.metadata.name).toMatch(/^db-service-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('has no short name: `eps` is unknown', async () => {
    const { e } = await database();
    const r = await runKubectl(['get', 'eps'], e);
    expect(r.stderr).toBe('error: the server doesn\'t have a resource type "eps"\n');
    expect(r.exitCode).toBe(1);
  });

  it('prints the same five columns with -o wide (printers.go has no priority-1 column)', async () => {
    const { e } = await database();
    const plain = await runKubectl(['get', 'endpointslices'], e);
    const wide = await runKubectl(['get', 'endpointslices', '-o', 'wide'], e);
    expect(wide.stdout).toBe(plain.stdout);
  });

  it('names them endpointslice.discovery.k8s.io/NAME with -o name and under -A', async () => {
    const { e, slice: s } = await database();
    const r = await runKubectl(['get', 'endpointslices', '-o', 'name'], e);
    expect(r.stdout).toBe(`endpointslice.discovery.k8s.io/${s.metadata.name}\n`);
    const all = await runKubectl(['get', 'endpointslices', '-A', '--no-headers'], e);
    expect(all.stdout.startsWith(`default       ${s.metadata.name}   `)).toBe(true);
    // kube-dns's slice, whose endpoints are the two CoreDNS pods on the control plane.
    expect(all.stdout).toMatch(
      /\nkube-system {3}kube-dns-[a-z0-9]{5} +IPv4 +[0-9,]+ +10\.244\.0\.\d+,10\.244\.0\.\d+ /,
    );
  });

  it('shows <unset> ports and endpoints for the placeholder slice of a Service without pods', async () => {
    const cluster = createCluster({ seed: 1 });
    const service = (readBuiltin('db-cluster.yaml') ?? '').split('\n---\n')[0] ?? '';
    const e = { cluster, readFile: (p: string) => (p === 'svc.yaml' ? service : undefined) };
    await runKubectl(['apply', '-f', 'svc.yaml'], e);
    cluster.runUntilIdle();
    // With no pod the controller keeps a placeholder slice without ports or endpoints.
    const r = await runKubectl(['get', 'endpointslices', '--no-headers'], e);
    expect(r.stdout).toMatch(/^db-service-\w{5} {3}IPv4 {3}<unset> {3}<unset> {3}\d+s\n$/);
  });
});

describe('printEndpointSlice cells (formatDiscoveryPorts / formatDiscoveryEndpoints)', () => {
  const table = TABLES['EndpointSlice'];
  const now = Date.parse('2026-01-01T00:02:00Z');

  it('lists up to three items, then `+ N more...`', () => {
    const s = slice(
      [{ port: 80 }, { port: 443 }, { name: 'metrics' }, { port: 9090 }, {}],
      [['10.244.1.2'], ['10.244.1.3', '10.244.1.4'], ['10.244.2.2'], ['10.244.2.3']],
    );
    const row = table?.row(s, now);
    expect(row?.slice(1, 4)).toEqual([
      'IPv4',
      '80,443,metrics + 2 more...',
      '10.244.1.2,10.244.1.3,10.244.1.4 + 2 more...',
    ]);
  });

  it('names a port without number by its name, else `*`; exactly three has no suffix', () => {
    const s = slice([{ name: 'web' }, {}, { port: 8080 }], [['a'], ['b'], ['c']]);
    expect(table?.row(s, now).slice(2, 4)).toEqual(['web,*,8080', 'a,b,c']);
  });

  it('prints <unset> for no ports and no endpoints', () => {
    expect(table?.row(slice(undefined, []), now).slice(2, 4)).toEqual(['<unset>', '<unset>']);
    expect(table?.row(slice([], []), now).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });
});

describe('api-resources and completion', () => {
  it('lists endpointslices (no short name) between statefulsets and poddisruptionbudgets', async () => {
    const r = await runKubectl(['api-resources'], { cluster: createCluster({ seed: 1 }) });
    const lines = r.stdout.split('\n');
    const i = lines.findIndex((l) => l.startsWith('endpointslices '));
    expect(lines[i]).toMatch(
      /^endpointslices {2,}discovery\.k8s\.io\/v1 {2,}true {2,}EndpointSlice$/,
    );
    expect(lines[i - 1]).toMatch(/^statefulsets /);
    expect(lines[i + 1]).toMatch(/^poddisruptionbudgets /);
    const names = await runKubectl(
      ['api-resources', '-o', 'name', '--api-group', 'discovery.k8s.io'],
      {
        cluster: createCluster({ seed: 1 }),
      },
    );
    expect(names.stdout).toBe('endpointslices.discovery.k8s.io\n');
  });

  it('completes the type and the object names', async () => {
    const { cluster, slice: s } = await database();
    const complete = createCompleter({ cluster, files: () => [] });
    expect([...complete('kubectl get endpoints').candidates].sort()).toEqual([
      'endpoints',
      'endpointslice',
      'endpointslices',
    ]);
    expect(complete('kubectl describe endpointslice db').insert).toBe(
      `${s.metadata.name.slice(2)} `,
    );
  });
});

describe('kubectl describe endpointslice', () => {
  it('prints describeEndpointSliceV1: ports table, one block per endpoint', async () => {
    const { e, slice: s, ips } = await database();
    const r = await runKubectl(['describe', 'endpointslice', s.metadata.name], e);
    expect(r.exitCode).toBe(0);
    // One tabwriter block per run of tabbed lines: `Conditions:` ends a block, so `Ready:`,
    // Hostname..Zone and the next endpoint's `- Addresses:` (or `Events:`) align together.
    const endpoints = s.endpoints
      .map(
        (ep) =>
          `  - Addresses:  ${ep.addresses.join(', ')}\n` +
          '    Conditions:\n' +
          '      Ready:    true\n' +
          `    Hostname:   ${ep.hostname ?? ''}\n` +
          `    TargetRef:  Pod/${ep.targetRef?.name ?? ''}\n` +
          `    NodeName:   ${ep.nodeName ?? ''}\n` +
          '    Zone:       <unset>\n',
      )
      .join('');
    expect(s.endpoints.map((ep) => ep.hostname).sort()).toEqual([
      'db-cluster-0',
      'db-cluster-1',
      'db-cluster-2',
    ]);
    expect(ips).toHaveLength(3);
    expect(r.stdout).toBe(
      `Name:         ${s.metadata.name}\n` +
        'Namespace:    default\n' +
        'Labels:       app=database\n' +
        '              endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io\n' +
        '              kubernetes.io/service-name=db-service\n' +
        '              service.kubernetes.io/headless=\n' +
        'Annotations:  <none>\n' +
        'AddressType:  IPv4\n' +
        'Ports:\n' +
        '  Name   Port  Protocol\n' +
        '  ----   ----  --------\n' +
        '  mysql  3306  TCP\n' +
        'Endpoints:\n' +
        endpoints +
        'Events:         <none>\n',
    );
  });
});
