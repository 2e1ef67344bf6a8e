/**
 * Benchmarks of the simulated control plane (CPU time on this machine, virtual time in the
 * cluster). Run with `node bench/sim-bench.ts` (Node 22.18+ strips the types). Each figure is the
 * median of a few runs; the 250/500/1000 and 50/100/200/400 series show how cost grows with the
 * number of pods. `node bench/sim-bench.ts 3 roll` runs only the rolling-update series.
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { createCluster, restoreCluster } from '../src/sim/index.ts';
import type { Cluster } from '../src/sim/index.ts';

/** The course's db-cluster StatefulSet (content/files/db-cluster.yaml) at a size and policy. */
const dbClusterSet = parseAllDocuments(
  readFileSync(new URL('../content/files/db-cluster.yaml', import.meta.url), 'utf8'),
)
  .map((document) => document.toJS() as { kind?: string; spec?: Record<string, unknown> })
  .find((object) => object.kind === 'StatefulSet');

function dbSet(
  replicas: number,
  podManagementPolicy: 'Parallel' | 'OrderedReady',
): Record<string, unknown> {
  const set = structuredClone(dbClusterSet);
  if (!set?.spec) throw new Error('content/files/db-cluster.yaml has no StatefulSet');
  set.spec['replicas'] = replicas;
  set.spec['podManagementPolicy'] = podManagementPolicy;
  return set;
}

function readyCount(c: Cluster): number {
  const s = c.get('StatefulSet', 'default', 'db-cluster');
  return s.ok ? (s.object.status?.readyReplicas ?? 0) : -1;
}

/**
 * Runs fn and returns its result with the CPU time it used (user + system, in ms). CPU time is
 * reported rather than wall time because these machines are often shared with other builds.
 */
function time<T>(fn: () => T): [T, number] {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const v = fn();
  const c = process.cpuUsage(c0);
  const wall = performance.now() - w0;
  if (wall > maxWall) {
    maxWall = wall;
    maxWallCpu = (c.user + c.system) / 1000;
  }
  return [v, (c.user + c.system) / 1000];
}

/** The longest wall time of any measured run (the budget is 1 s per scenario). */
let maxWall = 0;
/** The CPU time of that run (wall well above CPU means the machine was busy). */
let maxWallCpu = 0;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function fmt(ms: number): string {
  return `${ms.toFixed(0).padStart(6)} ms`;
}

function applyUntilReady(n: number): Cluster {
  // Nodes hold at most 110 pods each (kind's default), so 1,000 pods need ten workers.
  const c = createCluster({ seed: 1, nodes: 10 });
  c.apply([dbSet(n, 'Parallel')]);
  c.runUntilIdle(3_600_000);
  if (readyCount(c) !== n) throw new Error(`expected ${n} ready, got ${readyCount(c)}`);
  return c;
}

/** "×2 pods → ×2.1 time" for each step of a series of [pods, ms] figures. */
function growth(series: readonly (readonly [number, number])[]): string {
  const out: string[] = [];
  for (let i = 1; i < series.length; i++) {
    const [n0, t0] = series[i - 1] as readonly [number, number];
    const [n1, t1] = series[i] as readonly [number, number];
    out.push(`×${(n1 / n0).toFixed(0)} pods → ×${(t1 / Math.max(t0, 0.001)).toFixed(1)} time`);
  }
  return out.join(', ');
}

const runs = Number(process.argv[2] ?? 3);
// `node bench/sim-bench.ts 3 roll` runs only the rolling-update series.
const only = process.argv[3];
const results: string[] = [];
const applySeries: [number, number][] = [];
const snapSeries: [number, number][] = [];
const scaleSeries: [number, number][] = [];
const rollSeries: [number, number][] = [];
// Warm up the JIT so the first series is not measured cold.
applyUntilReady(200);
for (const n of only === 'roll' ? [] : [250, 500, 1000]) {
  const apply: number[] = [];
  const scaleDown: number[] = [];
  const snap: number[] = [];
  let virtual = 0;
  for (let i = 0; i < runs; i++) {
    const [c, ms] = time(() => applyUntilReady(n));
    apply.push(ms);
    virtual = c.now();
    const [, sms] = time(() => {
      const text = JSON.stringify(c.snapshot());
      const r = restoreCluster(JSON.parse(text) as ReturnType<Cluster['snapshot']>);
      if (readyCount(r) !== n) throw new Error('restore lost pods');
      return text.length;
    });
    snap.push(sms);
    const [, dms] = time(() => {
      c.patch('StatefulSet', 'default', 'db-cluster', { spec: { replicas: 0 } });
      c.runUntilIdle(3_600_000);
      const pods = c.list('Pod', { namespace: 'default' });
      if (!pods.ok || pods.object.length !== 0) throw new Error('scale to 0 failed');
    });
    scaleDown.push(dms);
  }
  applySeries.push([n, median(apply)]);
  snapSeries.push([n, median(snap)]);
  scaleSeries.push([n, median(scaleDown)]);
  results.push(
    `Parallel apply of ${n} replicas until all Ready: ${fmt(median(apply))} CPU (${(virtual / 1000).toFixed(1)} s virtual)`,
  );
  results.push(`snapshot + JSON + restore of the ${n}-pod cluster:   ${fmt(median(snap))} CPU`);
  results.push(
    `Parallel scale ${n} → 0 until all pods are gone:       ${fmt(median(scaleDown))} CPU`,
  );
}
for (const n of [50, 100, 200, 400]) {
  const roll: number[] = [];
  let virtual = 0;
  for (let i = 0; i < runs; i++) {
    const c = applyUntilReady(n);
    const start = c.now();
    const [, ms] = time(() => {
      c.patch('StatefulSet', 'default', 'db-cluster', {
        spec: {
          template: { spec: { containers: [{ name: 'database', image: 'my-database-image:v2' }] } },
        },
      });
      c.runUntilIdle(24 * 3_600_000);
      const s = c.get('StatefulSet', 'default', 'db-cluster');
      if (
        !s.ok ||
        s.object.status?.updatedReplicas !== n ||
        s.object.status.currentRevision !== s.object.status.updateRevision
      )
        throw new Error('rollout incomplete');
    });
    roll.push(ms);
    virtual = c.now() - start;
  }
  rollSeries.push([n, median(roll)]);
  results.push(
    `rolling update of ${n} pods (one at a time):            ${fmt(median(roll))} CPU (${(virtual / 1000).toFixed(0)} s virtual)`,
  );
}
// Linear cost shows as "×2 pods → ×2.0 time"; quadratic would be ×4.
if (applySeries.length > 1) {
  results.push(`growth, Parallel apply:       ${growth(applySeries)}`);
  results.push(`growth, snapshot + restore:   ${growth(snapSeries)}`);
  results.push(`growth, scale to 0:           ${growth(scaleSeries)}`);
}
results.push(`growth, rolling update:       ${growth(rollSeries)}`);
results.push(`longest single run, wall time: ${fmt(maxWall)} (CPU ${fmt(maxWallCpu)})`);
console.log(results.join('\n'));
