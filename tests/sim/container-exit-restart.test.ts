// A container whose main process exits on its own (`exit` in the shell `kubectl run -it` attached
// to) is restarted by the kubelet when the pod's restartPolicy says so (Always; OnFailure after a
// failure): RESTARTS goes up, lastState keeps the exit, and a container that keeps exiting waits
// out the CrashLoopBackOff back-off. Never (and OnFailure after success) completes the pod.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import type { Cluster, Pod } from '../../src/sim/index.ts';
import { must, podStatus } from './helpers.ts';

function runningPod(restartPolicy: string): Cluster {
  const c = createCluster({ seed: 5 });
  const r = c.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'x', namespace: 'default', labels: { run: 'x' } },
    spec: {
      containers: [{ name: 'x', image: 'busybox:1.28', args: ['sh'] }],
      restartPolicy,
      dnsPolicy: 'ClusterFirst',
    },
  });
  expect(r.ok).toBe(true);
  c.runUntilIdle();
  expect(pod(c).status?.phase).toBe('Running');
  return c;
}

function pod(c: Cluster): Pod {
  return must(c.get('Pod', 'default', 'x'));
}

describe('a container that exits in a pod that restarts it', () => {
  it('restartPolicy Always: restarts at once, RESTARTS 1, lastState terminated Completed', () => {
    const c = runningPod('Always');
    expect(c.containerExited('default', 'x', 0)).toBe(true);
    const exited = pod(c).status?.containerStatuses?.[0];
    expect(exited?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(podStatus(pod(c))).toBe('Completed');
    c.runUntilIdle();
    const cs = pod(c).status?.containerStatuses?.[0];
    expect(pod(c).status?.phase).toBe('Running');
    expect(cs?.restartCount).toBe(1);
    expect(cs?.state.running).toBeDefined();
    expect(cs?.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(podStatus(pod(c))).toBe('Running');
  });

  it('keeps exiting: CrashLoopBackOff with the 10s back-off, lastState keeps the exit code', () => {
    const c = runningPod('Always');
    c.containerExited('default', 'x', 0);
    c.runUntilIdle();
    c.advance(5_000);
    expect(c.containerExited('default', 'x', 3)).toBe(true);
    c.advance(2_000);
    const cs = pod(c).status?.containerStatuses?.[0];
    expect(cs?.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs?.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(podStatus(pod(c))).toBe('CrashLoopBackOff');
    c.advance(10_000);
    c.runUntilIdle();
    expect(pod(c).status?.containerStatuses?.[0]?.restartCount).toBe(2);
    expect(podStatus(pod(c))).toBe('Running');
  });

  it('restartPolicy OnFailure restarts a failed container but completes a successful one', () => {
    const failed = runningPod('OnFailure');
    expect(failed.containerExited('default', 'x', 1)).toBe(true);
    failed.runUntilIdle();
    expect(pod(failed).status?.phase).toBe('Running');
    expect(pod(failed).status?.containerStatuses?.[0]?.restartCount).toBe(1);
    const ok = runningPod('OnFailure');
    expect(ok.containerExited('default', 'x', 0)).toBe(true);
    expect(pod(ok).status?.phase).toBe('Succeeded');
  });

  it('restartPolicy Never completes the pod and does not restart', () => {
    const c = runningPod('Never');
    expect(c.containerExited('default', 'x', 2)).toBe(true);
    c.runUntilIdle();
    expect(pod(c).status?.phase).toBe('Failed');
    expect(pod(c).status?.containerStatuses?.[0]?.restartCount).toBe(0);
  });
});
