// Replays the `$ ` lines of one golden transcript through the shell and writes the RAW simulator
// state (objects from the simulator's API, never kubectl output) before each line, plus every Pod
// and StatefulSet watch event during the line. generate.py turns these facts into expected output.
// Usage: node tests/golden/regenerate/dump-facts.mjs tests/golden/scale.txt /tmp/sts-lab-facts/f-scale.json
import { readFileSync, writeFileSync } from 'node:fs';
import { createCluster } from '../../../src/sim/index.ts';
import { createShell } from '../../../src/shell/index.ts';
import { readBuiltin } from '../../../src/cli/builtin-files.ts';
import { GOLDEN_FILES } from '../fixtures.ts';

const KINDS = [
  'Pod',
  'StatefulSet',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Service',
  'ControllerRevision',
  'Node',
  'Namespace',
  'StorageClass',
  'Event',
  'EndpointSlice',
  'PodDisruptionBudget',
  'DaemonSet',
  'Deployment',
  'ReplicaSet',
];

const [input, output] = process.argv.slice(2);
// Input lines follow a prompt: `$ `, `> ` (here-document lines), or a container shell's.
const PROMPT = /^(\$ |> |\/ # |# |root@[^:\s]+:\/# )/;
const text = readFileSync(input, 'utf8').split('\n');
const first = text.findIndex((l) => l.startsWith('$ '));
const lines = text
  .slice(first)
  .filter((l) => PROMPT.test(l))
  .map((l) => l.replace(PROMPT, ''));
const cluster = createCluster({ seed: 1 });
const readFile = (p) => (Object.hasOwn(GOLDEN_FILES, p) ? GOLDEN_FILES[p] : readBuiltin(p));
const shell = createShell({ cluster, readFile });
const state = () => {
  const out = { now: cluster.now() };
  for (const k of KINDS) {
    const r = cluster.list(k);
    out[k] = r.ok ? r.object : [];
  }
  return out;
};
let events = [];
cluster.onChange((ev) => {
  if (ev.object.kind === 'Pod' || ev.object.kind === 'StatefulSet')
    events.push({ t: cluster.now(), type: ev.type, kind: ev.object.kind, obj: ev.object });
});
const result = [];
for (const line of lines) {
  const before = state();
  const prompt = shell.prompt();
  events = [];
  await shell.run(line);
  result.push({ line, prompt, before, events });
}
writeFileSync(output, JSON.stringify(result));
