import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./sts-lab.ts', import.meta.url));

function run(args: string[], input = '') {
  return spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });
}

describe('sts-lab (run as a Node 22 script)', () => {
  it('runs a script from stdin and prints "$ <line>" before each output', () => {
    const r = run(
      ['run', '--seed', '1', '-'],
      '# comment lines are skipped\nkubectl get pods\n\nkubectl apply -f db-cluster.yaml\n',
    );
    expect(r.stdout).toBe(
      '$ kubectl get pods\nNo resources found in default namespace.\n' +
        '$ kubectl apply -f db-cluster.yaml\nservice/db-service created\nstatefulset.apps/db-cluster created\n',
    );
    expect(r.status).toBe(0);
  });

  it('rejects unknown commands and bad seeds with exit code 2', () => {
    expect(run(['frobnicate']).status).toBe(2);
    const bad = run(['run', '--seed', 'x', '-']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('sts-lab: --seed needs a non-negative integer\n');
  });
});
