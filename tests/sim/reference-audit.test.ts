/**
 * Points of the behaviour reference (k8s-semantics.md) that had no test of their own before the
 * audit in src/sim/README.md "Reference coverage". Each test names its section.
 */
import { describe, expect, it } from 'vitest';
import { isRunningAndReady } from '../../src/sim/index.ts';
import type { Cluster, Pod } from '../../src/sim/index.ts';
import { claims, dbCluster, dbSet, must, patchSet, podNames, pods } from './helpers.ts';

function image(tag: string): Record<string, unknown> {
  return {
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'database',
              image: `my-database-image:${tag}`,
              ports: [{ containerPort: 3306, name: 'mysql' }],
              volumeMounts: [{ name: 'data-volume', mountPath: '/var/lib/database' }],
            },
          ],
        },
      },
    },
  };
}

/** The db-cluster template with a readiness probe, so readiness faults bite. */
const probed = {
  template: {
    metadata: { labels: { app: 'database' } },
    spec: {
      containers: [
        {
          name: 'database',
          image: 'my-database-image:latest',
          ports: [{ containerPort: 3306, name: 'mysql' }],
          volumeMounts: [{ name: 'data-volume', mountPath: '/var/lib/database' }],
          readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 5 },
        },
      ],
    },
  },
};

function revisionOf(p: Pod): string {
  return p.metadata.labels?.['controller-revision-hash'] ?? '';
}

function pod(c: Cluster, name: string): Pod {
  return must(c.get('Pod', 'default', name));
}

function setEvents(c: Cluster): string[] {
  return c
    .events({ kind: 'StatefulSet', name: 'db-cluster' })
    .map((e) => `${e.reason}: ${e.message}`);
}

describe('reference §1.2: ControllerRevisions', () => {
  it('carry the template labels, the hash label and a copy of the set annotations (change-cause)', () => {
    const c = dbCluster({ replicas: 1 });
    must(
      c.patch('StatefulSet', 'default', 'db-cluster', {
        metadata: { annotations: { 'kubernetes.io/change-cause': 'image v2' } },
        ...image('v2'),
      }),
    );
    c.runUntilIdle();
    const update = dbSet(c).status?.updateRevision ?? '';
    const rev = must(c.get('ControllerRevision', 'default', update));
    expect(rev.metadata.labels?.['app']).toBe('database');
    expect(rev.metadata.labels?.['controller.kubernetes.io/hash']).toBe(
      update.slice('db-cluster-'.length),
    );
    expect(rev.metadata.annotations?.['kubernetes.io/change-cause']).toBe('image v2');
    expect(rev.revision).toBe(2);
  });

  it('truncateHistory keeps revisionHistoryLimit non-live revisions, deleting the oldest', () => {
    const c = dbCluster({ replicas: 1, revisionHistoryLimit: 2 });
    for (const tag of ['v2', 'v3', 'v4', 'v5']) {
      patchSet(c, image(tag));
      c.runUntilIdle();
    }
    const revisions = must(c.list('ControllerRevision', { namespace: 'default' }))
      .map((r) => r.revision)
      .sort((a, b) => a - b);
    // 5 revisions were made; the live one (5) and the two newest non-live ones (3, 4) stay.
    expect(revisions).toEqual([3, 4, 5]);
    expect(c.trace({}).some((t) => t.message.includes('beyond revisionHistoryLimit 2'))).toBe(true);
  });
});

describe('reference §1.4: one reconcile pass', () => {
  it('step 4.2: a claim deleted while its pod was gone is created again before the pod', () => {
    const c = dbCluster({ replicas: 1 });
    must(c.delete('Pod', 'default', 'db-cluster-0', { gracePeriodSeconds: 0 }));
    // The claim is protected while a pod uses it; remove it while no pod exists.
    must(c.delete('PersistentVolumeClaim', 'default', 'data-volume-db-cluster-0'));
    c.runUntilIdle();
    expect(claims(c).map((p) => p.metadata.name)).toEqual(['data-volume-db-cluster-0']);
    expect(isRunningAndReady(pod(c, 'db-cluster-0'))).toBe(true);
  });

  it('step 4.7: a pod whose identity label was removed is repaired (SuccessfulUpdate)', () => {
    const c = dbCluster({ replicas: 1 });
    const before = pod(c, 'db-cluster-0');
    must(
      c.patch('Pod', 'default', 'db-cluster-0', {
        metadata: { labels: { 'statefulset.kubernetes.io/pod-name': null } },
      }),
    );
    c.runUntilIdle();
    const after = pod(c, 'db-cluster-0');
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.metadata.labels?.['statefulset.kubernetes.io/pod-name']).toBe('db-cluster-0');
    expect(setEvents(c)).toContain(
      'SuccessfulUpdate: update Pod db-cluster-0 in StatefulSet db-cluster successful',
    );
  });

  it('step 6 / gotcha 3: a condemned pod that is the first unhealthy pod is deleted while unhealthy', () => {
    const c = dbCluster({ replicas: 3, ...probed });
    c.injectFault({ kind: 'readiness', pod: 'db-cluster-2' });
    c.runUntilIdle();
    // The not-ready pod is the only unhealthy one and it is condemned by the scale-down.
    expect(isRunningAndReady(pod(c, 'db-cluster-2'))).toBe(false);
    patchSet(c, { spec: { replicas: 2 } });
    c.runUntilIdle();
    expect(podNames(c)).toEqual(['db-cluster-0', 'db-cluster-1']);
  });

  it('gotcha 5: Parallel still rolls out one pod at a time, highest ordinal first', () => {
    const c = dbCluster({ replicas: 3, podManagementPolicy: 'Parallel' });
    const deleted: string[] = [];
    let maxTerminating = 0;
    c.watch((ev) => {
      if (ev.object.kind !== 'Pod') return;
      if (
        ev.type === 'MODIFIED' &&
        ev.object.metadata.deletionTimestamp &&
        !ev.oldObject?.metadata.deletionTimestamp
      )
        deleted.push(ev.object.metadata.name);
      const notReady = pods(c).filter((p) => !isRunningAndReady(p) || p.metadata.deletionTimestamp);
      maxTerminating = Math.max(maxTerminating, notReady.length);
    });
    patchSet(c, image('v2'));
    c.runUntilIdle();
    expect(deleted).toEqual(['db-cluster-2', 'db-cluster-1', 'db-cluster-0']);
    expect(maxTerminating).toBe(1);
  });

  it('§1.8 / gotcha 21: terminating pods still count in replicas and readyReplicas', () => {
    const c = dbCluster({ replicas: 3, podManagementPolicy: 'Parallel' });
    patchSet(c, { spec: { replicas: 1 } });
    let sawTerminatingCounted = false;
    c.watch((ev) => {
      if (ev.object.kind !== 'StatefulSet') return;
      const s = dbSet(c).status;
      const terminating = pods(c).filter((p) => p.metadata.deletionTimestamp).length;
      if (terminating > 0 && (s?.replicas ?? 0) > 1 && (s?.readyReplicas ?? 0) > 1)
        sawTerminatingCounted = true;
    });
    c.runUntilIdle();
    expect(sawTerminatingCounted).toBe(true);
    expect(dbSet(c).status?.replicas).toBe(1);
  });
});

describe('reference §1.6: adoption and release', () => {
  it('releases a pod whose labels stop matching: it keeps running without an owner', () => {
    const c = dbCluster({ replicas: 1 });
    must(c.patch('Pod', 'default', 'db-cluster-0', { metadata: { labels: { app: 'other' } } }));
    c.runUntilIdle();
    const released = pod(c, 'db-cluster-0');
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
    expect(
      c.trace({ name: 'db-cluster' }).some((t) => t.message.includes('released pod db-cluster-0')),
    ).toBe(true);
  });

  it('does not adopt a matching orphan whose name does not parse as <set>-<ordinal>', () => {
    const c = dbCluster({ replicas: 1 });
    must(
      c.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'db-cluster-x', labels: { app: 'database' } },
        spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
      }),
    );
    c.runUntilIdle();
    const stray = pod(c, 'db-cluster-x');
    expect(stray.metadata.ownerReferences).toBeUndefined();
    expect(isRunningAndReady(stray)).toBe(true);
    expect(dbSet(c).status?.replicas).toBe(1);
  });
});

describe('reference §2: storage', () => {
  it('§2.1: a pod is not created while its claim is being deleted (pvc … is being deleted)', () => {
    const c = dbCluster({ replicas: 1 });
    // A finalizer of someone else's keeps the deleted claim Terminating after its pod is gone.
    must(
      c.patch('PersistentVolumeClaim', 'default', 'data-volume-db-cluster-0', {
        metadata: { finalizers: ['kubernetes.io/pvc-protection', 'example.com/hold'] },
      }),
    );
    must(c.delete('PersistentVolumeClaim', 'default', 'data-volume-db-cluster-0'));
    must(c.delete('Pod', 'default', 'db-cluster-0'));
    c.advance(60_000);
    expect(
      setEvents(c).some((e) => e.includes('pvc data-volume-db-cluster-0 is being deleted')),
    ).toBe(true);
    expect(c.get('Pod', 'default', 'db-cluster-0').ok).toBe(false);
    must(
      c.patch('PersistentVolumeClaim', 'default', 'data-volume-db-cluster-0', {
        metadata: { finalizers: null },
      }),
    );
    c.runUntilIdle();
    // Once the old claim is gone a fresh one is made and the pod comes back.
    expect(isRunningAndReady(pod(c, 'db-cluster-0'))).toBe(true);
  });

  it('§2.3 / gotcha 13: reclaim Retain leaves the PV Released and does not rebind it', () => {
    const c = dbCluster({ replicas: 1 });
    const pvName = claims(c)[0]?.spec.volumeName ?? '';
    const pv = must(c.get('PersistentVolume', undefined, pvName));
    must(
      c.patch('PersistentVolume', undefined, pvName, {
        spec: { persistentVolumeReclaimPolicy: 'Retain' },
      }),
    );
    void pv;
    patchSet(c, { spec: { replicas: 0 } });
    c.runUntilIdle();
    must(c.delete('PersistentVolumeClaim', 'default', 'data-volume-db-cluster-0'));
    c.runUntilIdle();
    const released = must(c.get('PersistentVolume', undefined, pvName));
    expect(released.status?.phase).toBe('Released');
    patchSet(c, { spec: { replicas: 1 } });
    c.runUntilIdle();
    expect(claims(c)[0]?.spec.volumeName).not.toBe(pvName);
    expect(must(c.get('PersistentVolume', undefined, pvName)).status?.phase).toBe('Released');
  });

  it('§2.2: an Immediate class provisions and binds before any pod is scheduled', () => {
    const c = dbCluster({ replicas: 0 });
    must(
      c.create({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'fast' },
        provisioner: 'rancher.io/local-path',
        volumeBindingMode: 'Immediate',
      }),
    );
    must(
      c.create({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'alone' },
        spec: {
          storageClassName: 'fast',
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
        },
      }),
    );
    c.runUntilIdle();
    expect(must(c.get('PersistentVolumeClaim', 'default', 'alone')).status?.phase).toBe('Bound');
  });
});

describe('reference §3: DNS', () => {
  it('publishNotReadyAddresses publishes a pod that is not Ready', () => {
    const c = dbCluster({ replicas: 1, ...probed });
    c.injectFault({ kind: 'readiness', pod: 'db-cluster-0' });
    c.runUntilIdle();
    expect(c.resolveDns('db-cluster-0.db-service').ok).toBe(false);
    must(c.patch('Service', 'default', 'db-service', { spec: { publishNotReadyAddresses: true } }));
    c.runUntilIdle();
    expect(c.resolveDns('db-cluster-0.db-service').ok).toBe(true);
  });
});

describe('reference §4: updates', () => {
  it('§4.1: an explicit RollingUpdate without rollingUpdate keeps it absent', () => {
    const c = dbCluster({ replicas: 1, updateStrategy: { type: 'RollingUpdate' } });
    expect(dbSet(c).spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    const d = dbCluster({ replicas: 1 });
    expect(dbSet(d).spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { partition: 0 },
    });
  });

  it('§4.3: a partition above replicas updates no pod; lowering it resumes from the top', () => {
    const c = dbCluster({
      replicas: 3,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 5 } },
    });
    const old = revisionOf(pods(c)[0] as Pod);
    patchSet(c, image('v2'));
    c.runUntilIdle();
    expect(pods(c).map(revisionOf)).toEqual([old, old, old]);
    const update = dbSet(c).status?.updateRevision ?? '';
    expect(update).not.toBe(old);
    patchSet(c, { spec: { updateStrategy: { rollingUpdate: { partition: 2 } } } });
    c.runUntilIdle();
    expect(pods(c).map(revisionOf)).toEqual([old, old, update]);
  });

  it('§4.4: maxUnavailable is ignored (MaxUnavailableStatefulSet off in 1.35.4)', () => {
    const c = dbCluster({
      replicas: 3,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } },
    });
    let maxDown = 0;
    c.watch(() => {
      maxDown = Math.max(
        maxDown,
        pods(c).filter((p) => p.metadata.deletionTimestamp || !isRunningAndReady(p)).length +
          (3 - pods(c).length),
      );
    });
    patchSet(c, image('v2'));
    c.runUntilIdle();
    expect(maxDown).toBe(1);
  });

  it('§4.9: with Parallel a reverted broken template rolls out by itself', () => {
    const c = dbCluster({ replicas: 2, podManagementPolicy: 'Parallel' });
    const good = revisionOf(pods(c)[0] as Pod);
    patchSet(c, image('does-not-exist'));
    c.advance(120_000);
    patchSet(c, image('latest'));
    c.runUntilIdle();
    expect(pods(c).every(isRunningAndReady)).toBe(true);
    expect(pods(c).map(revisionOf)).toEqual([good, good]);
  });
});

describe('reference §10: gotchas', () => {
  it('gotcha 4: a Terminating pod is not replaced until its object is gone (Parallel too)', () => {
    const c = dbCluster({ replicas: 1, podManagementPolicy: 'Parallel' });
    const uid = pod(c, 'db-cluster-0').metadata.uid;
    must(c.delete('Pod', 'default', 'db-cluster-0'));
    const seenUids = new Set<string>();
    c.watch((ev) => {
      if (ev.object.kind === 'Pod' && ev.type === 'ADDED')
        seenUids.add(ev.object.metadata.uid ?? '');
      if (ev.object.kind === 'Pod' && ev.type === 'ADDED')
        expect(c.list('Pod', { namespace: 'default' }).ok).toBe(true);
    });
    c.runUntilIdle();
    expect(seenUids.size).toBe(1);
    expect(pod(c, 'db-cluster-0').metadata.uid).not.toBe(uid);
  });

  it('gotcha 24: pods list by name as strings (db-cluster-10 before db-cluster-2)', () => {
    const c = dbCluster({ replicas: 12, podManagementPolicy: 'Parallel' });
    expect(podNames(c).slice(0, 4)).toEqual([
      'db-cluster-0',
      'db-cluster-1',
      'db-cluster-10',
      'db-cluster-11',
    ]);
  });
});
