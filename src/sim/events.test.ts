import { describe, expect, it } from 'vitest';
import { Emitter } from './events.ts';

describe('Emitter', () => {
  it('fires listeners in order and stops after dispose', () => {
    const e = new Emitter<number>();
    const seen: string[] = [];
    const a = e.event((v) => seen.push(`a${v}`));
    e.event((v) => seen.push(`b${v}`));
    e.fire(1);
    a.dispose();
    a.dispose();
    e.fire(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
  });
});
