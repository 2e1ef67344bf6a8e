import { expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';

it('smoke', () => {
  const c = createCluster({ seed: 1 });
  const res = c.apply([dbService(), dbStatefulSet()]);
  expect(res.map((r) => (r.ok ? r.action : r.status.message))).toEqual(['created', 'created']);
  const idle = c.runUntilIdle();
  for (const e of c.events()) console.log(e.lastTimestamp, e.involvedObject.kind, e.involvedObject.name, e.reason, e.message, e.source.component);
  for (const t of c.trace()) console.log(t.time, t.component, t.object.name, t.verdict, t.message);
  console.log(idle, c.now());
  const pods = c.list('Pod', { namespace: 'default' });
  if (pods.ok) for (const p of pods.object) console.log(p.metadata.name, p.status?.phase, p.spec.nodeName, p.status?.podIP, JSON.stringify(p.metadata.labels));
  const pvcs = c.list('PersistentVolumeClaim', { namespace: 'default' });
  if (pvcs.ok) for (const p of pvcs.object) console.log(p.metadata.name, p.status?.phase, p.spec.volumeName, JSON.stringify(p.metadata.labels));
  const sts = c.get('StatefulSet', 'default', 'db-cluster');
  if (sts.ok) console.log(JSON.stringify(sts.object.status));
});
