import { describe, expect, it } from 'vitest';
import { canonicalJson, createMergePatch, deepEqual, deepFreeze, mergePatch } from './json.ts';

describe('json helpers', () => {
  it('serialises with sorted keys like Go maps', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('applies and creates RFC 7386 merge patches', () => {
    const from = { spec: { replicas: 3, serviceName: 'db' }, keep: true };
    const to = { spec: { replicas: 5 }, keep: true };
    const patch = createMergePatch(from, to);
    expect(patch).toEqual({ spec: { replicas: 5, serviceName: null } });
    expect(mergePatch(from, patch)).toEqual(to);
  });

  it('compares structurally and freezes deeply', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false);
    const o = deepFreeze({ a: { b: [1] } });
    expect(Object.isFrozen(o.a.b)).toBe(true);
  });
});
