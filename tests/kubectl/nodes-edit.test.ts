// cordon/uncordon/drain, the edit hook, -f DIRECTORY, --output-watch-events, go-template and the
// describe layouts of pv, pvc, service and node: what a learner sees (transcript level).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCluster } from '../../src/sim/index.ts';
import type { KubeObject, Pod } from '../../src/sim/index.ts';
import { EDIT_HEADER, runKubectl } from '../../src/kubectl/index.ts';
import type { KubectlEnv } from '../../src/kubectl/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

async function ready(extra: Partial<KubectlEnv> = {}) {
  const cluster = createCluster({ seed: 1 });
  const env: KubectlEnv = { cluster, readFile: readBuiltin, ...extra };
  const k = (line: string) => runKubectl(line.split(' '), env);
  await k('apply -f web.yaml');
  await k('rollout status sts/web');
  return { cluster, k, env };
}

/** The kube-system DaemonSet pods (kindnet, kube-proxy) on a node, as drain names them. */
function daemonPods(cluster: ReturnType<typeof createCluster>, node: string): string {
  const pods = cluster.list('Pod', { namespace: 'kube-system' });
  return (pods.ok ? pods.object : [])
    .filter((p) => p.spec.nodeName === node && /^(kindnet|kube-proxy)-/.test(p.metadata.name))
    .map((p) => `kube-system/${p.metadata.name}`)
    .join(', ');
}

function nodeOf(cluster: ReturnType<typeof createCluster>, pod: string): string | undefined {
  const p = cluster.get('Pod', 'default', pod);
  return p.ok ? p.object.spec.nodeName : undefined;
}

describe('kubectl cordon / uncordon / drain', () => {
  it('cordons once, says "already" the second time, and uncordons', async () => {
    const { cluster, k } = await ready();
    expect(await k('cordon kind-worker')).toEqual({
      stdout: 'node/kind-worker cordoned\n',
      stderr: '',
      exitCode: 0,
    });
    const n = cluster.get('Node', undefined, 'kind-worker');
    expect(n.ok && n.object.spec.unschedulable).toBe(true);
    expect((await k('cordon kind-worker')).stdout).toBe('node/kind-worker already cordoned\n');
    expect((await k('uncordon kind-worker')).stdout).toBe('node/kind-worker uncordoned\n');
    const m = cluster.get('Node', undefined, 'kind-worker');
    expect(m.ok && m.object.spec.unschedulable).not.toBe(true);
    expect((await k('uncordon kind-worker')).stdout).toBe('node/kind-worker already uncordoned\n');
    expect((await k('cordon kind-worker --dry-run=client')).stdout).toBe(
      'node/kind-worker cordoned (dry run)\n',
    );
    const d = cluster.get('Node', undefined, 'kind-worker');
    expect(d.ok && d.object.spec.unschedulable).not.toBe(true);
  });

  it('drains: evicts the node’s pods, which the StatefulSet controller re-creates', async () => {
    const { cluster, k } = await ready();
    const node = nodeOf(cluster, 'web-0') ?? '';
    const before = cluster.get('Pod', 'default', 'web-0');
    const uid = before.ok ? before.object.metadata.uid : '';
    const r = await k(`drain ${node} --ignore-daemonsets --delete-emptydir-data --force`);
    expect(r).toEqual({
      stdout: `node/${node} cordoned\nevicting pod default/web-0\npod/web-0 evicted\nnode/${node} drained\n`,
      stderr: `Warning: ignoring DaemonSet-managed Pods: ${daemonPods(cluster, node)}\n`,
      exitCode: 0,
    });
    cluster.advance(2000);
    cluster.runUntilIdle(60_000);
    const after = cluster.get('Pod', 'default', 'web-0');
    expect(after.ok).toBe(true);
    expect(after.ok && after.object.metadata.uid).not.toBe(uid);
  });

  it('refuses pods without a controller unless --force, as pkg/drain does', async () => {
    const { cluster, k } = await ready();
    const node = nodeOf(cluster, 'web-1') ?? '';
    const lone: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'lone', namespace: 'default' },
      spec: { nodeName: node, containers: [{ name: 'c', image: 'busybox:1.28' }] },
    };
    expect(cluster.create(lone).ok).toBe(true);
    const r = await k(`drain ${node} --ignore-daemonsets`);
    const msg =
      'cannot delete Pods that declare no controller (use --force to override): default/lone';
    expect(r.stdout).toBe(`node/${node} cordoned\n`);
    expect(r.stderr).toBe(
      `error: unable to drain node "${node}" due to error: ${msg}, continuing command...\nThere are pending nodes to be drained:\n ${node}\nerror: ${msg}\n`,
    );
    expect(r.exitCode).toBe(1);
    const forced = await k(`drain ${node} --force --ignore-daemonsets`);
    expect(forced.stderr).toBe(
      `Warning: deleting Pods that declare no controller: default/lone; ignoring DaemonSet-managed Pods: ${daemonPods(cluster, node)}\n`,
    );
    expect(forced.stdout).toContain('evicting pod default/lone\n');
    expect(forced.stdout).toContain('pod/lone evicted\n');
    expect(forced.stdout.endsWith(`node/${node} drained\n`)).toBe(true);
  });

  it('applies pkg/drain’s filters: DaemonSet pods, emptyDir, mirror pods', async () => {
    const { cluster, k } = await ready();
    const node = nodeOf(cluster, 'web-1') ?? '';
    const ds: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'agent',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'u1', controller: true },
        ],
      },
      spec: { nodeName: node, containers: [{ name: 'c', image: 'busybox:1.28' }] },
    };
    const scratch: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'scratch', namespace: 'default' },
      spec: {
        nodeName: node,
        containers: [{ name: 'c', image: 'busybox:1.28' }],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    };
    expect(cluster.create(ds).ok).toBe(true);
    expect(cluster.create(scratch).ok).toBe(true);
    const refused = await k(`drain ${node} --force`);
    expect(refused.stderr).toContain(
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent',
    );
    expect(refused.stderr).toContain(
      'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch',
    );
    expect(refused.exitCode).toBe(1);
    const r = await k(`drain ${node} --force --ignore-daemonsets --delete-emptydir-data`);
    // Only the last filter's status survives: scratch has no controller, so its warning is the
    // --force one (the local-storage warning is dropped, as upstream does).
    expect(r.stderr).toBe(
      `Warning: ignoring DaemonSet-managed Pods: default/agent, ${daemonPods(cluster, node)}; deleting Pods that declare no controller: default/scratch\n`,
    );
    expect(r.stdout).toContain('evicting pod default/scratch\n');
    expect(r.stdout).not.toContain('default/agent');
    expect(r.exitCode).toBe(0);
  });

  it('reports unknown nodes and missing arguments with kubectl’s texts', async () => {
    const { k } = await ready();
    expect((await k('drain nope')).stderr).toBe(
      'Error from server (NotFound): nodes "nope" not found\n',
    );
    expect((await k('uncordon')).stderr).toBe(
      "error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n",
    );
    expect((await k('drain --bogus')).stderr).toContain('unknown flag: --bogus');
  });
});

describe('kubectl edit', () => {
  it('without an editor fails as kubectl does when vi cannot be launched', async () => {
    const { k } = await ready();
    expect(await k('edit sts web')).toEqual({
      stdout: '',
      stderr: 'error: unable to launch the editor "vi"\n',
      exitCode: 1,
    });
  });

  it('hands the object’s YAML under kubectl’s header to the hook and replaces on save', async () => {
    const seen: { object: KubeObject; text: string }[] = [];
    const { cluster, k } = await ready({
      edit: (object, text) => {
        seen.push({ object, text });
        return Promise.resolve(text.replace('replicas: 2', 'replicas: 3'));
      },
    });
    expect(await k('edit statefulset/web')).toEqual({
      stdout: 'statefulset.apps/web edited\n',
      stderr: '',
      exitCode: 0,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.object.metadata.name).toBe('web');
    expect(seen[0]?.text.startsWith(EDIT_HEADER)).toBe(true);
    expect(seen[0]?.text).toContain('\nkind: StatefulSet\n');
    const sts = cluster.get('StatefulSet', 'default', 'web');
    expect(sts.ok && sts.object.spec.replicas).toBe(3);
  });

  it('cancels on close, on unchanged content and on an empty file', async () => {
    const answers: (string | undefined)[] = [undefined, 'SAME', '# only a comment\n'];
    const { k } = await ready({
      edit: (_o, text) => {
        const a = answers.shift();
        return Promise.resolve(a === 'SAME' ? text : a);
      },
    });
    expect(await k('edit sts web')).toEqual({
      stdout: '',
      stderr: 'Edit cancelled, no changes made.\n',
      exitCode: 0,
    });
    expect((await k('edit sts web')).stderr).toBe('Edit cancelled, no changes made.\n');
    expect((await k('edit sts web')).stderr).toBe('Edit cancelled, saved file was empty.\n');
  });

  it('reopens the editor with the error after an invalid save, then gives up on cancel', async () => {
    const texts: string[] = [];
    const { k } = await ready({
      edit: (_o, text) => {
        texts.push(text);
        if (texts.length === 1) return Promise.resolve(text.replace('replicas: 2', 'replicas: -1'));
        return Promise.resolve(undefined);
      },
    });
    const r = await k('edit sts web');
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('# The StatefulSet "web" is invalid');
    expect(texts[1]).toContain('replicas: -1');
    expect(r).toEqual({
      stdout: '',
      stderr: 'error: Edit cancelled, no valid changes were saved.\n',
      exitCode: 1,
    });
  });

  it('refuses a changed name', async () => {
    const { k } = await ready({
      edit: (_o, text) => Promise.resolve(text.replace(/\n {2}name: web\n/, '\n  name: other\n')),
    });
    expect((await k('edit sts web')).stderr).toBe(
      'error: At least one of apiVersion, kind and name was changed\n',
    );
  });
});

describe('kubectl apply -f DIRECTORY', () => {
  it('applies the .yaml/.yml/.json files of a directory in name order', async () => {
    const cluster = createCluster({ seed: 2 });
    const files: Record<string, string> = {
      'm/b.yml':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ports:\n  - port: 80\n',
      'm/a.json': JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'a' },
        spec: { ports: [{ port: 81 }] },
      }),
      'm/notes.txt': 'not a manifest',
    };
    const env: KubectlEnv = {
      cluster,
      readFile: (p) => files[p],
      listDirectory: (p) =>
        p === 'm' || p === 'm/' ? ['notes.txt', 'b.yml', 'a.json'] : undefined,
    };
    const r = await runKubectl(['apply', '-f', 'm'], env);
    expect(r).toEqual({
      stdout: 'service/a created\nservice/b created\n',
      stderr: '',
      exitCode: 0,
    });
    expect((await runKubectl(['apply', '-f', 'nope/'], env)).stderr).toBe(
      'error: the path "nope/" does not exist\n',
    );
  });
});

describe('kubectl get: templates and watch events', () => {
  it('prints go-templates with -o go-template=, -o template= and --template', async () => {
    const { k, env } = await ready();
    const items = ['get', 'pods', '-o', 'go-template={{range .items}}{{.metadata.name}},{{end}}'];
    expect((await runKubectl(items, env)).stdout).toBe('web-0,web-1,');
    expect((await k('get sts web -o template={{.metadata.name}}')).stdout).toBe('web');
    expect(
      (
        await runKubectl(
          [
            'get',
            'pod',
            'web-0',
            '--template',
            '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}',
          ],
          { cluster: (await ready()).cluster },
        )
      ).stdout,
    ).toBe('registry.k8s.io/nginx-slim:0.21');
    expect((await k('get sts web -o go-template')).stderr).toBe(
      'error: template format specified but no template given\n',
    );
    const bad = await k('get sts web -o go-template={{nope}}');
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('function "nope" not defined');
  });

  it('adds the EVENT column with --output-watch-events', async () => {
    const { k } = await ready();
    const r = await runKubectl(['get', 'sts', '-w', '--output-watch-events'], {
      cluster: (await ready()).cluster,
    });
    void k;
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^EVENT\s+NAME\s+READY\s+AGE$/);
    expect(lines[1]).toMatch(/^ADDED\s+web\s+2\/2\s+/);
    const json = await runKubectl(['get', 'sts', '-w', '--output-watch-events', '-o', 'json'], {
      cluster: (await ready()).cluster,
    });
    const first = JSON.parse(json.stdout.split('\n}\n')[0] + '\n}') as { type: string };
    expect(first.type).toBe('ADDED');
  });
});

describe('kubectl describe pv / pvc / service / node', () => {
  it('uses describe.go’s layouts', async () => {
    const { cluster, k } = await ready();
    const pvc = await k('describe pvc www-web-0');
    expect(pvc.stdout).toMatch(
      /^Name: {10}www-web-0\nNamespace: {5}default\nStorageClass: {2}standard\n/,
    );
    expect(pvc.stdout).toContain('\nFinalizers:    [kubernetes.io/pvc-protection]\n');
    expect(pvc.stdout).toContain('\nAccess Modes:  RWO\n');
    expect(pvc.stdout).toContain('\nUsed By:       web-0\n');
    const claim = cluster.get('PersistentVolumeClaim', 'default', 'www-web-0');
    const volume = claim.ok ? (claim.object.spec.volumeName ?? '') : '';
    const pv = await k(`describe pv ${volume}`);
    expect(pv.stdout).toContain('\nClaim:             default/www-web-0\n');
    expect(pv.stdout).toContain(
      '\nNode Affinity:     \n  Required Terms:  \n    Term 0:        kubernetes.io/hostname in [',
    );
    expect(pv.stdout).toContain(
      '\nSource:\n    Type:          HostPath (bare host directory volume)\n',
    );
    const svc = await k('describe service nginx');
    expect(svc.stdout).toContain('\nPort:                     web  80/TCP\n');
    expect(svc.stdout).toMatch(/\nEndpoints: {16}10\.[0-9.]+:80,10\.[0-9.]+:80\n/);
    const node = nodeOf(cluster, 'web-0') ?? '';
    await k(`cordon ${node}`);
    const n = await k(`describe node ${node}`);
    expect(n.stdout).toContain('\nUnschedulable:      true\n');
    // web-0 and the node's kindnet and kube-proxy pods (kindnet requests = limits 100m / 50Mi).
    expect(n.stdout).toContain('\nNon-terminated Pods:          (3 in total)\n');
    expect(n.stdout).toMatch(/\n {2}default {21}web-0 {15}0 \(0%\) {8}0 \(0%\)/);
    expect(n.stdout).toMatch(
      /\n {2}kube-system {17}kindnet-[a-z0-9]{5} {7}100m \(1%\) {5}100m \(1%\) {3}50Mi \(0%\) {8}50Mi \(0%\) {6}10d\n/,
    );
    expect(n.stdout).toContain('\n  cpu                100m (1%)  100m (1%)\n');
    expect(n.stdout).toContain(
      '\nAllocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n',
    );
    const parsed = parse((await k(`get node ${node} -o yaml`)).stdout) as {
      spec: { unschedulable?: boolean };
    };
    expect(parsed.spec.unschedulable).toBe(true);
  });
});
