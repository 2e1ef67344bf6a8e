import { describe, expect, it } from 'vitest';
import { joinBase } from './paths.ts';

describe('joinBase', () => {
  it.each([
    ['/', '', '/'],
    ['/', 'lessons/x/', '/lessons/x/'],
    ['/', '/lessons/x/', '/lessons/x/'],
    ['/statefulset-lab/', 'favicon.svg', '/statefulset-lab/favicon.svg'],
    ['/statefulset-lab', 'lessons/x/', '/statefulset-lab/lessons/x/'],
    ['/statefulset-lab/', '//lessons/x/', '/statefulset-lab/lessons/x/'],
  ])('joinBase(%j, %j) is %j', (base, path, expected) => {
    expect(joinBase(base, path)).toBe(expected);
  });
});
