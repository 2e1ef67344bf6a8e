/**
 * What a learner has done in each lesson: which of its checks passed. Kept in localStorage under
 * `sts-lab:progress:<lesson id>` (one key a lesson, so the progress export carries it and a
 * lesson's reset touches nothing else).
 */

/** The stored record of one lesson. */
export interface LessonProgress {
  readonly format: 'statefulset-lab/lesson-progress@1';
  /** The ids of the checks that passed. */
  readonly done: readonly string[];
  /** How many checks the lesson had when the learner last saw it. */
  readonly total: number;
}

const PREFIX = 'sts-lab:progress:';

const empty = (total: number): LessonProgress => ({
  format: 'statefulset-lab/lesson-progress@1',
  done: [],
  total,
});

/** A lesson's progress; an empty record when there is none or it is unreadable. */
export function loadProgress(storage: Storage, lessonId: string): LessonProgress {
  try {
    const parsed = JSON.parse(
      storage.getItem(PREFIX + lessonId) ?? 'null',
    ) as Partial<LessonProgress> | null;
    if (
      parsed?.format !== 'statefulset-lab/lesson-progress@1' ||
      !Array.isArray(parsed.done) ||
      typeof parsed.total !== 'number'
    )
      return empty(0);
    return {
      format: parsed.format,
      done: parsed.done.filter((id): id is string => typeof id === 'string'),
      total: parsed.total,
    };
  } catch {
    return empty(0);
  }
}

function store(storage: Storage, lessonId: string, progress: LessonProgress): LessonProgress {
  try {
    storage.setItem(PREFIX + lessonId, JSON.stringify(progress));
  } catch {
    // Storage full or disabled: the lesson still works, it is just not remembered.
  }
  return progress;
}

/** Records that a lesson has `total` checks (seen when its page opens). */
export function noteTotal(storage: Storage, lessonId: string, total: number): LessonProgress {
  const progress = loadProgress(storage, lessonId);
  if (progress.total === total) return progress;
  return store(storage, lessonId, { ...progress, total });
}

/** Records that check `checkId` of a lesson passed. */
export function markDone(storage: Storage, lessonId: string, checkId: string): LessonProgress {
  const progress = loadProgress(storage, lessonId);
  if (progress.done.includes(checkId)) return progress;
  return store(storage, lessonId, { ...progress, done: [...progress.done, checkId] });
}

/** Forgets a lesson's progress (its workspace was reset). */
export function clearProgress(storage: Storage, lessonId: string): void {
  try {
    storage.removeItem(PREFIX + lessonId);
  } catch {
    // Nothing was stored where storage is unavailable.
  }
}

/** How a lesson stands, in words for a list of lessons; undefined when it has not been started. */
export function progressSummary(progress: LessonProgress): string | undefined {
  const done = progress.done.length;
  if (done === 0) return undefined;
  if (progress.total > 0 && done >= progress.total) return 'done';
  return progress.total > 0 ? `${done} of ${progress.total} checks` : `${done} checks`;
}
