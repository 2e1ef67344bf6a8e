import { describe, expect, it } from 'vitest';
import {
  controllerRevisionName,
  fnv32,
  hashControllerRevision,
  safeEncodeString,
  utf8Bytes,
} from './controller-history.ts';

describe('controller-history', () => {
  it('implements FNV-1 32 (reference vectors of the Go hash/fnv package)', () => {
    expect(fnv32(utf8Bytes(''))).toBe(0x811c9dc5);
    expect(fnv32(utf8Bytes('a'))).toBe(0x050c5d7e);
    expect(fnv32(utf8Bytes('foobar'))).toBe(0x31f0b262);
  });

  it('safe-encodes digits to 4-9 and b c d f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('produces names of the upstream shape', () => {
    const hash = hashControllerRevision('{"spec":{"template":{"$patch":"replace"}}}', 0);
    expect(hash).toMatch(/^[4-9bcdf]{1,10}$/);
    if (hash.length === 10) expect(hash[0]).toMatch(/[5-8]/);
    expect(controllerRevisionName('web', hash)).toBe(`web-${hash}`);
    expect(controllerRevisionName('x'.repeat(300), 'h')).toHaveLength(225);
  });
});
