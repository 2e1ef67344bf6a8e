import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeGoTemplate, goValue } from './gotemplate.ts';

const pod = {
  metadata: { name: 'web-0', labels: { app: 'nginx', tier: 'web' } },
  spec: {
    containers: [
      { name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' },
      { name: 'side', image: 'busybox:1.28' },
    ],
  },
  status: { replicas: 3 },
};

function run(t: string, data: unknown = pod): string {
  const r = executeGoTemplate(t, data);
  if (!r.ok) throw new Error(r.message);
  return r.output;
}

describe('go-template subset', () => {
  it('prints field chains', () => {
    expect(run('{{.metadata.name}}')).toBe('web-0');
    expect(run('name={{ .metadata.name }}!')).toBe('name=web-0!');
  });
  it('ranges with two variables, as the StatefulSet Basics tutorial does', () => {
    expect(run('{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}')).toBe(
      'registry.k8s.io/nginx-slim:0.24busybox:1.28',
    );
    expect(run('{{range $i, $c := .spec.containers}}{{$i}}:{{$c.name}} {{end}}')).toBe(
      '0:nginx 1:side ',
    );
  });
  it('ranges over items with the dot and string literals with escapes', () => {
    const list = { items: [pod, { ...pod, metadata: { name: 'web-1' } }] };
    expect(run('{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}', list)).toBe('web-0\nweb-1\n');
  });
  it('ranges over maps in key order and supports else', () => {
    expect(run('{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}')).toBe(
      'app=nginx;tier=web;',
    );
    expect(run('{{range .nothing}}x{{else}}empty{{end}}')).toBe('empty');
  });
  it('has if/with, index, len and trim markers', () => {
    expect(run('{{if .metadata.labels}}yes{{else}}no{{end}}')).toBe('yes');
    expect(run('{{with .spec}}{{len .containers}}{{end}}')).toBe('2');
    expect(run('{{index .metadata.labels "app"}}')).toBe('nginx');
    expect(run('{{(index .spec.containers 1).image}}')).toBe('busybox:1.28');
    expect(run('a  {{- .metadata.name -}}  b')).toBe('aweb-0b');
  });
  it('prints numbers, maps and missing keys as Go does', () => {
    expect(run('{{.status.replicas}}')).toBe('3');
    expect(goValue(1000000)).toBe('1e+06');
    expect(goValue(123456)).toBe('123456');
    expect(run('{{.metadata.labels}}')).toBe('map[app:nginx tier:web]');
    expect(run('{{.metadata.missing}}')).toBe('<no value>');
  });
  it('reports parse and execution errors as data', () => {
    const unclosed = executeGoTemplate('{{range .items}}x', pod);
    expect(unclosed.ok).toBe(false);
    const badFn = executeGoTemplate('{{nope .x}}', pod);
    expect(badFn.ok).toBe(false);
    if (!badFn.ok) expect(badFn.message).toContain('function "nope" not defined');
    const field = executeGoTemplate('{{.metadata.name.first}}', pod);
    expect(field.ok).toBe(false);
  });

  it('never throws or hangs on hostile templates', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '{{',
        '}}',
        '{{-',
        '-}}',
        ' ',
        '(',
        ')',
        '"',
        '`',
        '\\',
        '$',
        '$i, $c :=',
        ',',
        ':=',
        '.',
        '.metadata',
        '.spec.containers',
        'range',
        'if',
        'else',
        'end',
        'with',
        'index',
        'len',
        'printf',
        '"%s"',
        '1',
        'nil',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
        const r = executeGoTemplate(parts.join(''), pod);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
});
