/**
 * The checks of the lesson beside a workspace (`<Check>` in the MDX): each is evaluated against
 * the running cluster after every command and whenever the cluster changes, ticked once it holds,
 * and remembered in the lesson's progress.
 */
import type { KubectlResult } from '../kubectl/index.ts';
import { evaluateCheck, type CheckDefinition } from './checks.ts';
import { clearProgress, loadProgress, markDone, noteTotal } from './lesson-progress.ts';

/** Real milliseconds between evaluations while the cluster keeps changing. */
const EVALUATE_INTERVAL_MS = 500;

/** Tells the page (the lesson list) that a lesson's progress changed. */
export const PROGRESS_EVENT = 'sts-lab:progress';
// progress-marks.ts listens for the same name (it stays free of this module's imports).

interface PageCheck {
  readonly element: HTMLElement;
  readonly definition: CheckDefinition;
  done: boolean;
}

const optional = (element: HTMLElement, key: string): Record<string, string> => {
  const value = element.dataset[key];
  return value === undefined ? {} : { [key]: value };
};

export class LessonChecks {
  readonly #lessonId: string | undefined;
  readonly #checks: PageCheck[];
  readonly #kubectl: (args: readonly string[]) => Promise<KubectlResult>;
  readonly #commands: string[] = [];
  readonly #announcer: HTMLElement | undefined;
  #timer: number | undefined;
  #last = -Infinity;
  #running = false;
  #again = false;

  constructor(
    workspace: HTMLElement,
    kubectl: (args: readonly string[]) => Promise<KubectlResult>,
    commands: readonly string[],
  ) {
    this.#kubectl = kubectl;
    this.#commands.push(...commands);
    const lesson = workspace.closest('main')?.querySelector<HTMLElement>('[data-lesson-id]');
    this.#lessonId = lesson?.dataset['lessonId'];
    const progress = this.#lessonId ? loadProgress(localStorage, this.#lessonId) : undefined;
    this.#checks = [...(lesson?.querySelectorAll<HTMLElement>('[data-check-id]') ?? [])].map(
      (element) => {
        const definition = {
          id: element.dataset['checkId'] ?? '',
          ...optional(element, 'kubectl'),
          ...optional(element, 'expect'),
          ...optional(element, 'match'),
          ...optional(element, 'absent'),
          ...optional(element, 'ran'),
        } as CheckDefinition;
        const check = { element, definition, done: false };
        if (progress?.done.includes(definition.id)) this.#show(check, false);
        return check;
      },
    );
    if (lesson && this.#checks.length > 0) {
      // One polite live region says when a check passes (the ticks themselves are silent).
      this.#announcer = document.createElement('p');
      this.#announcer.className = 'visually-hidden';
      this.#announcer.setAttribute('role', 'status');
      lesson.append(this.#announcer);
    }
    if (this.#lessonId && this.#checks.length > 0) {
      noteTotal(localStorage, this.#lessonId, this.#checks.length);
    }
  }

  /** A command the learner ran (in either terminal, or by Apply). */
  commandRan(line: string): void {
    this.#commands.push(line);
    this.evaluateSoon();
  }

  /** Evaluates the open checks soon (at most every half second while the cluster changes). */
  evaluateSoon(): void {
    if (this.#checks.every((check) => check.done) || this.#timer !== undefined) return;
    const wait = Math.max(0, this.#last + EVALUATE_INTERVAL_MS - performance.now());
    this.#timer = window.setTimeout(() => {
      this.#timer = undefined;
      void this.#evaluate();
    }, wait);
  }

  /** Forgets the lesson's progress (the workspace is being reset). */
  reset(): void {
    if (this.#lessonId) clearProgress(localStorage, this.#lessonId);
  }

  dispose(): void {
    window.clearTimeout(this.#timer);
    this.#announcer?.remove();
  }

  async #evaluate(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    this.#last = performance.now();
    try {
      for (const check of this.#checks) {
        if (check.done) continue;
        if (await evaluateCheck(check.definition, this.#kubectl, this.#commands)) {
          this.#show(check, true);
        }
      }
    } finally {
      this.#running = false;
    }
    if (this.#again) {
      this.#again = false;
      this.evaluateSoon();
    }
  }

  #show(check: PageCheck, justNow: boolean): void {
    check.done = true;
    check.element.dataset['state'] = 'done';
    const state = check.element.querySelector('[data-check-state]');
    if (state) state.textContent = 'Done:';
    if (!justNow || !this.#lessonId) return;
    const left = this.#checks.filter((each) => !each.done).length;
    if (this.#announcer) {
      const what = check.element
        .querySelector('.check-text')
        ?.textContent?.replace(/^\s*Done:\s*/, '')
        .trim();
      this.#announcer.textContent = `Check passed: ${what ?? check.definition.id} ${
        left === 0 ? 'Every check of this lesson has passed.' : `${left} to go.`
      }`;
    }
    markDone(localStorage, this.#lessonId, check.definition.id);
    window.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: this.#lessonId }));
  }
}
