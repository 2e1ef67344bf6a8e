import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';

describe('cluster.validate (server-side dry run)', () => {
  it('accepts db-cluster and stores nothing', () => {
    const c = createCluster({ seed: 1 });
    const before = JSON.stringify(c.snapshot());
    expect(c.validate(dbStatefulSet()).ok).toBe(true);
    expect(c.validate(dbService()).ok).toBe(true);
    expect(JSON.stringify(c.snapshot())).toBe(before);
  });

  it('answers with the API server’s Invalid causes', () => {
    const c = createCluster({ seed: 1 });
    const broken = dbStatefulSet() as { spec: Record<string, unknown> };
    broken.spec['replicas'] = -1;
    const result = c.validate(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status.reason).toBe('Invalid');
    expect(result.status.details?.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: -1: must be greater than or equal to 0',
        field: 'spec.replicas',
      },
    ]);
  });

  it('checks a change to an existing object against the immutable fields', () => {
    const c = createCluster({ seed: 1 });
    c.apply([dbService(), dbStatefulSet()]);
    c.runUntilIdle();
    const changed = dbStatefulSet() as { spec: Record<string, unknown> };
    changed.spec['podManagementPolicy'] = 'Parallel';
    const result = c.validate(changed);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.status.message).toContain('updates to statefulset spec for fields other than');
    // A change of replicas alone is fine.
    const scaled = dbStatefulSet() as { spec: Record<string, unknown> };
    scaled.spec['replicas'] = 5;
    expect(c.validate(scaled).ok).toBe(true);
  });

  it('refuses unknown fields as strict decoding does', () => {
    const c = createCluster({ seed: 1 });
    const typo = dbStatefulSet() as { spec: Record<string, unknown> };
    typo.spec['replicass'] = 3;
    const result = c.validate(typo);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status.message).toContain('unknown field "spec.replicass"');
  });
});
