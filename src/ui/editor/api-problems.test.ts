import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index.ts';
import { findApiProblems, parseFieldPath } from './api-problems.ts';

const original = readFileSync(
  new URL('../../../content/files/db-cluster.yaml', import.meta.url),
  'utf8',
);

/** The manifest with one line (1-based) replaced. */
function withLine(line: number, text: string): string {
  const lines = original.split('\n');
  lines[line - 1] = text;
  return lines.join('\n');
}

describe('findApiProblems', () => {
  const cluster = createCluster({ seed: 1 });
  const validate = (object: unknown) => cluster.validate(object);

  it('finds nothing in db-cluster.yaml', () => {
    expect(findApiProblems(original, validate)).toEqual([]);
  });

  it('puts an Invalid value on its key, with kubectl’s wording', () => {
    expect(findApiProblems(withLine(24, '  replicas: -1'), validate)).toEqual([
      {
        startLine: 24,
        startColumn: 3,
        endLine: 24,
        endColumn: 11,
        message:
          'The StatefulSet "db-cluster" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      },
    ]);
  });

  it('places a selector/labels mismatch on the template labels', () => {
    const problems = findApiProblems(withLine(31, '        app: web'), validate);
    expect(problems.map((p) => [p.startLine, p.message.split(': ')[1]])).toEqual([
      [30, 'spec.template.metadata.labels'],
    ]);
  });

  it('places an unknown field (strict decoding) on the misspelled key', () => {
    const problems = findApiProblems(withLine(24, '  replica: 3'), validate);
    expect(problems).toEqual([
      expect.objectContaining({
        startLine: 24,
        startColumn: 3,
        message: 'Error from server (BadRequest): unknown field "spec.replica"',
      }),
    ]);
  });

  it('says nothing about text that is not YAML (the YAML checker does)', () => {
    expect(findApiProblems('kind: [', validate)).toEqual([]);
  });

  it('parses field paths with list indexes', () => {
    expect(parseFieldPath('spec.template.spec.containers[0].ports[1].name')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'ports',
      1,
      'name',
    ]);
  });
});
