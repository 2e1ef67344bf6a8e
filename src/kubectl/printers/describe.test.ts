import { describe, expect, it } from 'vitest';
import type { StatefulSet } from '../../sim/index.ts';
import { describeStatefulSet, rfc1123z } from './describe.ts';

const sts: StatefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: {
    name: 'web',
    namespace: 'default',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { tier: 'db', app: 'nginx' },
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{}\n',
      note: 'x'.repeat(150),
    },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'nginx' } },
    updateStrategy: { type: 'RollingUpdate' },
    template: {
      metadata: {
        labels: { app: 'nginx' },
        annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:31Z' },
      },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  },
};

describe('describeStatefulSet', () => {
  const out = describeStatefulSet(sts, [], [], 0).split('\n');

  it('prints labels one per line, aligned under the first value', () => {
    expect(out.slice(4, 6)).toEqual([
      'Labels:             app=nginx',
      '                    tier=db',
    ]);
  });

  it('prints annotations as key: value, hides last-applied, and moves long values below', () => {
    expect(out.slice(6, 8)).toEqual([
      'Annotations:        note:',
      `                      ${'x'.repeat(138)}...`,
    ]);
    expect(out).toContain(
      '  Annotations:  kubectl.kubernetes.io/restartedAt: 2026-01-01T00:00:31Z',
    );
  });

  it('omits Partition without a rollingUpdate block; <none> lines join the tabbed block above', () => {
    expect(out.some((l) => l.includes('Partition:'))).toBe(false);
    expect(out.slice(-6)).toEqual([
      '  Volumes:         <none>',
      '  Node-Selectors:  <none>',
      '  Tolerations:     <none>',
      'Volume Claims:     <none>',
      'Events:            <none>',
      '',
    ]);
  });
});

describe('rfc1123z', () => {
  it('formats like Go time.RFC1123Z in UTC', () => {
    expect(rfc1123z('2025-11-25T10:15:03Z')).toBe('Tue, 25 Nov 2025 10:15:03 +0000');
  });
});
