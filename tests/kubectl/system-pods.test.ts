// kubectl against the system pods: listing them across namespaces, the apps/v1 workload tables
// (daemonsets, deployments, replicasets), `get all -A`, and drain's DaemonSet filter.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import type { KubectlEnv } from '../../src/kubectl/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

function env(): KubectlEnv & { cluster: ReturnType<typeof createCluster> } {
  return { cluster: createCluster({ seed: 1 }), readFile: readBuiltin };
}

/** kube-system/<kindnet pod>, kube-system/<kube-proxy pod> on a node, in name order. */
function daemonPods(e: ReturnType<typeof env>, node: string): string {
  const pods = e.cluster.list('Pod', { namespace: 'kube-system' });
  return (pods.ok ? pods.object : [])
    .filter((p) => p.spec.nodeName === node && /^(kindnet|kube-proxy)-/.test(p.metadata.name))
    .map((p) => `kube-system/${p.metadata.name}`)
    .join(', ');
}

describe('system pods through kubectl', () => {
  it('lists them with get pods -A, and the default namespace stays empty', async () => {
    const e = env();
    const all = await runKubectl(['get', 'pods', '-A', '--no-headers'], e);
    const namespaces = all.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/ +/)[0]);
    expect(namespaces.filter((n) => n === 'kube-system')).toHaveLength(14);
    expect(namespaces.filter((n) => n === 'local-path-storage')).toHaveLength(1);
    expect((await runKubectl(['get', 'pods'], e)).stderr).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('prints printDaemonSet’s, printDeployment’s and printReplicaSet’s columns', async () => {
    const e = env();
    const ds = await runKubectl(['get', 'ds', '-n', 'kube-system'], e);
    expect(ds.stdout).toBe(
      'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
        'kindnet      4         4         4       4            4           kubernetes.io/os=linux   10d\n' +
        'kube-proxy   4         4         4       4            4           kubernetes.io/os=linux   10d\n',
    );
    const deploy = await runKubectl(['get', 'deployments.apps', '-A'], e);
    expect(deploy.stdout).toMatch(
      /^NAMESPACE +NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nkube-system +coredns +2\/2 +2 +2 +10d\nlocal-path-storage +local-path-provisioner +1\/1 +1 +1 +10d\n$/,
    );
    const rs = await runKubectl(['get', 'rs', '-n', 'kube-system', '-o', 'wide'], e);
    expect(rs.stdout).toMatch(
      /\ncoredns-[a-z0-9]+ +2 +2 +2 +10d +coredns +registry\.k8s\.io\/coredns\/coredns:v1\.12\.\d+ +k8s-app=kube-dns,pod-template-hash=[a-z0-9]+\n$/,
    );
  });

  it('shows the system workloads in get all -A, in discovery order', async () => {
    const e = env();
    const r = await runKubectl(['get', 'all', '-A', '-o', 'name'], e);
    const kinds = [
      ...new Set(
        r.stdout
          .trim()
          .split('\n')
          .map((l) => l.split('/')[0]),
      ),
    ];
    expect(kinds).toEqual([
      'pod',
      'service',
      'daemonset.apps',
      'deployment.apps',
      'replicaset.apps',
    ]);
  });

  it('refuses to drain DaemonSet pods without --ignore-daemonsets, and warns with it', async () => {
    const e = env();
    const names = daemonPods(e, 'kind-worker2');
    const msg = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${names}`;
    const refused = await runKubectl(['drain', 'kind-worker2'], e);
    expect(refused).toEqual({
      stdout: 'node/kind-worker2 cordoned\n',
      stderr: `error: unable to drain node "kind-worker2" due to error: ${msg}, continuing command...\nThere are pending nodes to be drained:\n kind-worker2\nerror: ${msg}\n`,
      exitCode: 1,
    });
    const ok = await runKubectl(['drain', 'kind-worker2', '--ignore-daemonsets'], e);
    expect(ok).toEqual({
      stdout: 'node/kind-worker2 already cordoned\nnode/kind-worker2 drained\n',
      stderr: `Warning: ignoring DaemonSet-managed Pods: ${names}\n`,
      exitCode: 0,
    });
  });

  it('skips the control plane’s mirror pods and evicts CoreDNS when it drains the control plane', async () => {
    const e = env();
    const r = await runKubectl(['drain', 'kind-control-plane', '--ignore-daemonsets'], e);
    expect(r.stdout).not.toContain('etcd-kind-control-plane');
    expect(r.stdout).not.toContain('kube-apiserver-kind-control-plane');
    expect(r.stdout).toMatch(/evicting pod kube-system\/coredns-/);
    expect(r.stdout).toMatch(/evicting pod local-path-storage\/local-path-provisioner-/);
    expect(r.stdout.endsWith('node/kind-control-plane drained\n')).toBe(true);
  });

  it('counts kindnet and kube-proxy in describe node', async () => {
    const e = env();
    const r = await runKubectl(['describe', 'node', 'kind-worker3'], e);
    expect(r.stdout).toContain('\nNon-terminated Pods:          (2 in total)\n');
    expect(r.stdout).toContain('\n  cpu                100m (1%)  100m (1%)\n');
    expect(r.stdout).toContain('\n  memory             50Mi (0%)  50Mi (0%)\n');
  });
});
