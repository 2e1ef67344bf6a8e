// `kubectl run -it` sessions end with the container: `exit` makes the attached main process exit,
// a restartPolicy Never pod completes (Succeeded / Failed), run.go waits for that, the deferred
// `--rm` delete runs, and a failure is reported with the container's exit code. Also: a stalled
// `rollout status` is watched 5 virtual seconds after the simulation goes idle, like `get -w`.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { createShell } from '../../src/shell/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

function session(): {
  type: (...lines: string[]) => Promise<string>;
  run: (line: string) => Promise<{ stdout: string; stderr: string; exitCode: number }>;
  now: () => number;
} {
  const cluster = createCluster({ seed: 1 });
  const shell = createShell({ cluster, readFile: readBuiltin });
  return {
    async type(...lines) {
      let screen = '';
      for (const line of lines) {
        screen += `${shell.prompt()}${line}\n`;
        await shell.run(line, { write: (_s, text) => (screen += text) });
      }
      return screen;
    },
    run: (line) => shell.run(line),
    now: () => cluster.now(),
  };
}

const ATTACHED =
  'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
  "If you don't see a command prompt, try pressing enter.\n";

/** attach.go's reattachMessage, after every interactive terminal session (1.35). */
const ENDED = (name: string): string =>
  `Session ended, resume using 'kubectl attach ${name} -c ${name} -n default -i -t' command\n`;

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
        ENDED('dns-test') +
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
        ENDED('dns-test') +
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
    expect(res.stdout).toBe(ENDED('t') + 'pod "t" deleted from default namespace\n');
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
