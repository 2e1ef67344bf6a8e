import { describe, expect, it } from 'vitest';
import { applyPatch } from './patch.ts';

const sts = {
  spec: {
    replicas: 3,
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    template: {
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx-slim:0.21', ports: [{ containerPort: 80, name: 'web' }] },
          { name: 'sidecar', image: 'busybox' },
        ],
      },
    },
  },
};

describe('applyPatch', () => {
  it('strategic: merges containers by name instead of replacing the list', () => {
    const r = applyPatch(
      sts,
      {
        spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx-slim:0.24' }] } } },
      },
      'strategic',
    );
    expect(r.ok && r.value).toEqual({
      spec: {
        ...sts.spec,
        template: {
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx-slim:0.24',
                ports: [{ containerPort: 80, name: 'web' }],
              },
              { name: 'sidecar', image: 'busybox' },
            ],
          },
        },
      },
    });
  });

  it('strategic: the OnDelete switch keeps rollingUpdate unless it is set to null (the tutorial trap)', () => {
    const kept = applyPatch(sts, { spec: { updateStrategy: { type: 'OnDelete' } } }, 'strategic');
    expect(kept.ok && (kept.value as typeof sts).spec.updateStrategy).toEqual({
      type: 'OnDelete',
      rollingUpdate: { partition: 0 },
    });
    const fixed = applyPatch(
      sts,
      { spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: null } } },
      'strategic',
    );
    expect(fixed.ok && (fixed.value as typeof sts).spec.updateStrategy).toEqual({
      type: 'OnDelete',
    });
  });

  it('strategic: $patch delete removes a list element by key', () => {
    const r = applyPatch(
      sts,
      { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
      'strategic',
    );
    expect(
      r.ok && (r.value as typeof sts).spec.template.spec.containers.map((c) => c.name),
    ).toEqual(['nginx']);
  });

  it('merge: replaces lists whole', () => {
    const r = applyPatch(
      sts,
      { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'x' }] } } } },
      'merge',
    );
    expect(r.ok && (r.value as typeof sts).spec.template.spec.containers).toEqual([
      { name: 'nginx', image: 'x' },
    ]);
  });

  it('json: replaces by pointer, as the tutorial image update does', () => {
    const r = applyPatch(
      sts,
      [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx-slim:0.24' }],
      'json',
    );
    expect(r.ok && (r.value as typeof sts).spec.template.spec.containers[0]?.image).toBe(
      'nginx-slim:0.24',
    );
    const add = applyPatch(
      sts,
      [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'c3' } }],
      'json',
    );
    expect(add.ok && (add.value as typeof sts).spec.template.spec.containers).toHaveLength(3);
    const bad = applyPatch(sts, [{ op: 'replace', path: '/spec/nope', value: 1 }], 'json');
    expect(bad).toEqual({
      ok: false,
      message: 'replace operation does not apply: doc is missing path: "/spec/nope"',
    });
    const test = applyPatch(sts, [{ op: 'test', path: '/spec/replicas', value: 4 }], 'json');
    expect(test.ok).toBe(false);
  });
});
