// What a learner sees from label, annotate, events, logs and explain (transcript level).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

async function ready() {
  const cluster = createCluster({ seed: 1 });
  const env = { cluster, readFile: readBuiltin };
  const k = (line: string) => runKubectl(line.split(' '), env);
  await k('apply -f db-cluster.yaml');
  await k('rollout status sts/db-cluster');
  return { cluster, k };
}

describe('kubectl label / annotate', () => {
  it('labels, refuses to overwrite without --overwrite, and removes with key-', async () => {
    const { cluster, k } = await ready();
    expect((await k('label pods db-cluster-0 tier=db')).stdout).toBe('pod/db-cluster-0 labeled\n');
    expect(await k('label pods db-cluster-0 tier=cache')).toEqual({
      stdout: '',
      stderr: "error: 'tier' already has a value (db), and --overwrite is false\n",
      exitCode: 1,
    });
    expect((await k('label pods db-cluster-0 tier=cache --overwrite')).stdout).toBe(
      'pod/db-cluster-0 labeled\n',
    );
    expect((await k('label pods db-cluster-0 tier=cache')).stdout).toBe(
      'pod/db-cluster-0 not labeled\n',
    );
    expect((await k('label pod/db-cluster-0 tier-')).stdout).toBe('pod/db-cluster-0 unlabeled\n');
    const pod = cluster.get('Pod', 'default', 'db-cluster-0');
    expect(pod.ok && pod.object.metadata.labels?.['tier']).toBe(undefined);
    expect((await k('label pods -l app=database tier=db')).stdout).toBe(
      'pod/db-cluster-0 labeled\npod/db-cluster-1 labeled\npod/db-cluster-2 labeled\n',
    );
    expect((await k('label pods db-cluster-0')).stderr).toBe(
      'error: at least one label update is required\n',
    );
    expect((await k('label pods nope a=b')).stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });

  it('reports a mixed change as labeled, missing labels on stdout, and refuses set-and-remove', async () => {
    const { k } = await ready();
    await k('label pods db-cluster-1 a=1 b=2');
    expect(await k('label pods db-cluster-1 a- c=3')).toEqual({
      stdout: 'pod/db-cluster-1 labeled\n',
      stderr: '',
      exitCode: 0,
    });
    expect((await k('label pods db-cluster-1 zzz-')).stdout).toBe(
      'label "zzz" not found.\npod/db-cluster-1 not labeled\n',
    );
    expect((await k('label pods db-cluster-1 b=9 c=9')).stderr).toBe(
      "error: ['b' already has a value (2), and --overwrite is false, 'c' already has a value (3), and --overwrite is false]\n",
    );
    expect((await k('label pods db-cluster-1 b=1 b-')).stderr).toBe(
      'error: can not both modify and remove a label in the same command\n',
    );
  });

  it('annotates a StatefulSet', async () => {
    const { cluster, k } = await ready();
    expect((await k('annotate sts db-cluster owner=team-a')).stdout).toBe(
      'statefulset.apps/db-cluster annotated\n',
    );
    const sts = cluster.get('StatefulSet', 'default', 'db-cluster');
    expect(sts.ok && sts.object.metadata.annotations?.['owner']).toBe('team-a');
    expect((await k('annotate sts db-cluster owner=team-b')).stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a)\n",
    );
  });
});

describe('kubectl events', () => {
  it('says so when there are none', async () => {
    const cluster = createCluster({ seed: 1 });
    expect(await runKubectl(['events'], { cluster })).toEqual({
      stdout: '',
      stderr: 'No events found in default namespace.\n',
      exitCode: 0,
    });
  });

  it('sorts by time and names objects Kind/name', async () => {
    const { k } = await ready();
    const out = (await k('events --for pod/db-cluster-2')).stdout.split('\n');
    expect(out[0]).toMatch(/^LAST SEEN {3}TYPE {5}REASON {4,}OBJECT {3,}MESSAGE$/);
    expect(out.slice(1, 4).map((l) => l.split(/\s{3,}/)[2])).toEqual([
      'Scheduled',
      'Pulling',
      'Pulled',
    ]);
    expect(out[1]).toContain('Pod/db-cluster-2');
  });
});

describe('kubectl logs', () => {
  it('prints the start-up lines of the database image and fails for a missing pod', async () => {
    const { k } = await ready();
    const logs = await k('logs db-cluster-0');
    expect(logs.stdout).toMatch(/\[Note\] Server started; ready for connections\. port: 3306\n$/);
    expect((await k('logs db-cluster-0 --tail 1')).stdout.split('\n')).toHaveLength(2);
    expect((await k('logs sts/db-cluster')).stdout).toBe(logs.stdout);
    expect((await k('logs nope')).stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect((await k('logs db-cluster-0 -p')).stderr).toBe(
      'Error from server (BadRequest): previous terminated container "database" in pod "db-cluster-0" not found\n',
    );
  });
});

describe('kubectl explain', () => {
  it('prints a field with its type and description', async () => {
    const cluster = createCluster({ seed: 1 });
    const r = await runKubectl(['explain', 'sts.spec.replicas'], { cluster });
    expect(r.stdout).toMatch(
      /^GROUP: {6}apps\nKIND: {7}StatefulSet\nVERSION: {4}v1\n\nFIELD: replicas <integer>\n\n\nDESCRIPTION:\n {4}\S.*\n {4}\n\n$/,
    );
  });

  it('lists the fields of a kind, marking required ones', async () => {
    const cluster = createCluster({ seed: 1 });
    const r = await runKubectl(['explain', 'statefulset.spec'], { cluster });
    expect(r.stdout).toContain('    \nFIELDS:\n');
    expect(r.stdout).toContain(
      '  podManagementPolicy\t<string>\n  enum: OrderedReady, Parallel\n    ',
    );
    expect(r.stdout).toContain('  selector\t<LabelSelector> -required-\n');
    expect(r.stdout).toContain('  volumeClaimTemplates\t<[]PersistentVolumeClaim>\n');
    expect((await runKubectl(['explain', 'sts.spec.nope'], { cluster })).stderr).toBe(
      'error: field "nope" does not exist\n',
    );
    expect((await runKubectl(['explain', 'pods'], { cluster })).stdout).not.toContain('GROUP:');
  });

  it('documents PodDisruptionBudgets (policy/v1)', async () => {
    const cluster = createCluster({ seed: 1 });
    const r = await runKubectl(['explain', 'pdb.spec'], { cluster });
    expect(r.stdout).toMatch(
      /^GROUP: {6}policy\nKIND: {7}PodDisruptionBudget\nVERSION: {4}v1\n\nFIELD: spec <PodDisruptionBudgetSpec>\n\n\nDESCRIPTION:\n/,
    );
    const fields = [...r.stdout.matchAll(/^ {2}(\w+)\t<([^>]+)>/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(fields).toEqual([
      'maxUnavailable IntOrString',
      'minAvailable IntOrString',
      'selector LabelSelector',
      'unhealthyPodEvictionPolicy string',
    ]);
    expect(r.stdout).toContain('  enum: AlwaysAllow, IfHealthyBudget\n');
    const sel = await runKubectl(['explain', 'poddisruptionbudgets.spec.selector.matchLabels'], {
      cluster,
    });
    expect(sel.stdout).toContain('FIELD: matchLabels <map[string]string>\n');
  });
});
