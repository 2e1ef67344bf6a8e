/**
 * Shows each lesson's progress beside its link (the sidebar and the home page's list): a tick
 * for a finished lesson, "1/3" for one under way. Reads only localStorage; updates when a check
 * passes on this page.
 */
import { loadProgress, progressSummary } from './lesson-progress.ts';

const PROGRESS_EVENT = 'sts-lab:progress';

function render(): void {
  for (const mark of document.querySelectorAll<HTMLElement>('[data-progress-for]')) {
    const lessonId = mark.dataset['progressFor'] ?? '';
    let progress;
    try {
      progress = loadProgress(localStorage, lessonId);
    } catch {
      return; // Storage disabled: nothing is remembered, nothing to show.
    }
    const summary = progressSummary(progress);
    mark.dataset['state'] = summary === undefined ? 'new' : summary === 'done' ? 'done' : 'started';
    const visible = document.createElement('span');
    visible.setAttribute('aria-hidden', 'true');
    visible.textContent =
      summary === undefined
        ? ''
        : summary === 'done'
          ? '✓'
          : `${progress.done.length}/${progress.total}`;
    const spoken = document.createElement('span');
    spoken.className = 'visually-hidden';
    spoken.textContent = summary === undefined ? '' : ` (${summary})`;
    mark.replaceChildren(visible, spoken);
  }
}

render();
window.addEventListener(PROGRESS_EVENT, render);
// Another tab of the site may finish a check.
window.addEventListener('storage', (event) => {
  if (event.key?.startsWith('sts-lab:progress:')) render();
});
