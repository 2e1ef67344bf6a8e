import { describe, expect, it } from 'vitest';
import { fileNameProblem, isFileName } from './file-tabs.ts';

describe('new file names', () => {
  it('accepts manifest names kubectl apply -f can read', () => {
    for (const name of ['web.yaml', 'my-app.yml', 'db_cluster.v2.yaml', '0.yaml'])
      expect(fileNameProblem(name, ['db-cluster.yaml']), name).toBeUndefined();
  });

  it('refuses a name already open, or one without a YAML extension', () => {
    expect(fileNameProblem('db-cluster.yaml', ['db-cluster.yaml'])).toBe(
      'db-cluster.yaml is already open.',
    );
    expect(fileNameProblem('notes.txt', [])).toBe('The name must end in .yaml or .yml.');
    expect(fileNameProblem('', [])).toBe('Type a name, such as my-app.yaml.');
  });

  it('refuses paths, spaces, odd unicode and very long names', () => {
    for (const name of [
      '../x.yaml',
      'dir/x.yaml',
      'a b.yaml',
      'ünïcode.yaml',
      '.hidden.yaml',
      '-x.yaml',
    ])
      expect(isFileName(name), name).toBe(false);
    expect(fileNameProblem(`${'a'.repeat(70)}.yaml`, [])).toMatch(/63 characters/);
  });
});
