/**
 * kubectl through its public API: what a learner sees for commands the golden transcripts do
 * not cover, and the contract the UI relies on (output streamed to a sink in order, errors as
 * data, exit codes).
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';
import type { Stream } from '../../src/kubectl/index.ts';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
`;

const BROKEN_STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: -1
  minReadySeconds: -5
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
`;

function env(files: Record<string, string> = {}) {
  const cluster = createCluster({ seed: 7 });
  return { cluster, readFile: (p: string) => files[p] };
}

describe('kubectl', () => {
  it('streams stdout and stderr to the sink in the order they are written', async () => {
    const chunks: [Stream, string][] = [];
    const e = env({ 'svc.yaml': SERVICE });
    const r = await runKubectl(['apply', '-f', 'svc.yaml,missing.yaml'], {
      ...e,
      sink: { write: (s, t) => chunks.push([s, t]) },
    });
    expect(chunks).toEqual([
      ['stdout', 'service/nginx created\n'],
      ['stderr', 'error: the path "missing.yaml" does not exist\n'],
    ]);
    expect(r).toEqual({
      stdout: 'service/nginx created\n',
      stderr: 'error: the path "missing.yaml" does not exist\n',
      exitCode: 1,
    });
  });

  it('reports configured when an applied object changes, and create refuses existing objects', async () => {
    const e = env({ 'svc.yaml': SERVICE, 'svc2.yaml': SERVICE.replace('port: 80', 'port: 8080') });
    await runKubectl(['apply', '-f', 'svc.yaml'], e);
    expect((await runKubectl(['apply', '-f', 'svc2.yaml'], e)).stdout).toBe(
      'service/nginx configured\n',
    );
    const created = await runKubectl(['create', '-f', 'svc.yaml'], e);
    expect(created.stderr).toBe(
      'Error from server (AlreadyExists): error when creating "svc.yaml": services "nginx" already exists\n',
    );
    expect(created.exitCode).toBe(1);
  });

  it('renders several validation causes as a bulleted list', async () => {
    const r = await runKubectl(['apply', '-f', 'web.yaml'], env({ 'web.yaml': BROKEN_STS }));
    expect(r.stderr).toBe(
      'The StatefulSet "web" is invalid: \n' +
        '* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' +
        '* spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0\n',
    );
    expect(r.exitCode).toBe(1);
  });

  it('reads manifests from stdin with -f -', async () => {
    const r = await runKubectl(['apply', '-f', '-'], { ...env(), stdin: SERVICE });
    expect(r.stdout).toBe('service/nginx created\n');
  });

  it('prints one object as JSON without a List wrapper', async () => {
    const e = env({ 'svc.yaml': SERVICE });
    await runKubectl(['apply', '-f', 'svc.yaml'], e);
    const r = await runKubectl(['get', 'svc', 'nginx', '-o', 'json'], e);
    const obj = JSON.parse(r.stdout) as { kind: string; spec: { clusterIP: string } };
    expect(obj.kind).toBe('Service');
    expect(obj.spec.clusterIP).toBe('None');
    expect(r.stdout.startsWith('{\n    "apiVersion": "v1",\n    "kind": "Service",\n')).toBe(true);
  });

  it('accepts global flags before the verb', async () => {
    const r = await runKubectl(['-n', 'local-path-storage', 'get', 'deploy'], env());
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nlocal-path-provisioner +1\/1 +1 +1 +10d\n$/,
    );
    const none = await runKubectl(['-n', 'kube-public', 'get', 'pods'], env());
    expect(none).toEqual({
      stdout: '',
      stderr: 'No resources found in kube-public namespace.\n',
      exitCode: 0,
    });
  });

  it('deletes without waiting when --wait=false, and the object is still there', async () => {
    const e = env({ 'svc.yaml': SERVICE });
    await runKubectl(['apply', '-f', 'svc.yaml'], e);
    const r = await runKubectl(['delete', 'svc', 'nginx', '--wait=false', '-o', 'name'], e);
    expect(r.stdout).toBe('service/nginx\n');
    expect((await runKubectl(['get', 'svc', 'nginx', '-o', 'name'], e)).stderr).toBe(
      'Error from server (NotFound): services "nginx" not found\n',
    );
  });

  it('prints help for a verb and the top-level help', async () => {
    const help = await runKubectl(['get', '--help'], env());
    expect(help.stdout.startsWith('Display one or many resources.\n\nUsage:\n  kubectl get ')).toBe(
      true,
    );
    const top = await runKubectl([], env());
    expect(top.stdout.startsWith('kubectl controls the Kubernetes cluster manager.\n')).toBe(true);
  });

  it('warns that v1 Endpoints is deprecated, as a 1.33+ API server does', async () => {
    const r = await runKubectl(['get', 'endpoints', '-n', 'kube-public'], env());
    expect(r.stderr).toBe(
      'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n' +
        'No resources found in kube-public namespace.\n',
    );
  });

  it('describes a missing object with the API error', async () => {
    const r = await runKubectl(['describe', 'sts', 'web'], env());
    expect(r.stderr).toBe('Error from server (NotFound): statefulsets.apps "web" not found\n');
  });

  it("gives up waiting after --timeout with kubectl's message (claim still in use)", async () => {
    const cluster = createCluster({ seed: 1 });
    await runKubectl(['apply', '-f', 'db-cluster.yaml'], { cluster, readFile: readBuiltin });
    cluster.advance(60_000);
    const start = cluster.now();
    const r = await runKubectl(['delete', 'pvc', 'data-volume-db-cluster-0', '--timeout=5s'], {
      cluster,
    });
    expect(r.stdout).toBe(
      'persistentvolumeclaim "data-volume-db-cluster-0" deleted from default namespace\n',
    );
    expect(r.stderr).toBe(
      'error: timed out waiting for the condition on persistentvolumeclaims/data-volume-db-cluster-0\n',
    );
    expect(r.exitCode).toBe(1);
    expect(cluster.now() - start).toBeGreaterThanOrEqual(5000);
    const pvc = await runKubectl(['get', 'pvc', 'data-volume-db-cluster-0', '--no-headers'], {
      cluster,
    });
    expect(pvc.stdout).toContain(' Terminating ');
  });

  it('describes the objects of a manifest and can leave events out', async () => {
    const e = env({ 'svc.yaml': SERVICE });
    await runKubectl(['apply', '-f', 'svc.yaml'], e);
    const r = await runKubectl(['describe', '-f', 'svc.yaml', '--show-events=false'], e);
    // describe.go describeService; Endpoints lists the EndpointSlices' addresses (none: no pods),
    // `<none>` while the Service has no EndpointSlice yet.
    const slices = e.cluster.list('EndpointSlice', { namespace: 'default' });
    const hasSlice =
      slices.ok &&
      slices.object.some((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'nginx');
    const pad = (k: string): string => k.padEnd(26);
    expect(r.stdout).toBe(
      [
        ['Name:', 'nginx'],
        ['Namespace:', 'default'],
        ['Labels:', '<none>'],
        ['Annotations:', '<none>'],
        ['Selector:', 'app=nginx'],
        ['Type:', 'ClusterIP'],
        ['IP Family Policy:', 'SingleStack'],
        ['IP Families:', 'IPv4'],
        ['IP:', 'None'],
        ['IPs:', 'None'],
        ['Port:', 'web  80/TCP'],
        ['TargetPort:', '80/TCP'],
        ['Endpoints:', hasSlice ? '' : '<none>'],
        ['Session Affinity:', 'None'],
        ['Internal Traffic Policy:', 'Cluster'],
      ]
        .map(([k = '', v = '']) => pad(k) + v + '\n')
        .join(''),
    );
  });

  it('reports server-side apply as serverside-applied', async () => {
    const r = await runKubectl(
      ['apply', '--server-side', '-f', 'svc.yaml'],
      env({ 'svc.yaml': SERVICE }),
    );
    expect(r.stdout).toBe('service/nginx serverside-applied\n');
  });

  it('sits out the whole --timeout of a wait that cannot succeed', async () => {
    const cluster = createCluster({ seed: 1 });
    await runKubectl(['apply', '-f', 'db-cluster.yaml'], { cluster, readFile: readBuiltin });
    cluster.advance(60_000);
    const start = cluster.now();
    const r = await runKubectl(
      ['wait', '--for=condition=Ready=false', 'pod/db-cluster-0', '--timeout=5s'],
      { cluster },
    );
    expect(r.stderr).toBe('error: timed out waiting for the condition on pods/db-cluster-0\n');
    expect(r.exitCode).toBe(1);
    expect(cluster.now() - start).toBeGreaterThanOrEqual(5000);
  });
});
