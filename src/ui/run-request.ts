/**
 * How a lesson's Run buttons reach the workspace: a window event carrying the command line. The
 * workspace element queues requests until its code has loaded; the lesson layout switches to the
 * workspace tab on narrow screens. Kept tiny: it is loaded with the lesson, before the workspace.
 */
export const RUN_EVENT = 'sts-lab:run';

/** Asks the page's workspace to run `line` in its terminal. */
export function requestRun(line: string): void {
  window.dispatchEvent(new CustomEvent<string>(RUN_EVENT, { detail: line }));
}

/** Calls `handler` with each requested line; returns a function that stops listening. */
export function onRunRequest(handler: (line: string) => void): () => void {
  const listener = (event: Event): void => {
    if (event instanceof CustomEvent && typeof event.detail === 'string') handler(event.detail);
  };
  window.addEventListener(RUN_EVENT, listener);
  return () => window.removeEventListener(RUN_EVENT, listener);
}
