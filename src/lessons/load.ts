import { getCollection } from 'astro:content';
import { orderLessons } from './course.ts';

/** Every published lesson (drafts too in `astro dev`), in course order. */
export async function loadLessons() {
  const entries = await getCollection('lessons');
  return orderLessons(entries, { includeDrafts: import.meta.env.DEV });
}
