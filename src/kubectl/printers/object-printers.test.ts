import { describe, expect, it } from 'vitest';
import { listOf, toJson, toYaml } from './object-printers.ts';

describe('toYaml (kubectl/go-yaml style)', () => {
  it('sorts keys and does not indent sequences under their key', () => {
    expect(toYaml({ spec: { ports: [{ port: 80, name: 'web' }] }, kind: 'Service' })).toBe(
      'kind: Service\nspec:\n  ports:\n  - name: web\n    port: 80\n',
    );
  });
  it('double-quotes strings that would read as numbers, booleans, null or timestamps', () => {
    expect(
      toYaml({ a: '0', b: 'yes', c: '', d: '2026-01-01T00:00:00Z', e: 'null', f: 'web-0' }),
    ).toBe('a: "0"\nb: "yes"\nc: ""\nd: "2026-01-01T00:00:00Z"\ne: "null"\nf: web-0\n');
  });
  it('single-quotes other strings that cannot be plain, and uses literal blocks for newlines', () => {
    expect(toYaml({ m: 'a: b', j: '{"a":1}\n' })).toBe('j: |\n  {"a":1}\nm: \'a: b\'\n');
  });
  it('wraps several objects in a kind: List', () => {
    const out = toYaml(listOf([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } }]));
    expect(out).toBe(
      'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
  });
});

describe('toJson', () => {
  it('indents by four spaces, sorts keys and escapes like Go', () => {
    expect(toJson({ b: '<&>', a: [] })).toBe(
      '{\n    "a": [],\n    "b": "\\u003c\\u0026\\u003e"\n}\n',
    );
  });
});
