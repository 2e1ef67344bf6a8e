import { describe, expect, it } from 'vitest';
import type { Pod, StatefulSet } from '../../api/types.ts';
import { defaultStatefulSet } from '../../api/defaults.ts';
import {
  getParentNameAndOrdinal,
  getPersistentVolumeClaims,
  identityMatches,
  isRunningAndAvailable,
  newRevision,
  newStatefulSetPod,
  newVersionedStatefulSetPod,
} from './statefulset-utils.ts';

function set(extra: Partial<StatefulSet['spec']> = {}): StatefulSet {
  const s: StatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'www', labels: { extra: 'yes' } },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
      ...extra,
    },
  };
  defaultStatefulSet(s);
  return s;
}

describe('statefulset utils', () => {
  it('parses ordinals like upstream (unparsable names get -1)', () => {
    const p = (name: string) => ({ metadata: { name } }) as Pod;
    expect(getParentNameAndOrdinal(p('web-12'))).toEqual(['web', 12]);
    expect(getParentNameAndOrdinal(p('my-web-0'))).toEqual(['my-web', 0]);
    expect(getParentNameAndOrdinal(p('web'))).toEqual(['', -1]);
    expect(getParentNameAndOrdinal(p('web-x'))).toEqual(['', -1]);
  });

  it('builds the pod with identity, storage and owner reference', () => {
    const pod = newStatefulSetPod(set(), 2);
    expect(pod.metadata.name).toBe('web-2');
    expect(pod.metadata.generateName).toBe('web-');
    expect(pod.metadata.labels).toEqual({
      app: 'nginx',
      'statefulset.kubernetes.io/pod-name': 'web-2',
      'apps.kubernetes.io/pod-index': '2',
    });
    expect(pod.spec.hostname).toBe('web-2');
    expect(pod.spec.subdomain).toBe('nginx');
    expect(pod.spec.volumes).toEqual([
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-2' } },
    ]);
    expect(identityMatches(set(), pod)).toBe(true);
  });

  it('labels claims with the template labels plus the selector', () => {
    const claims = getPersistentVolumeClaims(set(), 0);
    expect(claims.get('www')?.metadata).toEqual({
      name: 'www-web-0',
      namespace: 'default',
      labels: { extra: 'yes', app: 'nginx' },
    });
  });

  it('creates ordinals below the partition at the current revision', () => {
    const s = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    const labelOf = (o: number) =>
      newVersionedStatefulSetPod(s, s, 'web-old', 'web-new', o).metadata.labels?.[
        'controller-revision-hash'
      ];
    expect([0, 1, 2].map(labelOf)).toEqual(['web-old', 'web-old', 'web-new']);
    const onDelete = set({ updateStrategy: { type: 'OnDelete' } });
    expect(
      newVersionedStatefulSetPod(onDelete, onDelete, 'a', 'b', 0).metadata.labels?.[
        'controller-revision-hash'
      ],
    ).toBe('b');
  });

  it('hashes only the template: same template, same name; new image, new name', () => {
    const a = newRevision(set(), 1, 0);
    const b = newRevision(set({ replicas: 7, updateStrategy: { type: 'OnDelete' } }), 1, 0);
    const s2 = set();
    (s2.spec.template.spec.containers[0] as { image: string }).image =
      'registry.k8s.io/nginx-slim:0.24';
    const c = newRevision(s2, 2, 0);
    expect(a.metadata.name).toMatch(/^web-[4-9bcdf]{1,10}$/);
    expect(b.metadata.name).toBe(a.metadata.name);
    expect(c.metadata.name).not.toBe(a.metadata.name);
    expect(a.metadata.labels?.['controller.kubernetes.io/hash']).toBe(a.metadata.name.slice(4));
  });

  it('counts a pod as available only after minReadySeconds of readiness', () => {
    const pod = {
      metadata: { name: 'web-0' },
      status: {
        phase: 'Running',
        conditions: [
          {
            type: 'Ready',
            status: 'True',
            lastTransitionTime: '2026-01-01T00:00:10Z',
            lastProbeTime: null,
          },
        ],
      },
    } as unknown as Pod;
    expect(isRunningAndAvailable(pod, 0, 10_000)).toBe(true);
    expect(isRunningAndAvailable(pod, 5, 14_999)).toBe(false);
    expect(isRunningAndAvailable(pod, 5, 15_000)).toBe(true);
  });
});
