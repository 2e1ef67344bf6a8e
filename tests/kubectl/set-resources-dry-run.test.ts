// `kubectl set resources` (kubectl release-1.35 pkg/cmd/set/set_resources.go, helper.go
// selectContainers, generate/versioned HandleResourceRequirementsV1, apimachinery ParseQuantity)
// and the bare `--dry-run` flag (pkg/cmd/util/helpers.go AddDryRunFlag's NoOptDefVal "unchanged",
// GetDryRunStrategy's klog warnings at helpers.go:719/733/736).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import type { StatefulSet } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';
import { canonicalQuantity } from '../../src/kubectl/commands/set-resources.ts';

async function ready() {
  const cluster = createCluster({ seed: 1 });
  const env = { cluster, readFile: readBuiltin };
  const k = (line: string) => runKubectl(line.split(' '), env);
  await k('apply -f db-cluster.yaml');
  await k('rollout status sts/db-cluster');
  return { cluster, k };
}

function sts(cluster: ReturnType<typeof createCluster>): StatefulSet {
  const got = cluster.get('StatefulSet', 'default', 'db-cluster');
  if (!got.ok) throw new Error('no db-cluster');
  return got.object;
}

/** A klog warning line: `Wmmdd hh:mm:ss.uuuuuu   48213 helpers.go:N] MESSAGE`. */
const klog = (line: number, message: string): RegExp =>
  new RegExp(
    `^W\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} {3}48213 helpers\\.go:${line}\\] ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`,
  );

describe('kubectl set resources', () => {
  it('changes the template: a new revision and a rolling update', async () => {
    const { cluster, k } = await ready();
    const r = await k(
      'set resources sts/db-cluster --limits=cpu=200m,memory=512Mi --requests=cpu=0.1,memory=256Mi',
    );
    expect(r).toEqual({
      stdout: 'statefulset.apps/db-cluster resource requirements updated\n',
      stderr: '',
      exitCode: 0,
    });
    expect(sts(cluster).spec.template.spec.containers[0]?.resources).toEqual({
      limits: { cpu: '200m', memory: '512Mi' },
      requests: { cpu: '100m', memory: '256Mi' },
    });
    const status = await k('rollout status sts/db-cluster');
    expect(
      status.stdout.endsWith('partitioned roll out complete: 3 new pods have been updated...\n'),
    ).toBe(true);
    expect((await k('rollout history sts/db-cluster')).stdout).toBe(
      'statefulset.apps/db-cluster \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    const pod = cluster.get('Pod', 'default', 'db-cluster-0');
    expect(pod.ok && pod.object.spec.containers[0]?.resources?.limits?.['cpu']).toBe('200m');
    // The same values again: an empty patch, nothing sent or printed.
    expect(await k('set resources sts/db-cluster --limits=cpu=200m')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
  });

  it("prints kubectl's errors", async () => {
    const { k } = await ready();
    expect((await k('set resources sts/db-cluster')).stderr).toBe(
      'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n',
    );
    expect((await k('set resources sts/db-cluster --limits=cpu=two')).stderr).toBe(
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    );
    expect((await k('set resources sts/db-cluster --limits=cpu')).stderr).toBe(
      'error: Invalid argument syntax cpu, expected <resource>=<value>\n',
    );
    expect((await k('set resources sts/db-cluster --limits=cpu=1Q')).stderr).toBe(
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n",
    );
    expect((await k('set resources sts/db-cluster --limits=cpu=1mm')).stderr).toBe(
      "error: unable to parse quantity's suffix\n",
    );
    expect((await k('set resources sts/db-cluster -c web --limits=cpu=1')).stderr).toBe(
      'error: unable to find container named web\n',
    );
    expect((await k('set resources sts/db-cluster --all -l app=x --limits=cpu=1')).stderr).toBe(
      'error: name cannot be provided when a selector is specified\n',
    );
    expect((await k('set resources sts --all -l app=x --limits=cpu=1')).stderr).toBe(
      'error: cannot set --all and --selector at the same time\n',
    );
    expect((await k('set resources svc/db-service --limits=cpu=1')).stderr).toBe(
      'error: services/db-service the object is not a pod or does not have a pod template: *v1.Service\n',
    );
  });

  it('refuses a pod: its spec is immutable apart from a few fields', async () => {
    const { k } = await ready();
    const r = await k('set resources pod/db-cluster-0 --limits=cpu=1');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /^error: failed to patch resources update to pod template Pod "db-cluster-0" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
  });

  it('selects containers by wildcard, init containers too; dry runs and -o', async () => {
    const { cluster, k } = await ready();
    expect((await k('set resources sts/db-cluster -c data* --limits=cpu=1')).stdout).toBe(
      'statefulset.apps/db-cluster resource requirements updated\n',
    );
    expect(sts(cluster).spec.template.spec.containers[0]?.resources?.limits).toEqual({ cpu: '1' });
    expect((await k('set resources sts/db-cluster --limits=cpu=2 --dry-run=client')).stdout).toBe(
      'statefulset.apps/db-cluster resource requirements updated (dry run)\n',
    );
    expect((await k('set resources sts/db-cluster --limits=cpu=2 --dry-run=server')).stdout).toBe(
      'statefulset.apps/db-cluster resource requirements updated (server dry run)\n',
    );
    expect(sts(cluster).spec.template.spec.containers[0]?.resources?.limits).toEqual({ cpu: '1' });
    const yaml = (await k('set resources sts/db-cluster --requests=memory=1024Mi -o yaml')).stdout;
    expect(yaml).toContain(
      '        resources:\n          limits:\n            cpu: "1"\n          requests:\n            memory: 1Gi\n',
    );
  });

  it('sends quantities in their canonical form', () => {
    expect(canonicalQuantity('0.5')).toEqual({ value: '500m' });
    expect(canonicalQuantity('2000m')).toEqual({ value: '2' });
    expect(canonicalQuantity('2000')).toEqual({ value: '2k' });
    expect(canonicalQuantity('1024Mi')).toEqual({ value: '1Gi' });
    expect(canonicalQuantity('1.5Gi')).toEqual({ value: '1536Mi' });
    expect(canonicalQuantity('256Mi')).toEqual({ value: '256Mi' });
    expect(canonicalQuantity('0')).toEqual({ value: '0' });
  });
});

describe('a bare --dry-run', () => {
  it('is a client dry run behind klog’s deprecation warning', async () => {
    const { cluster, k } = await ready();
    const warning = klog(719, '--dry-run is deprecated and can be replaced with --dry-run=client.');
    const scale = await k('scale sts db-cluster --replicas=5 --dry-run');
    expect(scale.stderr).toMatch(warning);
    expect(scale.stdout).toBe('statefulset.apps/db-cluster scaled (dry run)\n');
    expect(sts(cluster).spec.replicas).toBe(3);
    for (const [line, out] of [
      [
        'apply -f web.yaml --dry-run',
        'service/nginx created (dry run)\nstatefulset.apps/web created (dry run)\n',
      ],
      [
        'delete pod db-cluster-0 --dry-run',
        'pod "db-cluster-0" deleted from default namespace (dry run)\n',
      ],
      [
        'set image sts/db-cluster database=x:1 --dry-run',
        'statefulset.apps/db-cluster image updated (dry run)\n',
      ],
      ['label sts db-cluster a=b --dry-run', 'statefulset.apps/db-cluster labeled (dry run)\n'],
      ['run x --image=nginx --dry-run', 'pod/x created (dry run)\n'],
    ] as const) {
      const r = await k(line);
      expect(r.stderr, line).toMatch(warning);
      expect(r.stdout, line).toBe(out);
    }
    const patch = await runKubectl(
      ['patch', 'sts', 'db-cluster', '-p', '{"spec":{"replicas":4}}', '--dry-run'],
      { cluster, readFile: readBuiltin },
    );
    expect(patch.stderr).toMatch(warning);
    expect(patch.stdout).toBe('statefulset.apps/db-cluster patched (dry run)\n');
    expect(sts(cluster).spec.replicas).toBe(3);
    expect(cluster.get('Pod', 'default', 'x').ok).toBe(false);
    expect(cluster.get('Pod', 'default', 'db-cluster-0').ok).toBe(true);
  });

  it('takes no value from the next word, and warns about boolean values', async () => {
    const { k } = await ready();
    expect((await k('apply -f db-cluster.yaml --dry-run client')).stderr).toBe(
      "error: Unexpected args: [client]\nSee 'kubectl apply -h' for help and examples\n",
    );
    const t = await k('scale sts db-cluster --replicas=4 --dry-run=true');
    expect(t.stderr).toMatch(
      klog(
        733,
        '--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.',
      ),
    );
    expect(t.stdout).toBe('statefulset.apps/db-cluster scaled (dry run)\n');
    const f = await k('scale sts db-cluster --replicas=4 --dry-run=false');
    expect(f.stderr).toMatch(
      klog(
        736,
        '--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none.',
      ),
    );
    expect(f.stdout).toBe('statefulset.apps/db-cluster scaled\n');
  });

  it('cannot be used with an attached kubectl run', async () => {
    const { k } = await ready();
    const r = await k('run x -i --image=busybox:1.28 --dry-run=client');
    expect(r.stderr).toBe(
      "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n",
    );
  });
});

describe('kubectl run --dry-run=client -o yaml', () => {
  it('prints the generated pod without creating it (no creationTimestamp: omitzero since 1.35)', async () => {
    const { cluster, k } = await ready();
    const r = await k('run x --image=busybox:1.28 --dry-run=client -o yaml -- sleep 3600');
    expect(r.stdout).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  labels:',
        '    run: x',
        '  name: x',
        'spec:',
        '  containers:',
        '  - args:',
        '    - sleep',
        '    - "3600"',
        '    image: busybox:1.28',
        '    name: x',
        '    resources: {}',
        '  dnsPolicy: ClusterFirst',
        '  restartPolicy: Always',
        'status: {}',
        '',
      ].join('\n'),
    );
    expect(cluster.get('Pod', 'default', 'x').ok).toBe(false);
  });
});
