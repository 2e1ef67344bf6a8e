import { describe, expect, it } from 'vitest';
import { coursePositions, orderLessons } from './course.ts';

const lesson = (id: string, order: number, draft = false) => ({
  id,
  data: { title: id, order, draft },
});

describe('orderLessons', () => {
  it('sorts by the order field, not by file name', () => {
    const ordered = orderLessons([
      lesson('b-intro', 1),
      lesson('a-scaling', 3),
      lesson('c-storage', 2),
    ]);
    expect(ordered.map((entry) => entry.id)).toEqual(['b-intro', 'c-storage', 'a-scaling']);
  });

  it('leaves drafts out unless asked for them', () => {
    const entries = [lesson('one', 1), lesson('two', 2, true)];
    expect(orderLessons(entries).map((entry) => entry.id)).toEqual(['one']);
    expect(orderLessons(entries, { includeDrafts: true }).map((entry) => entry.id)).toEqual([
      'one',
      'two',
    ]);
  });

  it('refuses two lessons with the same position and names both', () => {
    expect(() => orderLessons([lesson('first', 1), lesson('second', 1)])).toThrow(
      'Lessons "first" and "second" both have order: 1.',
    );
  });
});

describe('coursePositions', () => {
  it('links each lesson to its neighbours', () => {
    const positions = coursePositions(
      orderLessons([lesson('a', 1), lesson('b', 2), lesson('c', 3)]),
    );
    expect(positions.map((p) => [p.previous?.id, p.lesson.id, p.next?.id])).toEqual([
      [undefined, 'a', 'b'],
      ['a', 'b', 'c'],
      ['b', 'c', undefined],
    ]);
  });
});
