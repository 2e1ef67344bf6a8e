/**
 * Per-command latency of the emulated kubectl (wall time on this machine), for the commands the
 * lessons use, against db-cluster at 3 and at 100 replicas. Run with `npm run bench`.
 * Commands that wait (delete, rollout status) are left out: their time is virtual time.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { createCluster } from '../src/sim/index.ts';
import { runKubectl } from '../src/kubectl/index.ts';

const manifest = readFileSync(new URL('../content/files/db-cluster.yaml', import.meta.url), 'utf8');

const COMMANDS: readonly string[][] = [
  ['get', 'pods'],
  ['get', 'pods', '-o', 'wide'],
  ['get', 'pods', '-l', 'app=database', '--show-labels'],
  ['get', 'sts,pvc,pv'],
  ['get', 'all'],
  ['get', 'pods', '-o', 'yaml'],
  ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'],
  ['describe', 'sts', 'db-cluster'],
  ['describe', 'pod', 'db-cluster-0'],
  ['get', 'events'],
  ['apply', '-f', 'db-cluster.yaml'],
  ['scale', 'sts', 'db-cluster', '--replicas=REPLICAS'],
  ['get', 'nosuchtype'],
];

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(replicas: number, runs: number): Promise<void> {
  const cluster = createCluster({ seed: 1, nodes: 10 });
  const text = manifest.replace('replicas: 3', `replicas: ${replicas}`);
  const objects = parseAllDocuments(text).map((document) => document.toJS() as unknown);
  cluster.apply(objects);
  cluster.runUntilIdle();
  const readFile = (name: string): string | undefined =>
    name === 'db-cluster.yaml' ? text : undefined;
  const all: number[] = [];
  const lines: string[] = [];
  for (const command of COMMANDS) {
    const args = command.map((word) => word.replace('REPLICAS', String(replicas)));
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await runKubectl(args, { cluster, readFile });
      times.push(performance.now() - start);
    }
    all.push(...times);
    lines.push(
      `  kubectl ${args.join(' ').padEnd(58)} p50 ${percentile(times, 50).toFixed(2).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(2).padStart(6)} ms`,
    );
  }
  console.log(`kubectl latency, db-cluster with ${replicas} pods (${runs} runs each):`);
  for (const line of lines) console.log(line);
  console.log(
    `  all commands: p50 ${percentile(all, 50).toFixed(2)} ms, p95 ${percentile(all, 95).toFixed(2)} ms\n`,
  );
}

await measure(3, 50);
await measure(100, 20);
