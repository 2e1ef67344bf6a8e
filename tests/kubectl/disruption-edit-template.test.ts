// PodDisruptionBudgets (get columns, validation, status, the Eviction API through drain), the
// cordon taint, `kubectl edit -f FILE`, and the go-template additions (pipelines, comparisons,
// define/template, else-if, variables).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { executeGoTemplate, runKubectl } from '../../src/kubectl/index.ts';
import type { KubectlEnv } from '../../src/kubectl/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

const PDB = (spec: string): string => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
${spec}
  selector:
    matchLabels:
      app: nginx
`;

async function ready(files: Record<string, string> = {}, extra: Partial<KubectlEnv> = {}) {
  const cluster = createCluster({ seed: 1 });
  const env: KubectlEnv = {
    cluster,
    readFile: (p) => (Object.hasOwn(files, p) ? files[p] : readBuiltin(p)),
    ...extra,
  };
  const k = (line: string) => runKubectl(line.split(' '), env);
  await k('apply -f web.yaml');
  await k('rollout status sts/web');
  return { cluster, k };
}

describe('PodDisruptionBudget', () => {
  it('computes status and prints kubectl get pdb columns', async () => {
    const { cluster, k } = await ready({ 'pdb.yaml': PDB('  maxUnavailable: 1') });
    expect((await k('apply -f pdb.yaml')).stdout).toBe(
      'poddisruptionbudget.policy/web-pdb created\n',
    );
    cluster.advance(1000);
    expect((await k('get pdb')).stdout).toMatch(
      /^NAME {6}MIN AVAILABLE {3}MAX UNAVAILABLE {3}ALLOWED DISRUPTIONS {3}AGE\nweb-pdb {3}N\/A {13}1 {17}1 {21}1s\n$/,
    );
    const got = cluster.get('PodDisruptionBudget', 'default', 'web-pdb');
    expect(got.ok && got.object.status).toMatchObject({
      observedGeneration: 1,
      currentHealthy: 2,
      desiredHealthy: 1,
      expectedPods: 2,
      disruptionsAllowed: 1,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' }],
    });
  });

  it('rounds a minAvailable percentage up against the StatefulSet scale', async () => {
    const { cluster, k } = await ready({ 'pdb.yaml': PDB('  minAvailable: 50%') });
    await k('apply -f pdb.yaml');
    cluster.advance(1000);
    const got = cluster.get('PodDisruptionBudget', 'default', 'web-pdb');
    expect(got.ok && got.object.status?.desiredHealthy).toBe(1);
    expect(got.ok && got.object.status?.disruptionsAllowed).toBe(1);
  });

  it('validates the bounds as the API server does', async () => {
    const { k } = await ready({
      'bad.yaml': PDB('  minAvailable: 150%'),
      'neg.yaml': PDB('  maxUnavailable: -1'),
      'pct.yaml': PDB('  minAvailable: abc'),
    });
    expect((await k('apply -f bad.yaml')).stderr).toBe(
      'The PodDisruptionBudget "web-pdb" is invalid: spec.minAvailable: Invalid value: "150%": must not be greater than 100%\n',
    );
    expect((await k('apply -f neg.yaml')).stderr).toBe(
      'The PodDisruptionBudget "web-pdb" is invalid: spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0\n',
    );
    expect((await k('apply -f pct.yaml')).stderr).toContain(
      'spec.minAvailable: Invalid value: "abc": a valid percent string must be a numeric string followed by an ending \'%\'',
    );
  });

  it('lets drain evict only what the budget allows, one disruption at a time', async () => {
    const { cluster, k } = await ready({ 'pdb.yaml': PDB('  minAvailable: 1') });
    await k('scale sts web --replicas=3');
    await k('rollout status sts/web');
    await k('apply -f pdb.yaml');
    cluster.advance(1000);
    const res = await k('drain kind-worker --ignore-daemonsets');
    expect(res.stdout).toBe(
      'node/kind-worker cordoned\nevicting pod default/web-0\npod/web-0 evicted\nnode/kind-worker drained\n',
    );
    cluster.advance(1000);
    // web-0 is gone (its claim pins the replacement to the cordoned node, so it waits in
    // Pending): 2 healthy, 1 required.
    const got = cluster.get('PodDisruptionBudget', 'default', 'web-pdb');
    expect(got.ok && got.object.status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 1 });
  });

  it('refuses evictions with 429 while the budget allows none, and drain retries', async () => {
    const { cluster, k } = await ready({ 'pdb.yaml': PDB('  minAvailable: 2') });
    await k('apply -f pdb.yaml');
    cluster.advance(1000);
    const r = cluster.evict('default', 'web-0');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.status.code).toBe(429);
      expect(r.status.message).toBe(
        "Cannot evict pod as it would violate the pod's disruption budget.",
      );
      expect(r.status.details?.causes?.[0]?.message).toBe(
        'The disruption budget web-pdb needs 2 healthy pods and has 2 currently',
      );
    }
    const node = cluster.get('Pod', 'default', 'web-0');
    const res = await k(
      `drain ${node.ok ? (node.object.spec.nodeName ?? '') : ''} --ignore-daemonsets`,
    );
    const retry =
      'error when evicting pods/"web-0" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.\n';
    expect(res.stderr).toMatch(
      /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kindnet-[a-z0-9]{5}, kube-system\/kube-proxy-[a-z0-9]{5}\n/,
    );
    expect(res.stderr.slice(res.stderr.indexOf('\n') + 1)).toBe(retry + retry);
    expect(res.exitCode).toBe(1);
  });

  it('is created by kubectl create pdb with create_pdb.go validation', async () => {
    const { cluster, k } = await ready();
    expect((await k('create pdb web-pdb --selector=app=nginx --min-available=1')).stdout).toBe(
      'poddisruptionbudget.policy/web-pdb created\n',
    );
    const got = cluster.get('PodDisruptionBudget', 'default', 'web-pdb');
    expect(got.ok && got.object.spec).toEqual({
      minAvailable: 1,
      selector: { matchLabels: { app: 'nginx' } },
    });
    expect((await k('create poddisruptionbudget x --selector=app=nginx')).stderr).toBe(
      'error: one of min-available or max-unavailable must be specified\n',
    );
    expect(
      (await k('create pdb x --selector=app=nginx --min-available=1 --max-unavailable=1')).stderr,
    ).toBe('error: min-available and max-unavailable cannot be both specified\n');
    expect((await k('create pdb x --selector=app=nginx --max-unavailable=10GB')).stderr).toBe(
      'error: invalid format specified for max-unavailable\n',
    );
    expect((await k('create pdb x --min-available=1')).stderr).toBe(
      'error: a selector must be specified\n',
    );
  });

  it('taints a cordoned node and removes the taint on uncordon', async () => {
    const { cluster, k } = await ready();
    await k('cordon kind-worker');
    cluster.advance(1000);
    const tainted = cluster.get('Node', undefined, 'kind-worker');
    expect(tainted.ok && tainted.object.spec.taints).toEqual([
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
    ]);
    expect((await k('describe node kind-worker')).stdout).toContain(
      '\nTaints:             node.kubernetes.io/unschedulable:NoSchedule\n',
    );
    await k('uncordon kind-worker');
    cluster.advance(1000);
    const clean = cluster.get('Node', undefined, 'kind-worker');
    expect(clean.ok && clean.object.spec.taints).toBeUndefined();
  });
});

describe('kubectl edit -f FILE', () => {
  it('edits the live object the file names', async () => {
    const seen: string[] = [];
    const { cluster, k } = await ready(
      {},
      {
        edit: (_o, text) => {
          seen.push(text);
          return Promise.resolve(text.replace('replicas: 2', 'replicas: 4'));
        },
      },
    );
    expect(await k('edit -f web.yaml')).toEqual({
      stdout: 'statefulset.apps/web edited\n',
      stderr: 'Edit cancelled, no changes made.\n',
      exitCode: 0,
    });
    // The editor shows the server's object (with status), not the file.
    expect(seen[1]).toContain('\nstatus:\n');
    const sts = cluster.get('StatefulSet', 'default', 'web');
    expect(sts.ok && sts.object.spec.replicas).toBe(4);
    expect((await k('edit -f web.yaml sts web')).stderr).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    );
  });
});

describe('go-template additions', () => {
  const data = {
    items: [
      { metadata: { name: 'web-0' }, spec: { replicas: 3 }, status: { phase: 'Running' } },
      { metadata: { name: 'web-1' }, spec: { replicas: 1 }, status: { phase: 'Pending' } },
    ],
  };
  const run = (t: string): string => {
    const r = executeGoTemplate(t, data);
    return r.ok ? r.output : `ERR ${r.message}`;
  };
  it('pipes, compares, defines and declares like text/template', () => {
    expect(run('{{.items | len}}')).toBe('2');
    expect(
      run(
        '{{define "row"}}{{.metadata.name}}={{.status.phase}}{{end}}{{range .items}}{{template "row" .}};{{end}}',
      ),
    ).toBe('web-0=Running;web-1=Pending;');
    expect(
      run(
        '{{range .items}}{{if eq .status.phase "Running"}}up{{else if eq .status.phase "Pending"}}wait{{end}} {{end}}',
      ),
    ).toBe('up wait ');
    expect(run('{{range .items}}{{if gt .spec.replicas 2.0}}big{{else}}small{{end}} {{end}}')).toBe(
      'big small ',
    );
    expect(run('{{$n := len .items}}{{printf "%d pods" $n}}')).toBe('2 pods');
    expect(run('{{with .missing}}x{{else with .items}}{{len .}}{{end}}')).toBe('2');
    expect(run('{{/* note */}}{{lt 1 2}} {{ge "a" "b"}}')).toBe('true false');
  });
  it('reports execution errors as kubectl does: position, node, partial output and a dump', () => {
    const r = executeGoTemplate(
      '{{len .items}} {{if gt (index .items 0).spec.replicas 1}}x{{end}}',
      data,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toBe(
        'error executing template "{{len .items}} {{if gt (index .items 0).spec.replicas 1}}x{{end}}": template: output:1:20: executing "output" at <gt (index .items 0).spec.replicas 1>: error calling gt: incompatible types for comparison',
      );
      expect(r.output?.startsWith('2 Error executing template: template: output:1:20:')).toBe(true);
      expect(r.output).toContain('\n\traw data was:\n\t\t{"items":[{"metadata":{"name":"web-0"}');
      expect(r.output).toContain('\n\tobject given to template engine was:\n\t\tmap[items:[map[');
    }
    const chain = executeGoTemplate('{{.items.first}}', { items: 'x' });
    expect(!chain.ok && chain.message).toBe(
      'error executing template "{{.items.first}}": template: output:1:8: executing "output" at <.items.first>: can\'t evaluate field first in type string',
    );
  });

  it('fails like Go on an int literal against a JSON number', () => {
    expect(run('{{range .items}}{{if gt .spec.replicas 2}}big{{end}}{{end}}')).toContain(
      'error calling gt: incompatible types for comparison',
    );
    expect(run('{{template "nope"}}')).toContain('template "nope" not defined');
  });
});

describe('jsonpath filters', () => {
  it('selects list items with [?(@.path OP value)] as client-go does', async () => {
    const { k } = await ready();
    expect(
      (await k(`get pod web-0 -o jsonpath={.status.conditions[?(@.type=="Ready")].status}`)).stdout,
    ).toBe('True');
    expect(
      (await k(`get pods -o jsonpath={.items[?(@.status.phase=="Running")].metadata.name}`)).stdout,
    ).toBe('web-0 web-1');
    expect(
      (await k(`get sts -o jsonpath={.items[?(@.spec.replicas>1)].metadata.name}`)).stdout,
    ).toBe('web');
    expect(
      (await k(`get nodes -o jsonpath={.items[?(@.spec.unschedulable)].metadata.name}`)).stdout,
    ).toBe('');
  });
});

describe('jsonpath execution errors', () => {
  it('reports an index out of bounds with kubectl’s debugging dump', async () => {
    const { k } = await ready();
    const r = await k(`get pods -l app=nothing -o jsonpath={.items[0].metadata.name}`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.items[0].metadata.name}\n' +
        '\tobject given to jsonpath engine was:\n' +
        '\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
    );
  });
});

describe('PodDisruptionBudget strict decoding through kubectl apply', () => {
  it('refuses a misspelt field as a 1.35 API server does with fieldValidation=Strict', async () => {
    const { cluster, k } = await ready({ 'pdb.yaml': PDB('  maxUnavailabel: 1') });
    const res = await k('apply -f pdb.yaml');
    expect(res.stderr).toBe(
      'Error from server (BadRequest): error when creating "pdb.yaml": PodDisruptionBudget in version "v1" cannot be handled as a PodDisruptionBudget: strict decoding error: unknown field "spec.maxUnavailabel"\n',
    );
    expect(res.exitCode).toBe(1);
    expect(cluster.get('PodDisruptionBudget', 'default', 'web-pdb').ok).toBe(false);
  });
});
