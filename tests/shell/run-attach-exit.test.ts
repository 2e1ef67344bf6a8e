// `kubectl run -it` sessions end with the container: `exit` makes the attached main process exit,
// a restartPolicy Never pod completes (Succeeded / Failed), run.go waits for that, the deferred
// `--rm` delete runs, and a failure is reported with the container's exit code. Also: a stalled
// `rollout status` is watched 5 virtual seconds after the simulation goes idle, like `get -w`.
import { describe, expect, it } from 'vitest';
import { ATTACHED, typedSession as session } from './session.ts';

/** attach.go's reattachMessage (1.35): only after a session with a restartPolicy Always pod. */
const ENDED = (name: string): string =>
  `Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`;

describe('kubectl run -it: the container exits with the session', () => {
  it('completes a restartPolicy Never pod on exit 0', async () => {
    const s = session();
    expect(
      await s.type(
        'kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never',
        'exit',
        "kubectl get pod dns-test -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.reason} {.status.conditions[2].type}={.status.conditions[2].reason}'",
      ),
    ).toBe(
      '$ kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never\n' +
        ATTACHED +
        '/ # exit\n' +
        "$ kubectl get pod dns-test -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.reason} {.status.conditions[2].type}={.status.conditions[2].reason}'\n" +
        'Succeeded Completed Ready=PodCompleted',
    );
    const get = await s.run('kubectl get pod dns-test');
    expect(get.stdout).toMatch(/^dns-test {3}0\/1 {5}Completed {3}0 /m);
    const exec = await s.run('kubectl exec dns-test -- hostname');
    expect(exec.stderr).toBe(
      'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
    );
  });

  it('with --rm deletes the completed pod after the session', async () => {
    const s = session();
    expect(
      await s.type(
        'kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm',
        'exit',
        'kubectl get pods',
      ),
    ).toBe(
      '$ kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm\n' +
        ATTACHED +
        '/ # exit\n' +
        'pod "dns-test" deleted from default namespace\n' +
        '$ kubectl get pods\n' +
        'No resources found in default namespace.\n',
    );
  });

  it('reports a failed container after the --rm delete, with its exit code', async () => {
    const s = session();
    await s.run('kubectl run -i --tty --image busybox:1.28 t --restart=Never --rm');
    const res = await s.run('exit 3');
    expect(res.exitCode).toBe(3);
    expect(res.stdout).toBe('pod "t" deleted from default namespace\n');
    expect(res.stderr).toBe('pod default/t terminated (Error)\n');
  });

  it('leaves a Failed pod behind without --rm', async () => {
    const s = session();
    await s.run('kubectl run -i --tty --image busybox:1.28 t --restart=Never');
    await s.run('exit 2');
    const res = await s.run(
      "kubectl get pod t -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}'",
    );
    expect(res.stdout).toBe('Failed 2');
  });
});

describe('kubectl run -it with the default restartPolicy Always', () => {
  it('restarts the container after exit and prints the 1.35 reattach line', async () => {
    const s = session();
    expect(await s.type('kubectl run -it --image busybox:1.28 x -- sh', 'exit')).toBe(
      '$ kubectl run -it --image busybox:1.28 x -- sh\n' + ATTACHED + '/ # exit\n' + ENDED('x'),
    );
    const right = await s.run(
      "kubectl get pod x -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.reason}'",
    );
    expect(right.stdout).toBe('Running Completed');
    await s.run('sleep 2');
    const later = await s.run(
      "kubectl get pod x -o jsonpath='{.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].lastState.terminated.reason}'",
    );
    expect(later.stdout).toBe('1 0 Completed');
    expect((await s.run('kubectl get pod x')).stdout).toMatch(
      /^x {6}1\/1 {5}Running {3}1 \(2s ago\) /m,
    );
    // exec starts a new process: ending it leaves the container alone.
    await s.run('kubectl exec -it x -- sh');
    await s.run('exit');
    const after = await s.run(
      "kubectl get pod x -o jsonpath='{.status.containerStatuses[0].restartCount}'",
    );
    expect(after.stdout).toBe('1');
  });

  it('with --rm deletes the pod after the session; OnFailure waits for success', async () => {
    const s = session();
    await s.run('kubectl run -it --image busybox:1.28 x --rm -- sh');
    const res = await s.run('exit 4');
    expect(res.stdout).toBe(ENDED('x') + 'pod "x" deleted from default namespace\n');
    expect(res.exitCode).toBe(0);
    await s.run('kubectl run -it --image busybox:1.28 y --restart=OnFailure -- sh');
    const ok = await s.run('exit');
    expect(ok.stdout).toBe('');
    expect(ok.exitCode).toBe(0);
    const phase = await s.run("kubectl get pod y -o jsonpath='{.status.phase}'");
    expect(phase.stdout).toBe('Succeeded');
  });
});

describe('kubectl run -it --restart=OnFailure', () => {
  it('waits for success; a failed exit restarts the container and the wait times out', async () => {
    const s = session();
    await s.run('kubectl run -it --image busybox:1.28 f --restart=OnFailure -- sh');
    const before = s.now();
    const res = await s.run('exit 1');
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('error: timed out waiting for the condition\n');
    expect(res.exitCode).toBe(1);
    expect(s.now()).toBeGreaterThan(before);
    const pod = await s.run(
      "kubectl get pod f -o jsonpath='{.status.phase} {.status.containerStatuses[0].restartCount}'",
    );
    expect(pod.stdout).toBe('Running 1');
  });
});

describe('kubectl rollout status on a rollout that cannot progress', () => {
  it('watches 5 more virtual seconds once the simulation is idle, then ends', async () => {
    const s = session();
    await s.run('kubectl apply -f web.yaml');
    await s.run('kubectl rollout status sts/web');
    await s.run('kubectl cordon kind-worker kind-worker2 kind-worker3');
    await s.run('kubectl scale sts web --replicas=3');
    const before = s.now();
    const res = await s.run('kubectl rollout status sts/web');
    expect(res.stdout).toBe(
      'Waiting for statefulset spec update to be observed...\n' +
        'Waiting for 1 pods to be ready...\n'.repeat(2),
    );
    expect(res.exitCode).toBe(1);
    expect(s.now() - before).toBeGreaterThanOrEqual(5000);
    const pending = await s.run("kubectl get pod web-2 -o jsonpath='{.status.phase}'");
    expect(pending.stdout).toBe('Pending');
  });
});
