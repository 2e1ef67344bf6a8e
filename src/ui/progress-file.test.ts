import { describe, expect, it } from 'vitest';
import { exportProgress, importProgress } from './progress-file.ts';
import { memoryStorage } from './testing/memory-storage.ts';

describe('progress files', () => {
  it('exports only StatefulSet Lab’s keys and imports them into another browser', () => {
    const mine = memoryStorage({
      'sts-lab:theme': 'dark',
      'sts-lab:workspace:/sandbox/#db-cluster.yaml': '{"format":"x"}',
      'someone-else': 'keep out',
    });
    const file = exportProgress(mine, new Date('2026-11-26T12:00:00Z'));
    expect(Object.keys(file.items).sort()).toEqual([
      'sts-lab:theme',
      'sts-lab:workspace:/sandbox/#db-cluster.yaml',
    ]);
    expect(file.exportedAt).toBe('2026-11-26T12:00:00.000Z');

    const theirs = memoryStorage({ 'sts-lab:theme': 'light' });
    expect(importProgress(theirs, JSON.stringify(file))).toEqual({ ok: true, count: 2 });
    expect(theirs.getItem('sts-lab:theme')).toBe('dark');
    expect(theirs.getItem('someone-else')).toBeNull();
  });

  it.each([
    ['not JSON', '{oops', 'This file is not JSON: choose a file exported by StatefulSet Lab.'],
    [
      'another format',
      '{"format":"other","items":{}}',
      'This file is not a StatefulSet Lab progress export.',
    ],
  ])('refuses %s without writing anything', (_name, text, message) => {
    const storage = memoryStorage();
    expect(importProgress(storage, text)).toEqual({ ok: false, message });
    expect(storage.length).toBe(0);
  });

  it('ignores keys that are not StatefulSet Lab’s', () => {
    const storage = memoryStorage();
    const text = JSON.stringify({
      format: 'statefulset-lab/progress@1',
      exportedAt: '',
      items: { evil: 'x', 'sts-lab:a': 'b' },
    });
    expect(importProgress(storage, text)).toEqual({ ok: true, count: 1 });
    expect(storage.getItem('evil')).toBeNull();
  });
});
