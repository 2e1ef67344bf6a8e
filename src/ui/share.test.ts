import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { packState, sharedStateIn, unpackState } from './share.ts';

describe('share links', () => {
  it('round-trips a whole cluster snapshot through a URL-safe string', async () => {
    const cluster = createCluster({ seed: 3 });
    cluster.apply([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'db-service' },
        spec: { clusterIP: 'None', ports: [{ port: 3306 }] },
      },
    ]);
    cluster.runUntilIdle();
    const snapshot = cluster.snapshot();
    const packed = await packState({
      snapshot,
      files: { 'db-cluster.yaml': 'kind: Service\n# ünïcödé ✓\n' },
    });
    expect(packed).toMatch(/^[A-Za-z0-9_-]+$/);
    // Compression matters: the link must stay short enough to paste.
    expect(packed.length).toBeLessThan(JSON.stringify(snapshot).length / 3);
    expect(await unpackState(packed)).toEqual({
      snapshot,
      files: { 'db-cluster.yaml': 'kind: Service\n# ünïcödé ✓\n' },
    });
  });

  it('answers undefined for a damaged link instead of throwing', async () => {
    expect(await unpackState('not-a-real-state')).toBeUndefined();
    expect(await unpackState('')).toBeUndefined();
  });

  it('finds the state in a fragment', () => {
    expect(sharedStateIn('#share=abc_-1')).toBe('abc_-1');
    expect(sharedStateIn('#main')).toBeUndefined();
    expect(sharedStateIn('')).toBeUndefined();
  });
});
