// The course as the lesson files define it (slug, title, order), read straight from
// content/lessons/*.mdx, so the site tests follow the course as lessons are added.
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';

export interface CourseLesson {
  readonly slug: string;
  readonly title: string;
  readonly order: number;
  readonly minutes: number;
  readonly draft: boolean;
}

const dir = new URL('../../content/lessons/', import.meta.url);

/** The published lessons, in course order. */
export const course: readonly CourseLesson[] = readdirSync(dir)
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    const data = parse(front) as Omit<CourseLesson, 'slug'>;
    return {
      slug: name.slice(0, -'.mdx'.length),
      title: data.title,
      order: data.order,
      minutes: data.minutes,
      draft: data.draft,
    };
  })
  .filter((lesson) => !lesson.draft)
  .sort((a, b) => a.order - b.order);
