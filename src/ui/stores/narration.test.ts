import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../sim/index.ts';
import { Narrator } from './narration.ts';

const manifest = parseAllDocuments(
  readFileSync(new URL('../../../content/files/db-cluster.yaml', import.meta.url), 'utf8'),
).map((document) => document.toJS() as unknown);

/** A cluster whose every watch event is narrated into `lines`. */
function narrated(seed = 5): { cluster: Cluster; lines: string[] } {
  const cluster = createCluster({ seed });
  const narrator = new Narrator();
  const lines: string[] = [];
  cluster.watch((event) => lines.push(...narrator.observe(event)));
  return { cluster, lines };
}

function scale(cluster: Cluster, replicas: number): void {
  const current = cluster.get('StatefulSet', 'default', 'db-cluster');
  if (!current.ok) throw new Error(current.status.message);
  const result = cluster.update({ ...current.object, spec: { ...current.object.spec, replicas } });
  if (!result.ok) throw new Error(result.status.message);
}

describe('Narrator', () => {
  it('tells the ordered creation of db-cluster', () => {
    const { cluster, lines } = narrated();
    cluster.apply(manifest);
    cluster.runUntilIdle();
    const story = lines.filter((line) => !line.includes(' bound to '));
    expect(story).toEqual([
      'StatefulSet db-cluster created, 3 replicas wanted',
      'claim data-volume-db-cluster-0 created',
      'db-cluster-0 created',
      'db-cluster-0 is Ready',
      'claim data-volume-db-cluster-1 created',
      'db-cluster-1 created',
      'db-cluster-1 is Ready',
      'claim data-volume-db-cluster-2 created',
      'db-cluster-2 created',
      'db-cluster-2 is Ready',
    ]);
    expect(lines.filter((line) => line.includes(' bound to pvc-'))).toHaveLength(3);
  });

  it('tells a scale-down from the top, each pod gone before the next terminates', () => {
    const { cluster, lines } = narrated();
    cluster.apply(manifest);
    cluster.runUntilIdle();
    lines.length = 0;
    scale(cluster, 1);
    cluster.runUntilIdle();
    expect(lines).toEqual([
      'db-cluster scaled from 3 to 1 replicas',
      'db-cluster-2 is terminating',
      'db-cluster-2 is gone',
      'db-cluster-1 is terminating',
      'db-cluster-1 is gone',
    ]);
  });

  it('tells a deleted pod coming back with the same name', () => {
    const { cluster, lines } = narrated();
    cluster.apply(manifest);
    cluster.runUntilIdle();
    lines.length = 0;
    cluster.delete('Pod', 'default', 'db-cluster-1');
    cluster.runUntilIdle();
    expect(lines).toEqual([
      'db-cluster-1 is terminating',
      'db-cluster-1 is gone',
      'db-cluster-1 recreated with the same name',
      'db-cluster-1 is Ready',
    ]);
  });
});
