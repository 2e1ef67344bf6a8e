import { describe, expect, it } from 'vitest';
import {
  clearProgress,
  loadProgress,
  markDone,
  noteTotal,
  progressSummary,
} from './lesson-progress.ts';
import { memoryStorage } from './testing/memory-storage.ts';

describe('lesson progress', () => {
  it('records passed checks once each and summarises them', () => {
    const storage = memoryStorage();
    expect(progressSummary(loadProgress(storage, 'ordered-pods'))).toBeUndefined();
    noteTotal(storage, 'ordered-pods', 3);
    markDone(storage, 'ordered-pods', 'ready');
    markDone(storage, 'ordered-pods', 'ready');
    expect(loadProgress(storage, 'ordered-pods').done).toEqual(['ready']);
    expect(progressSummary(loadProgress(storage, 'ordered-pods'))).toBe('1 of 3 checks');
    markDone(storage, 'ordered-pods', 'scaled');
    markDone(storage, 'ordered-pods', 'order');
    expect(progressSummary(loadProgress(storage, 'ordered-pods'))).toBe('done');
    // Other lessons are untouched, and a reset forgets only this one.
    markDone(storage, 'what-is-a-statefulset', 'dns');
    clearProgress(storage, 'ordered-pods');
    expect(loadProgress(storage, 'ordered-pods').done).toEqual([]);
    expect(loadProgress(storage, 'what-is-a-statefulset').done).toEqual(['dns']);
  });

  it('ignores unreadable or foreign records', () => {
    const storage = memoryStorage({
      'sts-lab:progress:a': '{not json',
      'sts-lab:progress:b': JSON.stringify({ done: ['x'], total: 1 }),
    });
    expect(loadProgress(storage, 'a').done).toEqual([]);
    expect(loadProgress(storage, 'b').done).toEqual([]);
  });
});
