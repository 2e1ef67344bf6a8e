import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './lessons/lesson-schema.ts';

/**
 * Lessons are MDX files in `content/lessons/`. The file name (without `.mdx`) is the slug and
 * therefore the stable URL: `/lessons/<slug>/`. Frontmatter is checked by `lessonSchema`; a bad
 * field fails the build with the file name and the field's path.
 */
const lessons = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/lessons' }),
  schema: lessonSchema,
});

export const collections = { lessons };
