import { describe, expect, it } from 'vitest';
import { formatLabelSelector, fromLabelSelector, matches, parseSelector } from './labels.ts';

describe('label selectors', () => {
  const labels = { app: 'database', tier: 'backend', env: 'prod' };

  it.each([
    ['app=database', true],
    ['app==database', true],
    ['app!=database', false],
    ['app=database,tier=frontend', false],
    ['tier in (backend, frontend)', true],
    ['tier notin (backend)', false],
    ['env', true],
    ['!env', false],
    ['!missing', true],
    ['missing!=x', true],
    ['', true],
  ])('%s → %s', (sel, expected) => {
    const parsed = parseSelector(sel);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(matches(parsed.selector, labels)).toBe(expected);
  });

  it('reports syntax errors as data', () => {
    const parsed = parseSelector('app=database,,');
    expect(parsed.ok).toBe(false);
  });

  it('compiles matchLabels and matchExpressions; an undefined selector matches nothing', () => {
    const sel = fromLabelSelector({
      matchLabels: { app: 'database' },
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'qa'] }],
    });
    expect(matches(sel, labels)).toBe(true);
    expect(matches(sel, { app: 'database', env: 'dev' })).toBe(false);
    expect(matches(fromLabelSelector(undefined), labels)).toBe(false);
    expect(
      formatLabelSelector({
        matchLabels: { b: '2', a: '1' },
        matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['x', 'y'] }],
      }),
    ).toBe('a=1,b=2,c notin (x,y)');
  });
});
