/**
 * Attachable volumes and the attach/detach controller: a ReadWriteOnce CSI volume attached to
 * one node makes a pod on another node wait in ContainerCreating with the upstream
 * `FailedAttachVolume` "Multi-Attach error" (reconciler.go reportMultiAttachError); two pods on
 * one node share the attachment; the local-path class is not attachable at all.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/sim/index.ts';
import type { Cluster } from '../../src/sim/index.ts';
import { must, podStatus } from './helpers.ts';

function ebsClass(): Record<string, unknown> {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'ebs' },
    provisioner: 'ebs.csi.aws.com',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

function claim(name: string, storageClassName: string, mode = 'ReadWriteOnce'): unknown {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec: {
      storageClassName,
      accessModes: [mode],
      resources: { requests: { storage: '1Gi' } },
    },
  };
}

function pod(name: string, node: string, claimName: string): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      nodeSelector: { 'kubernetes.io/hostname': node },
      containers: [
        { name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  };
}

function status(c: Cluster, name: string): string {
  return podStatus(must(c.get('Pod', 'default', name)));
}

function events(c: Cluster, name: string): string[] {
  return c
    .events({ kind: 'Pod', name })
    .map((e) => `${e.type} ${e.reason} ${e.source?.component ?? ''}: ${e.message}`);
}

describe('Multi-Attach of ReadWriteOnce volumes', () => {
  it('a pod on a second node waits with FailedAttachVolume until the first pod is gone', () => {
    const c = createCluster({ seed: 3 });
    c.apply([ebsClass(), claim('data', 'ebs'), pod('first', 'kind-worker', 'data')]);
    c.runUntilIdle();
    expect(status(c, 'first')).toBe('Running');
    const pvc = must(c.get('PersistentVolumeClaim', 'default', 'data'));
    const pvName = pvc.spec.volumeName ?? '';
    const pv = must(c.get('PersistentVolume', undefined, pvName));
    expect(pv.spec.csi?.driver).toBe('ebs.csi.aws.com');
    expect(pv.spec.nodeAffinity).toBeUndefined();
    const worker = must(c.get('Node', undefined, 'kind-worker'));
    expect(worker.status.volumesAttached?.map((v) => v.name)).toEqual([
      `kubernetes.io/csi/ebs.csi.aws.com^${pv.spec.csi?.volumeHandle ?? ''}`,
    ]);
    expect(events(c, 'first')).toContain(
      `Normal SuccessfulAttachVolume attachdetach-controller: AttachVolume.Attach succeeded for volume "${pvName}" `,
    );

    c.apply([pod('second', 'kind-worker2', 'data')]);
    c.runUntilIdle();
    expect(status(c, 'second')).toBe('ContainerCreating');
    const warnings = events(c, 'second').filter((e) => e.startsWith('Warning'));
    expect(warnings).toEqual([
      `Warning FailedAttachVolume attachdetach-controller: Multi-Attach error for volume "${pvName}" Volume is already used by pod(s) first`,
    ]);
    // Reported once, not on every reconcile.
    c.advance(600_000);
    expect(c.events({ kind: 'Pod', name: 'second' }).find((e) => e.type === 'Warning')?.count).toBe(
      1,
    );

    c.delete('Pod', 'default', 'first');
    c.runUntilIdle();
    expect(status(c, 'second')).toBe('Running');
    expect(must(c.get('Node', undefined, 'kind-worker')).status.volumesAttached).toBeUndefined();
    expect(must(c.get('Node', undefined, 'kind-worker2')).status.volumesAttached?.length).toBe(1);
  });

  it('two pods on the same node share the ReadWriteOnce attachment', () => {
    const c = createCluster({ seed: 4 });
    c.apply([ebsClass(), claim('data', 'ebs'), pod('a', 'kind-worker', 'data')]);
    c.runUntilIdle();
    c.apply([pod('b', 'kind-worker', 'data')]);
    c.runUntilIdle();
    expect([status(c, 'a'), status(c, 'b')]).toEqual(['Running', 'Running']);
    expect(events(c, 'b').some((e) => e.includes('FailedAttachVolume'))).toBe(false);
  });

  it('ReadWriteOncePod: a second pod is not even scheduled while the claim is in use (VolumeRestrictions)', () => {
    const c = createCluster({ seed: 5 });
    c.apply([
      ebsClass(),
      claim('solo', 'ebs', 'ReadWriteOncePod'),
      pod('a', 'kind-worker', 'solo'),
    ]);
    c.runUntilIdle();
    // Even on the same node: the claim is in use (the other workers fail the nodeSelector first).
    c.apply([pod('b', 'kind-worker', 'solo')]);
    c.runUntilIdle();
    const b = must(c.get('Pod', 'default', 'b'));
    expect(b.spec.nodeName).toBeUndefined();
    expect(events(c, 'b')).toContain(
      "Warning FailedScheduling default-scheduler: 0/4 nodes are available: 1 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode, 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
    c.delete('Pod', 'default', 'a');
    c.runUntilIdle();
    expect(status(c, 'b')).toBe('Running');
  });

  it('a snapshot taken while a pod waits for the attachment continues identically', () => {
    const c = createCluster({ seed: 6 });
    c.apply([ebsClass(), claim('data', 'ebs'), pod('first', 'kind-worker', 'data')]);
    c.runUntilIdle();
    c.apply([pod('second', 'kind-worker2', 'data')]);
    c.runUntilIdle();
    const snap = c.snapshot();
    expect(Object.keys(snap.kubelet.waitingAttach ?? {})).toEqual(['default/second']);
    const copy = restoreCluster(JSON.parse(JSON.stringify(snap)) as typeof snap);
    for (const x of [c, copy]) {
      x.delete('Pod', 'default', 'first');
      x.runUntilIdle();
    }
    expect(status(copy, 'second')).toBe('Running');
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(c.snapshot()));
  });

  it('local-path volumes are not attachable: no attach events, no volumesAttached', () => {
    const c = createCluster({ seed: 7 });
    c.apply([claim('data', 'standard'), pod('a', 'kind-worker', 'data')]);
    c.runUntilIdle();
    expect(status(c, 'a')).toBe('Running');
    expect(events(c, 'a').some((e) => e.includes('Attach'))).toBe(false);
    expect(must(c.get('Node', undefined, 'kind-worker')).status.volumesAttached).toBeUndefined();
  });
});
