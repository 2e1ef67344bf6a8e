// Replays each lesson's solution against a fresh simulated cluster and asserts that every
// <Check> of the lesson passes at the step where a learner following the prose reaches it, and
// not before: a check that could never pass (or passes from the start) is a broken lesson.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import { evaluateCheck, type CheckDefinition } from '../../src/ui/checks.ts';

const lessonsDir = new URL('../../content/lessons/', import.meta.url);
const dbCluster = readFileSync(
  new URL('../../content/files/db-cluster.yaml', import.meta.url),
  'utf8',
);

/** The <Check> elements of an MDX file, with their attributes. */
function checksOf(mdx: string): CheckDefinition[] {
  return [...mdx.matchAll(/<Check\b([^>]*)>/g)].map((found) => {
    const attributes: Record<string, string> = {};
    for (const pair of (found[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)) {
      attributes[pair[1] ?? ''] = pair[2] ?? '';
    }
    return { ...attributes, id: attributes['id'] ?? '' };
  });
}

/** A learner's path through each lesson: commands, then the checks that pass after them. */
const SOLUTIONS: Record<string, { run: string[]; passes: string[] }[]> = {
  'what-is-a-statefulset': [
    { run: [], passes: [] },
    { run: ['apply -f db-cluster.yaml'], passes: ['applied'] },
    { run: ['scale sts db-cluster --replicas=2'], passes: ['claim-outlives-pod'] },
  ],
  'ordered-pods': [
    { run: [], passes: [] },
    { run: ['apply -f db-cluster.yaml'], passes: ['three-ready'] },
    { run: ['scale statefulset db-cluster --replicas=5'], passes: ['five-ready'] },
    { run: ['scale statefulset db-cluster --replicas=2'], passes: ['down-to-two'] },
  ],
};

const lessonIds = readdirSync(lessonsDir)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => name.slice(0, -'.mdx'.length));

describe('lesson checks against the lesson’s own solution', () => {
  it('every lesson with checks has a solution here', () => {
    for (const id of lessonIds) {
      const checks = checksOf(readFileSync(new URL(`${id}.mdx`, lessonsDir), 'utf8'));
      if (checks.length > 0) expect(Object.keys(SOLUTIONS), id).toContain(id);
    }
  });

  for (const [id, steps] of Object.entries(SOLUTIONS)) {
    it(`${id}: each check passes where the prose says, not earlier`, async () => {
      const checks = checksOf(readFileSync(new URL(`${id}.mdx`, lessonsDir), 'utf8'));
      expect(checks.map((check) => check.id).sort()).toEqual(
        steps.flatMap((step) => step.passes).sort(),
      );
      const cluster = createCluster({ seed: 7 });
      const kubectl = (args: readonly string[]) =>
        runKubectl(args, {
          cluster,
          readFile: (name) => (name === 'db-cluster.yaml' ? dbCluster : undefined),
        });
      const commands: string[] = [];
      const passed = new Set<string>();
      for (const step of steps) {
        for (const line of step.run) {
          commands.push(`kubectl ${line}`);
          const result = await kubectl(line.split(' '));
          expect(result.stderr, line).toBe('');
        }
        cluster.runUntilIdle(600_000);
        for (const check of checks) {
          if (!passed.has(check.id) && (await evaluateCheck(check, kubectl, commands)))
            passed.add(check.id);
        }
        expect([...passed].sort(), `after: ${step.run.join('; ') || 'nothing'}`).toEqual(
          steps
            .slice(0, steps.indexOf(step) + 1)
            .flatMap((each) => each.passes)
            .sort(),
        );
      }
    });
  }
});
