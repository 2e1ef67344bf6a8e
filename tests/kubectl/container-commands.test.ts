// Containers run their commands (src/sim/kubelet/container-command.ts): what a learner sees in
// `kubectl get pods` (STATUS, RESTARTS), `kubectl logs`, `kubectl run -i`, as a kind cluster with
// containerd shows it. Expected texts: kubelet kuberuntime (back-off, StartError), containerd CRI
// container_start.go and runc's exec error, kubectl release-1.35 pkg/cmd/run/run.go
// (handleAttachPod, waitForExitCode) and pkg/cmd/attach/attach.go.
import { describe, expect, it } from 'vitest';
import { ATTACHED, typedSession as session } from '../shell/session.ts';

/** The row of one pod in `kubectl get pods`, split into cells. */
async function row(s: ReturnType<typeof session>, name: string): Promise<string[]> {
  const out = (await s.run(`kubectl get pod ${name} --no-headers`)).stdout;
  return out.trim().split(/\s{2,}/);
}

const NOT_FOUND =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown';

describe('a container whose command ends', () => {
  it('restartPolicy Always: Completed, restarted, then CrashLoopBackOff with a growing back-off', async () => {
    const s = session();
    expect((await s.run('kubectl run hi --image=busybox:1.28 -- echo hi')).stdout).toBe(
      'pod/hi created\n',
    );
    await s.run(
      "kubectl wait --for=jsonpath='{.status.containerStatuses[0].state.terminated.reason}'=Completed pod/hi",
    );
    expect(await row(s, 'hi')).toEqual(['hi', '0/1', 'Completed', '0', expect.any(String)]);
    expect((await s.run('kubectl logs hi')).stdout).toBe('hi\n');
    await s.run('sleep 30');
    const [, ready, status, restarts] = await row(s, 'hi');
    expect([ready, status]).toEqual(['0/1', 'CrashLoopBackOff']);
    expect(restarts).toMatch(/^2 \(\d+s ago\)$/);
    // The log of a container waiting to restart is its last run's; --previous too.
    expect((await s.run('kubectl logs hi')).stdout).toBe('hi\n');
    expect((await s.run('kubectl logs hi --previous')).stdout).toBe('hi\n');
    const waiting = async (): Promise<string> =>
      (
        await s.run(
          "kubectl get pod hi -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'",
        )
      ).stdout;
    expect(await waiting()).toMatch(
      /^back-off 20s restarting failed container=hi pod=hi_default\(/,
    );
    await s.run('sleep 120');
    expect(await waiting()).toMatch(/^back-off 1m20s /);
    const last = (
      await s.run(
        "kubectl get pod hi -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}'",
      )
    ).stdout;
    expect(last).toBe('Completed 0');
  });

  it('restartPolicy Never: the pod completes (Succeeded, or Failed with the exit code)', async () => {
    const s = session();
    await s.run('kubectl run ok --image=busybox:1.28 --restart=Never -- echo done');
    await s.run(
      'kubectl run bad --image=busybox:1.28 --restart=Never -- sh -c "echo oops; exit 3"',
    );
    await s.run('sleep 30');
    expect(await row(s, 'ok')).toEqual(['ok', '0/1', 'Completed', '0', expect.any(String)]);
    expect(await row(s, 'bad')).toEqual(['bad', '0/1', 'Error', '0', expect.any(String)]);
    expect(
      (
        await s.run(
          "kubectl get pod bad -o jsonpath='{.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}'",
        )
      ).stdout,
    ).toBe('Failed 3');
    expect((await s.run('kubectl logs bad')).stdout).toBe('oops\n');
  });

  it('restartPolicy OnFailure: success completes the pod, a failure restarts the container', async () => {
    const s = session();
    await s.run('kubectl run ok --image=busybox:1.28 --restart=OnFailure -- true');
    await s.run('kubectl run ko --image=busybox:1.28 --restart=OnFailure -- false');
    await s.run('sleep 40');
    expect((await row(s, 'ok')).slice(0, 4)).toEqual(['ok', '0/1', 'Completed', '0']);
    const ko = await row(s, 'ko');
    expect(ko[2]).toBe('CrashLoopBackOff');
    expect(ko[3]).toMatch(/^[1-9]\d* \(/);
  });

  it('sleep N runs N seconds: Running and Ready meanwhile, its output so far in the log', async () => {
    const s = session();
    await s.run(
      'kubectl run nap --image=busybox:1.28 --restart=Never -- sh -c "echo going; sleep 20; echo back"',
    );
    await s.run('kubectl wait --for=condition=Ready pod/nap');
    expect((await row(s, 'nap')).slice(0, 3)).toEqual(['nap', '1/1', 'Running']);
    expect((await s.run('kubectl logs nap')).stdout).toBe('going\n');
    await s.run('sleep 25');
    expect((await row(s, 'nap')).slice(0, 3)).toEqual(['nap', '0/1', 'Completed']);
    expect((await s.run('kubectl logs nap')).stdout).toBe('going\nback\n');
  });

  it('sleep 3600 keeps running, so kubectl exec works', async () => {
    const s = session();
    await s.run('kubectl run sleeper --image=busybox:1.28 -- sleep 3600');
    await s.run('kubectl wait --for=condition=Ready pod/sleeper');
    await s.run('sleep 600');
    expect((await row(s, 'sleeper')).slice(0, 4)).toEqual(['sleeper', '1/1', 'Running', '0']);
    expect((await s.run('kubectl exec sleeper -- hostname')).stdout).toBe('sleeper\n');
  });

  it('cat of a missing file fails with busybox wording', async () => {
    const s = session();
    await s.run('kubectl run c --image=busybox:1.28 --restart=Never -- cat /config/app.conf');
    await s.run('sleep 30');
    expect((await row(s, 'c')).slice(0, 3)).toEqual(['c', '0/1', 'Error']);
    expect((await s.run('kubectl logs c')).stdout).toBe(
      "cat: can't open '/config/app.conf': No such file or directory\n",
    );
  });
});

describe('an executable that is not in the image', () => {
  it('StartError (exit code 128, containerd message), then CrashLoopBackOff', async () => {
    const s = session();
    await s.run('kubectl run nf --image=busybox:1.28 -- foo');
    await s.run(
      "kubectl wait --for=jsonpath='{.status.containerStatuses[0].state.terminated.reason}'=StartError pod/nf",
    );
    expect((await row(s, 'nf')).slice(0, 4)).toEqual(['nf', '0/1', 'StartError', '0']);
    expect(
      (
        await s.run(
          "kubectl get pod nf -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.terminated.message}'",
        )
      ).stdout,
    ).toBe(`128 ${NOT_FOUND}`);
    const events = (await s.run('kubectl get events --field-selector involvedObject.name=nf'))
      .stdout;
    expect(events).toContain(`Error: ${NOT_FOUND}`);
    expect(events).not.toContain('Started container');
    expect((await s.run('kubectl logs nf')).stdout).toBe('');
    await s.run('sleep 40');
    expect((await row(s, 'nf'))[2]).toBe('CrashLoopBackOff');
  });

  it('kubectl run -i --restart=Never reports the StartError and exits with 128', async () => {
    const s = session();
    const r = await s.run('kubectl run -i --rm --restart=Never t --image=busybox:1.28 -- foo');
    expect(r.stdout).toBe('pod "t" deleted from default namespace\n');
    expect(r.stderr).toBe(`pod default/t terminated (StartError)\n${NOT_FOUND}\n`);
    expect(r.exitCode).toBe(128);
  });
});

describe('kubectl run -i with a command', () => {
  it('prints the log of a pod that completed before kubectl could attach, then --rm deletes it', async () => {
    const s = session();
    const screen = await s.type(
      'kubectl run -i --rm --restart=Never t --image=busybox:1.28 -- echo hi',
    );
    expect(screen).toBe(
      '$ kubectl run -i --rm --restart=Never t --image=busybox:1.28 -- echo hi\nhi\npod "t" deleted from default namespace\n',
    );
    expect((await s.run('kubectl get pod t')).stderr).toBe(
      'Error from server (NotFound): pods "t" not found\n',
    );
  });

  it('attaches to a running command and streams what it writes from then on', async () => {
    const s = session();
    const r = await s.run(
      'kubectl run -i --rm --restart=Never t --image=busybox:1.28 -- sh -c "sleep 3; echo late; exit 2"',
    );
    expect(r.stderr).toBe(`${ATTACHED}pod default/t terminated (Error)\n`);
    expect(r.stdout).toBe('late\npod "t" deleted from default namespace\n');
    expect(r.exitCode).toBe(2);
  });

  it('keeps the interactive shell and nslookup paths as they were', async () => {
    const s = session();
    const r = await s.run(
      'kubectl run -i --rm --restart=Never t --image=busybox:1.28 -- nslookup kubernetes.default',
    );
    expect(r.stderr.startsWith(ATTACHED)).toBe(true);
    expect(r.stdout).toContain('Name:      kubernetes.default');
  });
});

describe('following a running command', () => {
  it('kubectl logs -f and kubectl attach stream what it writes as time passes', async () => {
    const s = session();
    await s.run(
      'kubectl run nap --image=busybox:1.28 --restart=Never -- sh -c "echo a; sleep 20; echo b; sleep 5; echo c"',
    );
    await s.run('kubectl wait --for=condition=Ready pod/nap');
    await s.run('sleep 10');
    const attach = await s.run('kubectl attach nap');
    // attach.go prints its two lines; output written before the attach is not replayed.
    expect(attach.stderr).toBe(ATTACHED);
    expect(attach.stdout).toBe('b\nc\n');
    expect((await s.run('kubectl logs nap')).stdout).toBe('a\nb\nc\n');
    const t = session();
    await t.run(
      'kubectl run nap --image=busybox:1.28 --restart=Never -- sh -c "echo a; sleep 20; echo b"',
    );
    await t.run('kubectl wait --for=condition=Ready pod/nap');
    const before = t.now();
    expect((await t.run('kubectl logs -f nap')).stdout).toBe('a\nb\n');
    expect(t.now() - before).toBeGreaterThanOrEqual(19_000);
  });
});
