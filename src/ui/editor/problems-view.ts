import type { EditorProblem, YamlEditor } from './yaml-editor.ts';

/** How long after an edit the language worker has surely checked the text, in milliseconds. */
const SETTLE_MS = 1500;

/**
 * Shows an editor's problems as text, for everyone (screen readers cannot see a wavy underline):
 * a one-line summary in a status element and one list item per problem. Monaco announces changed
 * markers, but not a check that found nothing new (an empty list replacing an empty list), so
 * after each edit, once the checkers have had time, the current markers are reported anyway.
 * Returns a clean-up function.
 */
export function showEditorProblems(
  editor: YamlEditor,
  status: HTMLElement,
  list: HTMLUListElement,
): () => void {
  const show = (problems: readonly EditorProblem[]): void => {
    status.textContent =
      problems.length === 0
        ? 'No problems found.'
        : `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} found:`;
    list.hidden = problems.length === 0;
    list.replaceChildren(
      ...problems.map((problem) => {
        const item = document.createElement('li');
        item.textContent = `Line ${problem.line}, column ${problem.column}: ${problem.message}`;
        item.dataset['severity'] = problem.severity;
        return item;
      }),
    );
  };
  let settle: number | undefined;
  const settleSoon = (): void => {
    window.clearTimeout(settle);
    settle = window.setTimeout(() => show(editor.problems()), SETTLE_MS);
  };
  status.textContent = 'Checking the file…';
  settleSoon();
  const stopEdits = editor.onDidChange(settleSoon);
  const stopMarkers = editor.onDidChangeProblems((problems) => {
    window.clearTimeout(settle);
    show(problems);
  });
  return () => {
    window.clearTimeout(settle);
    stopEdits();
    stopMarkers();
  };
}
