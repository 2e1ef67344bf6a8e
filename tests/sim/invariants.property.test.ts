/**
 * Property test: random sequences of scale / delete pod / force delete / node down and up /
 * readiness failures / advance / run-until-idle commands, with the StatefulSet invariants checked
 * on every watch event and after every command, and the at-rest state checked once every fault
 * is cleared.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster, isRunningAndReady } from '../../src/sim/index.ts';
import type { Cluster, Pod } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';

type Command =
  | { readonly kind: 'scale'; readonly replicas: number }
  | { readonly kind: 'delete'; readonly ordinal: number }
  | { readonly kind: 'force-delete'; readonly ordinal: number }
  | { readonly kind: 'node'; readonly worker: number; readonly down: boolean }
  | { readonly kind: 'unready'; readonly ordinal: number; readonly on: boolean }
  | {
      readonly kind: 'crash';
      readonly ordinal: number;
      readonly on: boolean;
      readonly afterSeconds: number;
    }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'idle' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('delete' as const), ordinal: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
  fc.constant({ kind: 'idle' as const }),
);

/** Commands that also break things: force deletes, node failures, readiness failures, crashes. */
const chaosCommand: fc.Arbitrary<Command> = fc.oneof(
  command,
  fc.record({
    kind: fc.constant('force-delete' as const),
    ordinal: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('node' as const),
    worker: fc.integer({ min: 1, max: 3 }),
    down: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('unready' as const),
    ordinal: fc.integer({ min: 0, max: 5 }),
    on: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('crash' as const),
    ordinal: fc.integer({ min: 0, max: 5 }),
    on: fc.boolean(),
    afterSeconds: fc.integer({ min: 0, max: 30 }),
  }),
);

/** The db-cluster template with a readiness probe, so readiness faults bite. */
const probeTemplate = {
  metadata: { labels: { app: 'database' } },
  spec: {
    containers: [
      {
        name: 'database',
        image: 'my-database-image:latest',
        ports: [{ containerPort: 3306, name: 'mysql' }],
        volumeMounts: [{ name: 'data-volume', mountPath: '/var/lib/database' }],
        readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 5 },
      },
    ],
  },
};

function workerName(i: number): string {
  return i === 1 ? 'kind-worker' : `kind-worker${i}`;
}

function listPods(c: Cluster): Pod[] {
  const r = c.list('Pod', { namespace: 'default' });
  return r.ok ? r.object : [];
}

function ordinal(p: Pod): number {
  return Number(p.metadata.labels?.['apps.kubernetes.io/pod-index'] ?? -1);
}

/** Runs one session and returns the first violated invariant, or undefined. */
function runSession(
  seed: number,
  policy: 'OrderedReady' | 'Parallel',
  commands: readonly Command[],
  whenScaled: 'Retain' | 'Delete' = 'Retain',
  probe = false,
): string | undefined {
  const c = createCluster({ seed });
  let violation: string | undefined;
  const fail = (msg: string): void => {
    violation ??= `${msg} at t=${c.now()}`;
  };
  c.watch((ev) => {
    const o = ev.object;
    if (o.kind === 'PersistentVolumeClaim' && ev.type === 'DELETED') {
      if (whenScaled === 'Retain') fail(`PVC ${o.metadata.name} deleted under Retain`);
      // Under whenScaled: Delete a claim may only go once the condemned pod that owns it is gone.
      const podRefs = (o.metadata.ownerReferences ?? []).filter((r) => r.kind === 'Pod');
      const ownerAlive = podRefs.some((r) => {
        const p = c.get('Pod', 'default', r.name);
        return p.ok && p.object.metadata.uid === r.uid;
      });
      if (podRefs.length === 0 || ownerAlive)
        fail(`PVC ${o.metadata.name} deleted while not owned by a gone pod`);
    }
    if (o.kind !== 'Pod' || ev.type !== 'ADDED') return;
    const pod = o as Pod;
    if (pod.metadata.labels?.['statefulset.kubernetes.io/pod-name'] !== pod.metadata.name)
      fail(`identity label wrong on ${pod.metadata.name}`);
    const claim = pod.spec.volumes?.find((v) => v.name === 'data-volume')?.persistentVolumeClaim
      ?.claimName;
    if (claim !== `data-volume-${pod.metadata.name}`)
      fail(`${pod.metadata.name} mounts ${claim ?? 'nothing'}`);
    if (!c.get('PersistentVolumeClaim', 'default', claim ?? '').ok)
      fail(`${pod.metadata.name} created before its PVC`);
    if (policy === 'OrderedReady') {
      const n = ordinal(pod);
      const byOrdinal = new Map(listPods(c).map((p) => [ordinal(p), p]));
      for (let i = 0; i < n; i++) {
        const prev = byOrdinal.get(i);
        if (
          prev === undefined ||
          !isRunningAndReady(prev) ||
          prev.metadata.deletionTimestamp !== undefined
        ) {
          fail(
            `OrderedReady created ${pod.metadata.name} while db-cluster-${i} was not Running and Ready`,
          );
        }
      }
    }
  });
  c.apply([
    dbService(),
    dbStatefulSet({
      ...(probe ? { template: probeTemplate } : {}),
      podManagementPolicy: policy,
      persistentVolumeClaimRetentionPolicy: { whenScaled, whenDeleted: 'Retain' },
    }),
  ]);
  for (const cmd of commands) {
    switch (cmd.kind) {
      case 'scale':
        c.patch('StatefulSet', 'default', 'db-cluster', { spec: { replicas: cmd.replicas } });
        break;
      case 'delete':
        c.delete('Pod', 'default', `db-cluster-${cmd.ordinal}`);
        break;
      case 'force-delete':
        c.delete('Pod', 'default', `db-cluster-${cmd.ordinal}`, { gracePeriodSeconds: 0 });
        break;
      case 'node': {
        const fault = { kind: 'node-down', node: workerName(cmd.worker) } as const;
        if (cmd.down) c.injectFault(fault);
        else c.clearFault(fault);
        break;
      }
      case 'unready': {
        const fault = { kind: 'readiness', pod: `db-cluster-${cmd.ordinal}` } as const;
        if (cmd.on) c.injectFault(fault);
        else c.clearFault(fault);
        break;
      }
      case 'crash': {
        const fault = {
          kind: 'crash',
          pod: `db-cluster-${cmd.ordinal}`,
          afterSeconds: cmd.afterSeconds,
        } as const;
        if (cmd.on) c.injectFault(fault);
        else c.clearFault(fault);
        break;
      }
      case 'advance':
        c.advance(cmd.ms);
        break;
      case 'idle':
        c.runUntilIdle();
        break;
    }
    // Identity: one pod per name is guaranteed by the store; one per ordinal must hold too.
    const ords = listPods(c).map(ordinal);
    if (new Set(ords).size !== ords.length) fail(`two pods share an ordinal: ${ords.join(',')}`);
    if (violation !== undefined) return violation;
  }
  for (const f of [...c.activeFaults()]) c.clearFault(f);
  c.runUntilIdle();
  const set = c.get('StatefulSet', 'default', 'db-cluster');
  if (!set.ok) return 'StatefulSet vanished';
  const replicas = set.object.spec.replicas ?? 0;
  const pods = listPods(c);
  const expected = Array.from({ length: replicas }, (_, i) => `db-cluster-${i}`);
  if (JSON.stringify(pods.map((p) => p.metadata.name).sort()) !== JSON.stringify(expected.sort())) {
    fail(
      `at rest the pods are ${pods.map((p) => p.metadata.name).join(',')} instead of ${expected.join(',')}`,
    );
  }
  if (!pods.every(isRunningAndReady)) fail('at rest not every pod is Running and Ready');
  const st = set.object.status;
  if (st?.replicas !== pods.length)
    fail(`status.replicas ${st?.replicas ?? '-'} != ${pods.length} pods`);
  if ((st?.readyReplicas ?? 0) !== pods.filter(isRunningAndReady).length)
    fail('status.readyReplicas does not match the pods');
  if ((st?.updatedReplicas ?? 0) !== pods.length)
    fail('status.updatedReplicas does not match the pods');
  if (st?.availableReplicas !== pods.length)
    fail('status.availableReplicas does not match the pods');
  return violation;
}

describe('StatefulSet invariants over random command sequences', () => {
  for (const policy of ['OrderedReady', 'Parallel'] as const) {
    it(`hold for ${policy}`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.array(command, { maxLength: 12 }),
          (seed, commands) => {
            expect(runSession(seed, policy, commands)).toBeUndefined();
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('hold with whenScaled: Delete (claims of scaled-down ordinals only)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(command, { maxLength: 12 }),
        fc.constantFrom('OrderedReady' as const, 'Parallel' as const),
        (seed, commands, policy) => {
          expect(runSession(seed, policy, commands, 'Delete')).toBeUndefined();
        },
      ),
      { numRuns: 100 },
    );
  });

  it('hold under chaos: force deletes, node failures, readiness failures and crash loops', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(chaosCommand, { maxLength: 14 }),
        fc.constantFrom('OrderedReady' as const, 'Parallel' as const),
        fc.constantFrom('Retain' as const, 'Delete' as const),
        (seed, commands, policy, whenScaled) => {
          expect(runSession(seed, policy, commands, whenScaled, true)).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
  });

  it('replays a session with the same seed to the identical event log', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(command, { maxLength: 8 }),
        (seed, commands) => {
          const log = (): string => {
            const c = createCluster({ seed });
            c.apply([dbService(), dbStatefulSet()]);
            for (const cmd of commands) {
              if (cmd.kind === 'scale')
                c.patch('StatefulSet', 'default', 'db-cluster', {
                  spec: { replicas: cmd.replicas },
                });
              else if (cmd.kind === 'delete')
                c.delete('Pod', 'default', `db-cluster-${cmd.ordinal}`);
              else if (cmd.kind === 'advance') c.advance(cmd.ms);
              else c.runUntilIdle();
            }
            return JSON.stringify(c.events());
          };
          expect(log()).toBe(log());
        },
      ),
      { numRuns: 40 },
    );
  });
});
