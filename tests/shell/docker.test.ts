import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { createShell } from '../../src/shell/index.ts';
import { WEB_YAML } from '../../src/cli/builtin-files.ts';

function setup() {
  const cluster = createCluster({ seed: 1 });
  return { cluster, shell: createShell({ cluster }) };
}

const readyOf = (cluster: ReturnType<typeof createCluster>, node: string): string | undefined => {
  const got = cluster.get('Node', '', node);
  return got.ok
    ? got.object.status?.conditions?.find((c) => c.type === 'Ready')?.status
    : undefined;
};

describe('docker on a kind node (the node is a container)', () => {
  it('stop makes the node NotReady after the grace period; start brings it back', async () => {
    const { cluster, shell } = setup();
    expect(await shell.run('docker stop kind-worker2')).toEqual({
      stdout: 'kind-worker2\n',
      stderr: '',
      exitCode: 0,
    });
    cluster.advance(60_000);
    expect(readyOf(cluster, 'kind-worker2')).toBe('Unknown');
    expect(readyOf(cluster, 'kind-worker')).toBe('True');
    expect((await shell.run('docker start kind-worker2')).stdout).toBe('kind-worker2\n');
    cluster.advance(30_000);
    expect(readyOf(cluster, 'kind-worker2')).toBe('True');
  });

  it('a pod on the stopped node keeps READY 1/1: only its Ready condition turns False', async () => {
    const { cluster } = setup();
    const shell = createShell({
      cluster,
      readFile: (name) => (name === 'web.yaml' ? WEB_YAML : undefined),
    });
    await shell.run('kubectl apply -f web.yaml');
    cluster.runUntilIdle(120_000);
    const pod = cluster.get('Pod', 'default', 'web-0');
    const node = pod.ok ? (pod.object.spec.nodeName ?? '') : '';
    await shell.run(`docker stop ${node}`);
    cluster.advance(60_000);
    const after = cluster.get('Pod', 'default', 'web-0');
    expect(
      after.ok && after.object.status?.conditions?.find((c) => c.type === 'Ready')?.status,
    ).toBe('False');
    // MarkPodsNotReady leaves the container statuses alone, so kubectl still counts 1/1.
    expect((await shell.run('kubectl get pod web-0')).stdout).toMatch(/^web-0\s+1\/1\s+Running/m);
  });

  it('answers like the docker daemon for a container that does not exist', async () => {
    const { shell } = setup();
    expect(await shell.run('docker stop nope')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: No such container: nope\n',
      exitCode: 1,
    });
    const start = await shell.run('docker start nope kind-worker3');
    expect(start.stdout).toBe('kind-worker3\n');
    expect(start.stderr).toBe(
      'Error response from daemon: No such container: nope\nError: failed to start containers: nope\n',
    );
    expect(start.exitCode).toBe(1);
  });

  it('says what it cannot do instead of pretending', async () => {
    const { shell } = setup();
    const missing = await shell.run('docker stop');
    expect(missing.stderr).toMatch(
      /^"docker stop" requires at least 1 argument\.\nSee 'docker stop --help'\./,
    );
    expect((await shell.run('docker ps')).stderr).toMatch(/^docker: 'ps' is not available/);
    expect((await shell.run('docker stop kind-control-plane')).stderr).toMatch(
      /would stop the API server itself/,
    );
  });
});
