import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'astro/zod';
import { scenarioIds } from './scenarios.ts';

/** Folder that holds the files a lesson's editor opens (`content/files/<name>`). */
export const lessonFilesDir = fileURLToPath(new URL('../../content/files/', import.meta.url));

/** What a lesson's workspace starts with: a cluster state and the files open in the editor. */
export const workspaceSchema = z.strictObject({
  scenario: z.enum(scenarioIds).describe('The cluster state the workspace starts from.'),
  files: z
    .array(
      z
        .string()
        .regex(
          /^[a-z0-9][a-z0-9._-]*\.ya?ml$/,
          'must be a plain YAML file name such as "db-cluster.yaml" (lower case, no folders)',
        )
        .refine((name) => existsSync(lessonFilesDir + name), {
          error: (issue) => `no such file: content/files/${String(issue.input)}`,
        }),
    )
    .min(1, 'list at least one file for the editor')
    .describe('Files from content/files/ opened in the editor, in tab order.'),
});

/**
 * Frontmatter of every lesson in `content/lessons/*.mdx`. Unknown keys are rejected so that a typo
 * (`objective:` for `objectives:`) fails the build instead of silently dropping content.
 */
export const lessonSchema = z.strictObject({
  title: z.string().trim().min(1).max(90).describe('Shown as the page heading and in menus.'),
  description: z
    .string()
    .trim()
    .min(
      20,
      'write a sentence of at least 20 characters: it is the page summary and meta description',
    )
    .max(200)
    .describe('One sentence: what the learner gets from the lesson.'),
  order: z
    .int({ error: 'must be a whole number (1 for the first lesson)' })
    .positive('must be 1 or more')
    .describe('Position in the course, 1 for the first lesson.'),
  objectives: z
    .array(z.string().trim().min(1))
    .min(1, 'list at least one learning objective')
    .describe('What the learner can do afterwards, one item each.'),
  minutes: z
    .int({ error: 'must be a whole number of minutes' })
    .min(1)
    .max(180)
    .describe('Estimated time to complete, in minutes.'),
  workspace: workspaceSchema.optional().describe('The interactive workspace beside the prose.'),
  draft: z.boolean().default(false).describe('Drafts are built in development only.'),
});

/** A lesson's frontmatter after validation and defaults. */
export type LessonData = z.infer<typeof lessonSchema>;
