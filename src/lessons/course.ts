/** The minimal shape of a lesson entry that course navigation needs. */
export interface CourseEntry {
  readonly id: string;
  readonly data: { readonly title: string; readonly order: number; readonly draft: boolean };
}

/** A lesson with its neighbours in course order. */
export interface CoursePosition<T extends CourseEntry> {
  readonly lesson: T;
  readonly index: number;
  readonly previous: T | undefined;
  readonly next: T | undefined;
}

/**
 * Puts lessons in course order and rejects two lessons that claim the same position, which would
 * otherwise make "next" depend on file-system order.
 */
export function orderLessons<T extends CourseEntry>(
  entries: readonly T[],
  { includeDrafts = false } = {},
): T[] {
  const visible = entries.filter((entry) => includeDrafts || !entry.data.draft);
  const sorted = [...visible].sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1];
    const here = sorted[i];
    if (before && here && before.data.order === here.data.order) {
      throw new Error(
        `Lessons "${before.id}" and "${here.id}" both have order: ${here.data.order}. ` +
          'Give each lesson its own position in content/lessons/*.mdx frontmatter.',
      );
    }
  }
  return sorted;
}

/** Where each lesson sits in the course and which lessons come before and after it. */
export function coursePositions<T extends CourseEntry>(ordered: readonly T[]): CoursePosition<T>[] {
  return ordered.map((lesson, index) => ({
    lesson,
    index,
    previous: ordered[index - 1],
    next: ordered[index + 1],
  }));
}
