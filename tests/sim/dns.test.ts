import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { dbCluster, must, pods } from './helpers.ts';

describe('headless Service endpoints and DNS', () => {
  it('publishes one address per Ready pod with its hostname, sorted by IP', () => {
    const c = dbCluster();
    const ep = must(c.get('Endpoints', 'default', 'db-service'));
    expect(ep.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
    const addresses = ep.subsets?.[0]?.addresses ?? [];
    expect(addresses.map((a) => a.hostname).sort()).toEqual([
      'db-cluster-0',
      'db-cluster-1',
      'db-cluster-2',
    ]);
    expect(ep.subsets?.[0]?.ports).toEqual([{ name: 'mysql', port: 3306, protocol: 'TCP' }]);
    const p0 = pods(c)[0];
    expect(c.resolveDns('db-cluster-0.db-service')).toEqual({
      ok: true,
      name: 'db-cluster-0.db-service.default.svc.cluster.local',
      addresses: [p0?.status?.podIP],
    });
    const all = c.resolveDns('db-service');
    expect(all.ok ? all.addresses.length : 0).toBe(3);
    expect(c.resolveDns('kubernetes.default')).toEqual({
      ok: true,
      name: 'kubernetes.default.svc.cluster.local',
      addresses: ['10.96.0.1'],
    });
  });

  it('has no record for a pod that is not Ready yet, and none without the governing Service', () => {
    const c = createCluster({ seed: 1 });
    c.apply([dbService(), dbStatefulSet()]);
    c.advance(5_000);
    expect(c.resolveDns('db-cluster-0.db-service')).toEqual({
      ok: false,
      name: 'db-cluster-0.db-service',
    });
    c.runUntilIdle();
    expect(c.resolveDns('db-cluster-0.db-service').ok).toBe(true);

    const lonely = createCluster({ seed: 1 });
    lonely.apply([dbStatefulSet()]);
    lonely.runUntilIdle();
    expect(pods(lonely)).toHaveLength(3);
    expect(lonely.resolveDns('db-cluster-0.db-service').ok).toBe(false);
  });

  it('drops a terminating pod from the addresses', () => {
    const c = dbCluster();
    must(c.delete('Pod', 'default', 'db-cluster-2'));
    c.advance(500);
    const ep = must(c.get('Endpoints', 'default', 'db-service'));
    expect((ep.subsets?.[0]?.addresses ?? []).map((a) => a.hostname).sort()).toEqual([
      'db-cluster-0',
      'db-cluster-1',
    ]);
  });
});
