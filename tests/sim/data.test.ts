import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { dbCluster, must, patchSet } from './helpers.ts';

describe('data on volumes', () => {
  it('survives deleting the pod: the new db-cluster-0 reads what the old one wrote', () => {
    const c = dbCluster();
    expect(c.writeFile('default', 'db-cluster-0', '/var/lib/database/rows.txt', 'alice\n')).toEqual(
      { ok: true, value: null },
    );
    expect(
      c.writeFile('default', 'db-cluster-0', '/var/lib/database/rows.txt', 'bob\n', {
        append: true,
      }).ok,
    ).toBe(true);
    expect(c.writeFile('default', 'db-cluster-0', '/tmp/scratch', 'gone soon').ok).toBe(true);
    must(c.delete('Pod', 'default', 'db-cluster-0'));
    c.runUntilIdle();
    expect(c.readFile('default', 'db-cluster-0', '/var/lib/database/rows.txt')).toEqual({
      ok: true,
      value: 'alice\nbob\n',
    });
    expect(c.readFile('default', 'db-cluster-0', '/tmp/scratch')).toEqual({
      ok: false,
      code: 'NoSuchFile',
    });
    expect(c.listFiles('default', 'db-cluster-0', '/var/lib/database')).toEqual({
      ok: true,
      value: ['rows.txt'],
    });
  });

  it('keeps each ordinal its own data across scale down and up', () => {
    const c = dbCluster();
    c.writeFile('default', 'db-cluster-2', '/var/lib/database/id', 'two');
    patchSet(c, { spec: { replicas: 2 } });
    c.runUntilIdle();
    expect(c.readFile('default', 'db-cluster-2', '/var/lib/database/id')).toEqual({
      ok: false,
      code: 'PodNotFound',
    });
    patchSet(c, { spec: { replicas: 3 } });
    c.runUntilIdle();
    expect(c.readFile('default', 'db-cluster-2', '/var/lib/database/id')).toEqual({
      ok: true,
      value: 'two',
    });
    expect(c.readFile('default', 'db-cluster-1', '/var/lib/database/id')).toEqual({
      ok: false,
      code: 'NoSuchFile',
    });
  });

  it('loses the data when the claim and its PV (reclaim Delete) are deleted', () => {
    const c = dbCluster({ replicas: 1 });
    c.writeFile('default', 'db-cluster-0', '/var/lib/database/id', 'zero');
    must(c.delete('StatefulSet', 'default', 'db-cluster'));
    must(c.delete('PersistentVolumeClaim', 'default', 'data-volume-db-cluster-0'));
    c.runUntilIdle();
    expect(c.snapshot().files).toEqual({});
  });

  it('refuses to touch a container that is not running', () => {
    const c = createCluster({ seed: 1 });
    c.injectFault({ kind: 'image-pull', image: 'my-database-image:latest' });
    c.apply([dbService(), dbStatefulSet()]);
    c.advance(30_000);
    expect(c.readFile('default', 'db-cluster-0', '/var/lib/database/x')).toEqual({
      ok: false,
      code: 'ContainerNotRunning',
    });
    expect(c.readFile('default', 'db-cluster-0', '/x', { container: 'nope' })).toEqual({
      ok: false,
      code: 'ContainerNotFound',
    });
  });
});
