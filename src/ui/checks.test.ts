import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { runKubectl } from '../kubectl/index.ts';
import { createShell } from '../shell/index.ts';
import { evaluateCheck, shellWord, splitArguments, type CheckDefinition } from './checks.ts';

const dbCluster = readFileSync(
  new URL('../../content/files/db-cluster.yaml', import.meta.url),
  'utf8',
);

function cluster() {
  const sim = createCluster({ seed: 1 });
  const kubectl = (args: readonly string[]) =>
    runKubectl(args, {
      cluster: sim,
      readFile: (name) => (name === 'db-cluster.yaml' ? dbCluster : undefined),
    });
  return { sim, kubectl };
}

const allReady: CheckDefinition = {
  id: 'ready',
  kubectl: 'get statefulset db-cluster -o jsonpath={.status.readyReplicas}',
  expect: '3',
};

describe('lesson checks', () => {
  it('split arguments as a shell splits plain words', () => {
    expect(
      splitArguments(`get pods -o 'jsonpath={.items[*].metadata.name}'  -l app=database`),
    ).toEqual(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}', '-l', 'app=database']);
    expect(splitArguments(`label pod a note="two words" ''`)).toEqual([
      'label',
      'pod',
      'a',
      'note=two words',
      '',
    ]);
  });

  it('quote arguments back for the shell they run through', async () => {
    expect(shellWord('jsonpath={.status.readyReplicas}')).toBe(
      "'jsonpath={.status.readyReplicas}'",
    );
    expect(shellWord('db-cluster-0')).toBe('db-cluster-0');
    // The shell reads each quoted word back exactly.
    const shell = createShell({ cluster: createCluster({ seed: 1 }) });
    const words = ["it's", 'a b', '$HOME', '{.items[*]}', ''];
    const echoed = await shell.run(`echo ${words.map(shellWord).join(' ')}`);
    expect(echoed.stdout).toBe(`${words.join(' ')}
`);
  });

  it('pass only once the cluster shows what they ask', async () => {
    const { sim, kubectl } = cluster();
    expect(await evaluateCheck(allReady, kubectl, [])).toBe(false); // not found yet
    await kubectl(['apply', '-f', 'db-cluster.yaml']);
    expect(await evaluateCheck(allReady, kubectl, [])).toBe(false); // nothing Ready yet
    sim.runUntilIdle(120_000);
    expect(await evaluateCheck(allReady, kubectl, [])).toBe(true);
  });

  it('match output with a regular expression', async () => {
    const { sim, kubectl } = cluster();
    await kubectl(['apply', '-f', 'db-cluster.yaml']);
    sim.runUntilIdle(120_000);
    const claims: CheckDefinition = {
      id: 'claims',
      kubectl: 'get pvc -o name',
      match: '^persistentvolumeclaim/data-volume-db-cluster-2$',
    };
    expect(await evaluateCheck(claims, kubectl, [])).toBe(true);
    expect(await evaluateCheck({ ...claims, match: 'db-cluster-3' }, kubectl, [])).toBe(false);
    // `absent` must not match: the claim is there, but so is its pod.
    const podsToo = { ...claims, kubectl: 'get pods,pvc -o name' };
    expect(await evaluateCheck({ ...podsToo, absent: '^pod/db-cluster-2$' }, kubectl, [])).toBe(
      false,
    );
    expect(await evaluateCheck({ ...podsToo, absent: '^pod/db-cluster-3$' }, kubectl, [])).toBe(
      true,
    );
    // A lesson's broken pattern never passes, and does not throw.
    expect(await evaluateCheck({ ...claims, match: '(' }, kubectl, [])).toBe(false);
  });

  it('can require a command the learner ran', async () => {
    const { kubectl } = cluster();
    const scaled: CheckDefinition = {
      id: 'scaled',
      ran: String.raw`kubectl scale (sts|statefulset)`,
    };
    expect(await evaluateCheck(scaled, kubectl, ['kubectl get pods'])).toBe(false);
    expect(
      await evaluateCheck(scaled, kubectl, [
        'kubectl get pods',
        'kubectl scale sts db-cluster --replicas=5',
      ]),
    ).toBe(true);
    // Both the command and the cluster's state, when a check asks for both.
    expect(
      await evaluateCheck({ ...allReady, ran: 'kubectl apply' }, kubectl, [
        'kubectl apply -f db-cluster.yaml',
      ]),
    ).toBe(false);
  });
});
