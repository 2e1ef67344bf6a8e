import { describe, expect, it } from 'vitest';
import { executeJsonPath } from './jsonpath.ts';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'web-0', labels: { 'app.kubernetes.io/name': 'web' } }, spec: { n: 1 } },
    { metadata: { name: 'web-1' }, spec: { n: 2 } },
  ],
};

function run(tpl: string, data: unknown = list): string {
  const r = executeJsonPath(tpl, data);
  if (!r.ok) throw new Error(r.message);
  return r.output;
}

describe('executeJsonPath', () => {
  it('joins several results with spaces and adds no newline', () => {
    expect(run('{.items[*].metadata.name}')).toBe('web-0 web-1');
  });
  it('iterates with range and prints string literals', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\n"}{end}')).toBe('web-0\nweb-1\n');
  });
  it('indexes arrays, including negative indexes', () => {
    expect(run('{.items[0].metadata.name}')).toBe('web-0');
    expect(run('{.items[-1].spec.n}')).toBe('2');
  });
  it('reads keys with dots through quoted brackets', () => {
    expect(run("{.items[0].metadata.labels['app.kubernetes.io/name']}")).toBe('web');
  });
  it('keeps literal text around expressions and prints nothing for missing keys', () => {
    expect(run('name={.items[1].metadata.name} missing={.items[1].status.phase}.')).toBe(
      'name=web-1 missing=.',
    );
  });
  it('prints objects as JSON', () => {
    expect(run('{.items[1].spec}')).toBe('{"n":2}');
  });
  it('reports unclosed actions and ranges as data', () => {
    expect(executeJsonPath('{.items', list).ok).toBe(false);
    expect(executeJsonPath('{range .items[*]}{.a}', list).ok).toBe(false);
    expect(executeJsonPath('{end}', list).ok).toBe(false);
  });
});

describe('executeJsonPath and the prototype', () => {
  it('never reads inherited properties', () => {
    expect(run('{.constructor.name}|{.items[0].toString}|{..constructor}')).toBe('||');
  });
});
