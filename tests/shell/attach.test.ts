// `kubectl attach` (kubectl release-1.35 pkg/cmd/attach/attach.go): argument and container
// errors, the two lines printed before attaching, attaching to the shell of a `kubectl run -it`
// pod again after it restarted, the reattach line only for restartPolicy Always, the TTY
// warning for a container without a terminal, and the help text.
import { describe, expect, it } from 'vitest';
import { ATTACHED, typedSession as session } from './session.ts';

const ENDED = (name: string): string =>
  `Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`;

describe('kubectl attach', () => {
  it('refuses missing and extra arguments, unknown pods and containers like kubectl', async () => {
    const s = session();
    expect((await s.run('kubectl attach')).stderr).toBe(
      'error: at least 1 argument is required for attach\n',
    );
    expect((await s.run('kubectl attach a b c')).stderr).toBe(
      'error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n',
    );
    const missing = await s.run('kubectl attach nope');
    expect(missing.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(missing.exitCode).toBe(1);
    await s.run('kubectl run -it --image busybox:1.28 x -- sh');
    await s.run('exit');
    expect((await s.run('kubectl attach x -c y')).stderr).toBe(
      'error: cannot attach to the container: container y not found in pod x\n',
    );
    expect((await s.run('kubectl attach pod x -c y')).stderr).toBe(
      'error: cannot attach to the container: container y not found in pod x\n',
    );
  });

  it('attaches again to the restarted shell of a kubectl run -it pod', async () => {
    const s = session();
    expect(
      await s.type(
        'kubectl run -it --image busybox:1.28 x -- sh',
        'exit',
        'sleep 2',
        'kubectl attach x -c x -i -t',
        'hostname',
        'exit 3',
      ),
    ).toBe(
      '$ kubectl run -it --image busybox:1.28 x -- sh\n' +
        ATTACHED +
        '/ # exit\n' +
        ENDED('x') +
        '$ sleep 2\n' +
        '$ kubectl attach x -c x -i -t\n' +
        ATTACHED +
        '/ # hostname\n' +
        'x\n' +
        '/ # exit 3\n' +
        ENDED('x'),
    );
    const pod = await s.run(
      "kubectl get pod x -o jsonpath='{.spec.containers[0].stdin} {.spec.containers[0].stdinOnce} {.spec.containers[0].tty} {.status.containerStatuses[0].state.terminated.exitCode}'",
    );
    expect(pod.stdout).toBe('true true true 3');
    await s.run('sleep 2');
    expect((await s.run('kubectl get pod x')).stdout).toMatch(/ CrashLoopBackOff {3}1 \(/);
    // -q: only the remote session.
    await s.run('sleep 20');
    expect(await s.type('kubectl attach x -itq', 'exit')).toBe(
      '$ kubectl attach x -itq\n/ # exit\n',
    );
  });

  it('prints no reattach line for a pod that does not restart, and refuses it once completed', async () => {
    const s = session();
    await s.run('kubectl run -it --image busybox:1.28 t --restart=OnFailure -- sh');
    await s.run('exit 1');
    await s.run('sleep 2');
    expect(await s.type('kubectl attach t -it', 'exit')).toBe(
      '$ kubectl attach t -it\n' + ATTACHED + '/ # exit\n',
    );
    const done = await s.run('kubectl attach t');
    expect(done.stderr).toBe(
      'error: cannot attach a container in a completed pod; current phase is Succeeded\n',
    );
  });

  it('warns that a container without a terminal cannot use a TTY and streams its output', async () => {
    const s = session();
    await s.run('kubectl apply -f web.yaml');
    await s.run('kubectl rollout status sts/web');
    const res = await s.run('kubectl attach web-0 -it');
    expect(res.stderr).toBe(
      'error: Unable to use a TTY - container nginx did not allocate one\n' + ATTACHED,
    );
    expect(res.stdout).toBe('');
    expect(res.exitCode).toBe(0);
    const quiet = await s.run('kubectl attach sts/web -q');
    expect(quiet.stderr + quiet.stdout).toBe('');
  });

  it('has kubectl 1.35 help text', async () => {
    const s = session();
    const help = await s.run('kubectl attach --help');
    expect(help.stdout).toBe(
      [
        'Attach to a process that is already running inside an existing container.',
        '',
        'Examples:',
        "  # Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation",
        '  # for selecting the container to be attached or the first container in the pod will be chosen',
        '  kubectl attach mypod',
        '  ',
        '  # Get output from ruby-container from pod mypod',
        '  kubectl attach mypod -c ruby-container',
        '  ',
        "  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod",
        "  # and sends stdout/stderr from 'bash' back to the client",
        '  kubectl attach mypod -c ruby-container -i -t',
        '  ',
        '  # Get output from the first pod of a replica set named nginx',
        '  kubectl attach rs/nginx',
        '',
        'Options:',
        "    -c, --container='':",
        '\tContainer name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
        '',
        '    --pod-running-timeout=1m0s:',
        '\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
        '',
        '    -q, --quiet=false:',
        '\tOnly print output from the remote session',
        '',
        '    -i, --stdin=false:',
        '\tPass stdin to the container',
        '',
        '    -t, --tty=false:',
        '\tStdin is a TTY',
        '',
        'Usage:',
        '  kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]',
        '',
        'Use "kubectl options" for a list of global command-line options (applies to all commands).',
        '',
      ].join('\n'),
    );
  });
});
