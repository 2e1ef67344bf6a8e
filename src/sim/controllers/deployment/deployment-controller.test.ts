import { describe, expect, it } from 'vitest';
import type { Deployment, PodTemplateSpec } from '../../api/types.ts';
import { computeHash, equalIgnoreHash, resolveFenceposts } from './deployment-controller.ts';

function deployment(replicas: number, rollingUpdate: Record<string, unknown>): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas,
      strategy: { type: 'RollingUpdate', rollingUpdate },
      template: { spec: { containers: [{ name: 'c' }] } },
    },
  };
}

describe('deployment utilities', () => {
  it('resolves fenceposts: surge rounds up, unavailable down, never both zero', () => {
    expect(resolveFenceposts(deployment(4, { maxSurge: '25%', maxUnavailable: '25%' }))).toEqual({
      maxSurge: 1,
      maxUnavailable: 1,
    });
    expect(resolveFenceposts(deployment(3, { maxSurge: '25%', maxUnavailable: '25%' }))).toEqual({
      maxSurge: 1,
      maxUnavailable: 0,
    });
    expect(resolveFenceposts(deployment(3, { maxSurge: 0, maxUnavailable: 0 }))).toEqual({
      maxSurge: 0,
      maxUnavailable: 1,
    });
  });

  it('hashes templates into the safe alphabet and ignores the hash label when comparing', () => {
    const t: PodTemplateSpec = { metadata: { labels: { app: 'web' } }, spec: { containers: [] } };
    const hash = computeHash(t);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(computeHash(t, 1)).not.toBe(hash);
    const labelled = { ...t, metadata: { labels: { app: 'web', 'pod-template-hash': hash } } };
    expect(equalIgnoreHash(t, labelled)).toBe(true);
  });
});
