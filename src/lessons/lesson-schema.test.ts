import { describe, expect, it } from 'vitest';
import { lessonSchema } from './lesson-schema.ts';

const valid = {
  title: 'What a StatefulSet is',
  description: 'Meet the db-cluster example and what a StatefulSet promises.',
  order: 1,
  minutes: 12,
  objectives: ['Explain ordinals.'],
  workspace: { scenario: 'empty-cluster', files: ['db-cluster.yaml'] },
};

/** The messages a failed parse reports, as "path: message" lines (what the build prints). */
function problems(input: unknown): string[] {
  const result = lessonSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('lesson frontmatter', () => {
  it('accepts a complete lesson and fills in defaults', () => {
    const result = lessonSchema.parse(valid);
    expect(result.draft).toBe(false);
    expect(result.workspace?.files).toEqual(['db-cluster.yaml']);
  });

  it('accepts a lesson without a workspace', () => {
    const { workspace: _workspace, ...prose } = valid;
    expect(problems(prose)).toEqual([]);
  });

  it.each([
    ['a missing title', { ...valid, title: undefined }, /^title: /],
    ['a fractional order', { ...valid, order: 1.5 }, /^order: must be a whole number/],
    ['order zero', { ...valid, order: 0 }, /^order: must be 1 or more$/],
    [
      'no objectives',
      { ...valid, objectives: [] },
      /^objectives: list at least one learning objective$/,
    ],
    [
      'a one-word description',
      { ...valid, description: 'Short.' },
      /^description: write a sentence/,
    ],
    ['an unknown key (a typo)', { ...valid, objective: ['x'] }, /objective/],
    [
      'an unknown scenario',
      { ...valid, workspace: { scenario: 'mars', files: ['db-cluster.yaml'] } },
      /^workspace\.scenario: /,
    ],
    [
      'a file that does not exist',
      { ...valid, workspace: { scenario: 'empty-cluster', files: ['nope.yaml'] } },
      /^workspace\.files\.0: no such file: content\/files\/nope\.yaml$/,
    ],
    [
      'a file name with a folder',
      { ...valid, workspace: { scenario: 'empty-cluster', files: ['../etc/passwd.yaml'] } },
      /^workspace\.files\.0: must be a plain YAML file name/,
    ],
    [
      'a workspace with no files',
      { ...valid, workspace: { scenario: 'empty-cluster', files: [] } },
      /^workspace\.files: list at least one file/,
    ],
  ])('rejects %s with a message that names the field', (_name, input, message) => {
    const found = problems(input);
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.some((line) => message.test(line)),
      found.join('\n'),
    ).toBe(true);
  });
});
