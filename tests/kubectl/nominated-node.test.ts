// While a new StatefulSet pod waits for its WaitForFirstConsumer volume, a 1.35 scheduler has
// written status.nominatedNodeName (bindingCycle, NominatedNodeNameForExpectation); kubectl shows
// it as NOMINATED NODE (printPod), as `NominatedNodeName:` right after `Controlled By:` in describe
// (describePod), and in -o yaml. The binding clears it.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import type { KubectlEnv } from '../../src/kubectl/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

describe('a nominated pending pod in kubectl', () => {
  it('shows the nomination while the claim is provisioned, and none once bound', async () => {
    const cluster = createCluster({ seed: 1 });
    const env: KubectlEnv = { cluster, readFile: readBuiltin };
    const k = async (line: string) => (await runKubectl(line.split(' '), env)).stdout;
    await k('apply -f db-cluster.yaml');
    cluster.advance(1000);
    const pod = cluster.get('Pod', 'default', 'db-cluster-0');
    const node = pod.ok ? (pod.object.status?.nominatedNodeName ?? '') : '';
    expect(node).toMatch(/^kind-worker/);
    expect(pod.ok && pod.object.spec.nodeName).toBeFalsy();
    const wide = (await k('get pod db-cluster-0 -o wide')).split('\n');
    expect(wide[1]).toMatch(
      new RegExp(`^db-cluster-0 +0/1 +Pending .* <none> +<none> +${node} +<none>$`),
    );
    const described = await k('describe pod db-cluster-0');
    expect(described).toContain(
      `Controlled By:      StatefulSet/db-cluster\nNominatedNodeName:  ${node}\n`,
    );
    expect(await k('get pod db-cluster-0 -o yaml')).toContain(
      `status:\n  nominatedNodeName: ${node}\n  phase: Pending\n`,
    );
    cluster.advance(30_000);
    expect((await k('get pod db-cluster-0 -o wide')).split('\n')[1]).toMatch(
      new RegExp(` ${node} +<none> +<none>$`),
    );
    expect(await k('describe pod db-cluster-0')).not.toContain('NominatedNodeName');
  });
});
