import { describe, expect, it } from 'vitest';
import { qualifiedPlural, qualifiedSingular, resolveType } from './resources.ts';

describe('resolveType', () => {
  it.each([
    ['po', 'Pod'],
    ['pods', 'Pod'],
    ['Pod', 'Pod'],
    ['sts', 'StatefulSet'],
    ['statefulset.apps', 'StatefulSet'],
    ['statefulsets.v1.apps', 'StatefulSet'],
    ['svc', 'Service'],
    ['pvc', 'PersistentVolumeClaim'],
    ['pv', 'PersistentVolume'],
    ['sc', 'StorageClass'],
    ['storageclass.storage.k8s.io', 'StorageClass'],
    ['ev', 'Event'],
    ['no', 'Node'],
    ['ns', 'Namespace'],
    ['controllerrevisions', 'ControllerRevision'],
    ['endpoints', 'Endpoints'],
  ])('%s → %s', (input, kind) => {
    expect(resolveType(input)?.map((t) => t.kind)).toEqual([kind]);
  });

  it('expands all to the all category in discovery order', () => {
    expect(resolveType('all')?.map((t) => t.kind)).toEqual([
      'Pod',
      'Service',
      'DaemonSet',
      'Deployment',
      'ReplicaSet',
      'StatefulSet',
    ]);
  });

  it('rejects unknown types and wrong groups', () => {
    expect(resolveType('foo')).toBeUndefined();
    expect(resolveType('sts.batch')).toBeUndefined();
  });

  it('names types as kubectl prints them', () => {
    const sts = resolveType('sts')?.[0];
    const pod = resolveType('po')?.[0];
    expect(sts && qualifiedSingular(sts)).toBe('statefulset.apps');
    expect(sts && qualifiedPlural(sts)).toBe('statefulsets.apps');
    expect(pod && qualifiedSingular(pod)).toBe('pod');
  });
});
