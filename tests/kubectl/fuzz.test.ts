/**
 * Property tests: random and hostile command lines and manifests must never throw, never hang
 * and always come back as { stdout, stderr, exitCode } with a sane exit code. "internal error"
 * would mean an exception escaped a kubectl verb; exceptions thrown by the simulator itself are
 * reported as "the simulated API server failed" (a simulator bug, listed in the report).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import { createShell } from '../../src/shell/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

const WORDS = [
  'get',
  'apply',
  'create',
  'delete',
  'scale',
  'describe',
  'rollout',
  'status',
  'history',
  'undo',
  'restart',
  'version',
  'api-resources',
  'cluster-info',
  'pods',
  'po',
  'sts',
  'statefulset/db-cluster',
  'sts,pvc',
  'all',
  'pv',
  'svc',
  'events',
  'nodes',
  'db-cluster',
  'db-cluster-0',
  '-o',
  'wide',
  'yaml',
  'json',
  'name',
  'jsonpath={.items[*].metadata.name}',
  '-l',
  'app=database',
  '-n',
  'default',
  '-A',
  '-w',
  '--replicas=2',
  '--replicas',
  '-1',
  '-f',
  'db-cluster.yaml',
  '-',
  '--',
  '--force',
  '--grace-period=0',
  '--cascade=orphan',
  '--wait=false',
  '--show-labels',
  '-L',
  'app',
  '--no-headers',
  '--sort-by=.metadata.name',
  '--bogus',
  '-z',
  '',
  '{range',
  '}',
  '=',
  ',',
  '/',
  'sts/',
  '/x',
  'label',
  'annotate',
  'explain',
  'logs',
  'sts.spec.replicas',
  'tier=db',
  'tier-',
  '--overwrite',
  '--for',
  'pod/db-cluster-0',
  '--tail=2',
  'cordon',
  'uncordon',
  'drain',
  'edit',
  'kind-worker',
  'nodes',
  '--ignore-daemonsets',
  '--delete-emptydir-data',
  '--pod-selector=app=database',
  '-o=go-template={{range .items}}{{.metadata.name}}{{end}}',
  '--template={{.metadata.name}}',
  '--output-watch-events',
  '-f=.',
];

const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 }));

describe('kubectl never throws or hangs', () => {
  it('on random argument vectors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(word, { maxLength: 8 }),
        fc.string({ maxLength: 200 }),
        async (argv, stdin) => {
          const cluster = createCluster({ seed: 3 });
          await runKubectl(['apply', '-f', 'db-cluster.yaml'], { cluster, readFile: readBuiltin });
          const r = await runKubectl(argv, {
            cluster,
            readFile: readBuiltin,
            stdin,
            maxWaitMs: 120_000,
            // `kubectl edit` saves whatever the random stdin is.
            edit: () => Promise.resolve(stdin),
          });
          expect(typeof r.stdout).toBe('string');
          expect(typeof r.stderr).toBe('string');
          expect([0, 1]).toContain(r.exitCode);
          expect(r.stderr).not.toContain('internal error');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on hostile YAML passed to apply', async () => {
    const yamlish = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom(
        'a: &a [*a]',
        'x: !!binary foo',
        '---\n---\n',
        'apiVersion: v1\nkind: Pod\nmetadata: 7\n',
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: []\n',
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  template: null\n',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: 3\n',
        '- 1\n- 2\n',
        '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}',
        'a: b: c',
        '\tkey: value',
        'lol: &a ["x","x","x","x"]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\nd: [*c,*c,*c,*c]\n',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(yamlish, { minLength: 1, maxLength: 3 }), async (docs) => {
        const cluster = createCluster({ seed: 5 });
        const text = docs.join('\n---\n');
        for (const verb of ['apply', 'create', 'delete', 'get']) {
          const r = await runKubectl([verb, '-f', 'x.yaml'], {
            cluster,
            readFile: (p) => (p === 'x.yaml' ? text : undefined),
            maxWaitMs: 60_000,
          });
          expect([0, 1]).toContain(r.exitCode);
          expect(r.stderr).not.toContain('internal error');
        }
        // The cluster still answers normally afterwards.
        const after = await runKubectl(['get', 'nodes', '-o', 'name'], { cluster });
        expect(after.stdout).toContain('node/kind-worker\n');
      }),
      { numRuns: 200 },
    );
  });

  it('on random shell lines', async () => {
    const line = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .array(
          fc.constantFrom(
            ...WORDS,
            'kubectl',
            'k',
            'sleep',
            '1',
            'echo',
            ';',
            '&&',
            '||',
            "'",
            '"',
            '#',
            '\\',
            '|',
            'grep',
            '-v',
            'wc',
            '-l',
            '$(',
            ')',
            'for',
            'i',
            'in',
            'do',
            'done',
            '$i',
            '${i}',
            '<<EOF',
            'EOF',
            '>',
            'x.txt',
            'exec',
            'run',
            '-it',
            '--image=busybox:1.28',
            '--rm',
            'sh',
            'exit',
            'nslookup',
            'cat',
            'ls',
          ),
          { maxLength: 10 },
        )
        .map((w) => w.join(' ')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 5 }), async (lines) => {
        const cluster = createCluster({ seed: 9 });
        const shell = createShell({ cluster, readFile: readBuiltin });
        for (const l of lines) {
          const r = await shell.run(l);
          expect(r.exitCode).toBeGreaterThanOrEqual(0);
          expect(r.stderr).not.toContain('internal error');
        }
      }),
      { numRuns: 200 },
    );
  });
});
