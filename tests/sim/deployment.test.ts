import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/sim/index.ts';
import type { Cluster, ClusterSnapshot, Deployment, Pod, ReplicaSet } from '../../src/sim/index.ts';
import { must } from './helpers.ts';

/** An nginx Deployment `web`; `spec` overrides parts of its spec. */
function web(spec: Record<string, unknown> = {}, image = 'nginx:1.27'): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
      },
      ...spec,
    },
  };
}

function deploy(c: Cluster): Deployment {
  return must(c.get('Deployment', 'default', 'web'));
}
function replicaSets(c: Cluster): ReplicaSet[] {
  return must(c.list('ReplicaSet', { namespace: 'default' }));
}
function webPods(c: Cluster): Pod[] {
  return must(c.list('Pod', { namespace: 'default', labelSelector: 'app=web' }));
}
function setImage(c: Cluster, image: string): void {
  must(
    c.patch('Deployment', 'default', 'web', {
      spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } },
    }),
  );
}

describe('Deployment and ReplicaSet controllers', () => {
  it('creates <deploy>-<hash> and pods <deploy>-<hash>-<5 chars>, with events and status', () => {
    const c = createCluster({ seed: 1 });
    expect(c.apply([web()])[0]?.ok).toBe(true);
    expect(c.runUntilIdle()).toBe(true);
    const [rs] = replicaSets(c);
    const hash = rs?.metadata.labels?.['pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.spec.selector?.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs?.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web' });
    const pods = webPods(c);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
      expect(p.spec.hostname).toBeUndefined();
      expect(p.status?.phase).toBe('Running');
    }
    const d = deploy(c);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(
      d.status?.conditions?.map((x) => `${x.type} ${x.status} ${x.reason} ${x.message}`),
    ).toEqual([
      'Available True MinimumReplicasAvailable Deployment has minimum availability.',
      `Progressing True NewReplicaSetAvailable ReplicaSet "web-${hash}" has successfully progressed.`,
    ]);
    expect(
      c.events({ kind: 'Deployment', name: 'web' }).map((e) => `${e.reason} ${e.message}`),
    ).toEqual([`ScalingReplicaSet Scaled up replica set web-${hash} from 0 to 3`]);
    const created = c.events({ kind: 'ReplicaSet', name: `web-${hash}` });
    expect(created.map((e) => `${e.reason} ${e.message}`).sort()).toEqual(
      pods.map((p) => `SuccessfulCreate Created pod: ${p.metadata.name}`).sort(),
    );
    expect(created[0]?.source?.component).toBe('replicaset-controller');
  });

  it('replaces a deleted pod with a new random name (no identity)', () => {
    const c = createCluster({ seed: 2 });
    c.apply([web()]);
    c.runUntilIdle();
    const before = webPods(c).map((p) => p.metadata.name);
    must(c.delete('Pod', 'default', before[0] ?? ''));
    c.runUntilIdle();
    const after = webPods(c).map((p) => p.metadata.name);
    expect(after).toHaveLength(3);
    expect(after).not.toContain(before[0]);
  });

  it('scales a single ReplicaSet and records it', () => {
    const c = createCluster({ seed: 3 });
    c.apply([web()]);
    c.runUntilIdle();
    must(c.patch('Deployment', 'default', 'web', { spec: { replicas: 5 } }));
    c.runUntilIdle();
    expect(webPods(c)).toHaveLength(5);
    must(c.patch('Deployment', 'default', 'web', { spec: { replicas: 1 } }));
    c.runUntilIdle();
    expect(webPods(c)).toHaveLength(1);
    const rs = replicaSets(c)[0]?.metadata.name ?? '';
    expect(c.events({ kind: 'Deployment' }).map((e) => e.message)).toEqual([
      `Scaled up replica set ${rs} from 0 to 3`,
      `Scaled up replica set ${rs} from 3 to 5`,
      `Scaled down replica set ${rs} from 5 to 1`,
    ]);
  });

  it('rolls out within maxSurge 25% / maxUnavailable 25% (4 replicas: at most 5 pods, at least 3 available)', () => {
    const c = createCluster({ seed: 4 });
    c.apply([web({ replicas: 4 })]);
    c.runUntilIdle();
    let maxPods = 0;
    let minAvailable = Infinity;
    c.watch(() => {
      const all = webPods(c).filter((p) => p.metadata.deletionTimestamp === undefined);
      maxPods = Math.max(maxPods, all.length);
      const rsAvailable = replicaSets(c).reduce(
        (n, r) => n + (r.status?.availableReplicas ?? 0),
        0,
      );
      minAvailable = Math.min(minAvailable, rsAvailable);
    });
    setImage(c, 'nginx:1.28');
    expect(c.runUntilIdle()).toBe(true);
    expect(maxPods).toBe(5);
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    const sets = replicaSets(c);
    expect(sets).toHaveLength(2);
    const fresh = sets.find((r) => (r.spec.replicas ?? 0) === 4);
    const old = sets.find((r) => (r.spec.replicas ?? 0) === 0);
    expect(fresh?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(old?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(deploy(c).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(webPods(c).every((p) => p.spec.containers[0]?.image === 'nginx:1.28')).toBe(true);
    const messages = c.events({ kind: 'Deployment' }).map((e) => e.message);
    expect(messages[1]).toBe(`Scaled up replica set ${fresh?.metadata.name ?? ''} from 0 to 1`);
    expect(messages[2]).toBe(`Scaled down replica set ${old?.metadata.name ?? ''} from 4 to 3`);
  });

  it('rolls back by re-using the old ReplicaSet with a new revision number', () => {
    const c = createCluster({ seed: 5 });
    c.apply([web()]);
    c.runUntilIdle();
    const first = replicaSets(c)[0]?.metadata.name;
    setImage(c, 'nginx:1.28');
    c.runUntilIdle();
    setImage(c, 'nginx:1.27');
    c.runUntilIdle();
    const sets = replicaSets(c);
    expect(sets).toHaveLength(2);
    const back = sets.find((r) => r.metadata.name === first);
    expect(back?.spec.replicas).toBe(3);
    expect(back?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(deploy(c).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('Recreate stops every old pod before starting new ones', () => {
    const c = createCluster({ seed: 6 });
    c.apply([web({ strategy: { type: 'Recreate' } })]);
    c.runUntilIdle();
    expect(deploy(c).spec.strategy).toEqual({ type: 'Recreate' });
    let overlap = false;
    c.watch(() => {
      const live = webPods(c).filter(
        (p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
      );
      const images = new Set(live.map((p) => p.spec.containers[0]?.image));
      if (images.size > 1) overlap = true;
    });
    setImage(c, 'nginx:1.28');
    c.runUntilIdle();
    expect(overlap).toBe(false);
    expect(webPods(c)).toHaveLength(3);
    expect(webPods(c).every((p) => p.spec.containers[0]?.image === 'nginx:1.28')).toBe(true);
  });

  it('deletes old ReplicaSets beyond revisionHistoryLimit', () => {
    const c = createCluster({ seed: 7 });
    c.apply([web({ replicas: 1, revisionHistoryLimit: 1 })]);
    c.runUntilIdle();
    for (const tag of ['1.28', '1.29', '1.30']) {
      setImage(c, `nginx:${tag}`);
      c.runUntilIdle();
    }
    const sets = replicaSets(c);
    expect(sets).toHaveLength(2);
    expect(
      sets.map((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision']).sort(),
    ).toEqual(['3', '4']);
  });

  it('cascades a Deployment delete to its ReplicaSets and pods', () => {
    const c = createCluster({ seed: 8 });
    c.apply([web()]);
    c.runUntilIdle();
    must(c.delete('Deployment', 'default', 'web'));
    c.runUntilIdle();
    expect(replicaSets(c)).toEqual([]);
    expect(webPods(c)).toEqual([]);
  });

  it('shares one ReadWriteOnce claim: every replica is pinned to the node holding the volume', () => {
    const c = createCluster({ seed: 9 });
    const claim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'shared' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    const spec = web().spec as { template: { spec: Record<string, unknown> } };
    spec.template.spec['volumes'] = [
      { name: 'data', persistentVolumeClaim: { claimName: 'shared' } },
    ];
    const d = web({ replicas: 3, template: spec.template });
    for (const r of c.apply([claim, d])) expect(r.ok ? 'ok' : r.status.message).toBe('ok');
    c.runUntilIdle();
    const pods = webPods(c);
    expect(pods).toHaveLength(3);
    const nodes = new Set(pods.map((p) => p.spec.nodeName));
    // Local volumes are tied to one node, so the scheduler cannot spread the replicas.
    expect(nodes.size).toBe(1);
    const stuck = c.events().filter((e) => e.message.includes('volume node affinity conflict'));
    expect(stuck.length).toBe(0);
    // The volume is there for the first pod's node only; the others share it on the same node.
    expect(
      pods.every((p) =>
        p.spec.volumes?.some((v) => v.persistentVolumeClaim?.claimName === 'shared'),
      ),
    ).toBe(true);
  });

  it('restores mid-rollout and continues identically', () => {
    const a = createCluster({ seed: 10 });
    a.apply([web({ replicas: 4 })]);
    a.runUntilIdle();
    setImage(a, 'nginx:1.28');
    a.advance(3_000);
    const b = restoreCluster(JSON.parse(JSON.stringify(a.snapshot())) as ClusterSnapshot);
    a.runUntilIdle();
    b.runUntilIdle();
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });

  it('validates the selector against the template labels', () => {
    const c = createCluster({ seed: 1 });
    const bad = web({ selector: { matchLabels: { app: 'other' } } });
    const [r] = c.apply([bad]);
    expect(r?.ok ? '' : r?.status.message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    );
  });
});
