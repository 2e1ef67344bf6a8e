// The Eviction API marks the pod it deletes with the DisruptionTarget condition
// (pkg/registry/core/pod/storage/eviction.go addConditionAndDeletePod: True,
// EvictionByEvictionAPI, "Eviction API: evicting"), with or without a PodDisruptionBudget; it
// shows in `kubectl get pod -o yaml` and in describe's Conditions while the pod terminates, and
// the kubelet's later status writes keep it first (status_manager mergePodStatus).
import { describe, expect, it } from 'vitest';
import { createCluster, toRfc3339 } from '../../src/sim/index.ts';
import type { Pod } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import type { KubectlEnv } from '../../src/kubectl/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: nginx
`;

async function ready() {
  const cluster = createCluster({ seed: 1 });
  const env: KubectlEnv = {
    cluster,
    readFile: (p) => (p === 'pdb.yaml' ? PDB : readBuiltin(p)),
  };
  const k = (line: string) => runKubectl(line.split(' '), env);
  await k('apply -f web.yaml');
  await k('rollout status sts/web');
  return { cluster, k };
}

describe('eviction marks the pod with DisruptionTarget', () => {
  for (const withBudget of [false, true]) {
    it(`${withBudget ? 'through a PodDisruptionBudget' : 'without a budget'}`, async () => {
      const { cluster, k } = await ready();
      if (withBudget) {
        await k('apply -f pdb.yaml');
        cluster.advance(1000);
      }
      const before = cluster.now();
      const r = cluster.evict('default', 'web-1');
      expect(r.ok).toBe(true);
      const pod = cluster.get('Pod', 'default', 'web-1');
      expect(pod.ok && pod.object.metadata.deletionTimestamp).toBeTruthy();
      const conds = pod.ok ? (pod.object.status?.conditions ?? []) : [];
      expect(conds.at(-1)).toEqual({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: toRfc3339(before),
        reason: 'EvictionByEvictionAPI',
        message: 'Eviction API: evicting',
      });
      const yaml = (await k('get pod web-1 -o yaml')).stdout;
      expect(yaml).toContain("    message: 'Eviction API: evicting'\n");
      expect(yaml).toContain(
        '    reason: EvictionByEvictionAPI\n    status: "True"\n    type: DisruptionTarget\n',
      );
      const describe = (await k('describe pod web-1')).stdout;
      expect(describe).toMatch(/\n {2}DisruptionTarget {12}True \n/);
      // The kubelet stops the containers: its status writes put the condition first.
      const uid = pod.ok ? pod.object.metadata.uid : '';
      let lastWrite: string[] = [];
      const stop = cluster.watch(
        (ev) => {
          if (ev.type === 'MODIFIED' && ev.object.metadata.uid === uid)
            lastWrite = ((ev.object as Pod).status?.conditions ?? []).map((c) => c.type);
        },
        { kind: 'Pod' },
      );
      cluster.advance(5000);
      stop.dispose();
      expect(lastWrite[0]).toBe('DisruptionTarget');
      expect(lastWrite).toHaveLength(6);
    });
  }

  it('is not added when the budget refuses the eviction', async () => {
    const { cluster, k } = await ready();
    await k('apply -f pdb.yaml');
    cluster.advance(1000);
    expect(cluster.evict('default', 'web-1').ok).toBe(true);
    const refused = cluster.evict('default', 'web-0');
    expect(refused.ok).toBe(false);
    const pod = cluster.get('Pod', 'default', 'web-0');
    const types = pod.ok ? (pod.object.status?.conditions ?? []).map((c) => c.type) : [];
    expect(types).not.toContain('DisruptionTarget');
  });
});
