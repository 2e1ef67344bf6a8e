import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/sim/index.ts';
import { dbCluster, must, patchSet, podStatus } from './helpers.ts';

/** `status` + nomination of every watch event of one pod, from now on. */
function record(c: ReturnType<typeof dbCluster>, name: string): string[] {
  const seen: string[] = [];
  c.watch((ev) => {
    if (ev.object.kind !== 'Pod' || ev.object.metadata.name !== name) return;
    const pod = ev.object as Pod;
    seen.push(`${ev.type} ${podStatus(pod)} ${pod.status?.nominatedNodeName ?? '-'}`);
  });
  return seen;
}

describe('status.nominatedNodeName (1.35 binding cycle)', () => {
  it('is only written for a pod whose claim is still unbound: scaling back up does not nominate', () => {
    const c = dbCluster({ replicas: 2 });
    patchSet(c, { spec: { replicas: 1 } });
    c.runUntilIdle();
    const seen = record(c, 'db-cluster-1');
    patchSet(c, { spec: { replicas: 2 } });
    c.runUntilIdle();
    // The claim data-volume-db-cluster-1 is still Bound: no PreBind work, no nomination.
    expect(seen.slice(0, 3)).toEqual([
      'ADDED Pending -',
      'MODIFIED Pending -',
      'MODIFIED ContainerCreating -',
    ]);
  });

  it('nominates a new ordinal (new claim) once, and the binding clears it', () => {
    const c = dbCluster({ replicas: 1 });
    const seen = record(c, 'db-cluster-1');
    patchSet(c, { spec: { replicas: 2 } });
    c.runUntilIdle();
    const node = must(c.get('Pod', 'default', 'db-cluster-1')).spec.nodeName ?? '';
    expect(seen.slice(0, 4)).toEqual([
      'ADDED Pending -',
      `MODIFIED Pending ${node}`,
      'MODIFIED Pending -',
      'MODIFIED ContainerCreating -',
    ]);
  });
});
