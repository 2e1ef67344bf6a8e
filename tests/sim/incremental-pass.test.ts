/**
 * The StatefulSet pass walks only the pods its incremental index lists (set-pod-index.ts). A
 * restored cluster rebuilds that index from scratch, so a restored copy that continues exactly
 * like the original shows that the index never drifted from a full walk. Random sessions with
 * label changes (release/adoption), claim changes, partitions, minReadySeconds, retention
 * policies, faults and template changes, restored after every command.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/sim/index.ts';
import type { Cluster } from '../../src/sim/index.ts';

/** A small deterministic generator for the session (not the cluster's). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

function session(seed: number): void {
  const rnd = lcg(seed);
  const c = createCluster({ seed });
  const retention = rnd(2) === 0;
  c.apply([
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db' },
      spec: { clusterIP: 'None', selector: { app: 'db' } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        replicas: 1 + rnd(4),
        serviceName: 'db',
        podManagementPolicy: rnd(2) === 0 ? 'Parallel' : 'OrderedReady',
        selector: { matchLabels: { app: 'db' } },
        ...(retention
          ? {
              persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Delete' },
            }
          : {}),
        template: {
          metadata: { labels: { app: 'db' } },
          spec: {
            containers: [
              {
                name: 'c',
                image: 'nginx:1.27',
                readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    },
  ]);
  const commands: ((x: Cluster) => void)[] = [];
  for (let i = 0; i < 14; i++) {
    const k = rnd(10);
    const o = rnd(5);
    const v = rnd(6);
    commands.push((x) => {
      if (k === 0) x.patch('StatefulSet', 'default', 'db', { spec: { replicas: v } });
      else if (k === 1)
        x.patch('StatefulSet', 'default', 'db', {
          spec: { template: { spec: { containers: [{ name: 'c', image: `nginx:1.${v}` }] } } },
        });
      else if (k === 2) x.delete('Pod', 'default', `db-${o}`);
      else if (k === 3) {
        const f = { kind: 'readiness', pod: `db-${o}` } as const;
        if (v % 2 === 0) x.injectFault(f);
        else x.clearFault(f);
      } else if (k === 4)
        x.patch('Pod', 'default', `db-${o}`, {
          metadata: { labels: { app: v % 2 === 0 ? 'other' : 'db' } },
        });
      else if (k === 5)
        x.patch('StatefulSet', 'default', 'db', {
          spec: { updateStrategy: { rollingUpdate: { partition: v % 4 } } },
        });
      else if (k === 6)
        x.patch('StatefulSet', 'default', 'db', { spec: { minReadySeconds: (v % 3) * 5 } });
      else if (k === 7)
        // A user strips the owner references the retention policy wants (the pass restores them).
        x.patch('PersistentVolumeClaim', 'default', `data-db-${o}`, {
          metadata: { labels: { touched: String(v) }, ownerReferences: null },
        });
      else if (k === 8) x.advance(v * 3_000);
      else x.runUntilIdle();
    });
  }
  for (const command of commands) {
    command(c);
    const snap = c.snapshot();
    const copy = restoreCluster(JSON.parse(JSON.stringify(snap)) as typeof snap);
    for (const x of [c, copy]) x.advance(20_000);
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(c.snapshot()));
  }
  for (const f of [...c.activeFaults()]) c.clearFault(f);
  c.runUntilIdle();
}

describe('incremental StatefulSet pass', () => {
  it('notices a claim change of a quiet pod: owner references stripped by a user come back', () => {
    const c = createCluster({ seed: 9 });
    c.apply([
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: {
          replicas: 2,
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        },
      },
    ]);
    c.runUntilIdle();
    const refs = (): string[] => {
      const pvc = c.get('PersistentVolumeClaim', 'default', 'data-db-0');
      return pvc.ok ? (pvc.object.metadata.ownerReferences ?? []).map((r) => r.kind) : [];
    };
    expect(refs()).toEqual(['StatefulSet']);
    c.patch('PersistentVolumeClaim', 'default', 'data-db-0', {
      metadata: { ownerReferences: null },
    });
    expect(refs()).toEqual([]);
    // Any pass of the set (here: for another pod, no spec change) repairs db-0's claim although
    // db-0 itself did not change.
    c.delete('Pod', 'default', 'db-1');
    c.runUntilIdle();
    expect(refs()).toEqual(['StatefulSet']);
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`matches a full rebuild after every command (session ${seed})`, () => session(seed));
  }
});
