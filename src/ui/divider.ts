/**
 * A draggable, keyboard-operable divider between two panes (a `role="separator"` element with
 * aria-valuemin/max/now): the first pane's share of the width, in percent, goes into a CSS custom
 * property of `container` and is remembered in localStorage. Arrow keys move it by 2 %, Home and
 * End to the limits.
 */
export interface DividerOptions {
  readonly container: HTMLElement;
  readonly divider: HTMLElement;
  /** The custom property that receives the first pane's width, e.g. `--prose-width`. */
  readonly property: string;
  /** localStorage key to remember the position under. */
  readonly storageKey: string;
}

function remembered(key: string): number | undefined {
  try {
    const value = Number(localStorage.getItem(key));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Wires up a divider; returns a function that removes its listeners. */
export function resizableDivider(options: DividerOptions): () => void {
  const { container, divider, property, storageKey } = options;
  const min = Number(divider.getAttribute('aria-valuemin') ?? '20');
  const max = Number(divider.getAttribute('aria-valuemax') ?? '80');
  const set = (percent: number, remember: boolean): void => {
    const clamped = Math.min(max, Math.max(min, Math.round(percent)));
    container.style.setProperty(property, `${clamped}%`);
    divider.setAttribute('aria-valuenow', String(clamped));
    if (!remember) return;
    try {
      localStorage.setItem(storageKey, String(clamped));
    } catch {
      // The position just is not remembered.
    }
  };
  const stored = remembered(storageKey);
  if (stored !== undefined) set(stored, false);

  const onPointerDown = (event: PointerEvent): void => {
    divider.setPointerCapture(event.pointerId);
    const box = container.getBoundingClientRect();
    const move = (e: PointerEvent): void => set(((e.clientX - box.left) / box.width) * 100, true);
    const up = (): void => {
      divider.removeEventListener('pointermove', move);
      divider.removeEventListener('pointerup', up);
    };
    divider.addEventListener('pointermove', move);
    divider.addEventListener('pointerup', up);
  };
  const onKey = (event: KeyboardEvent): void => {
    const now = Number(divider.getAttribute('aria-valuenow'));
    if (event.key === 'ArrowLeft') set(now - 2, true);
    else if (event.key === 'ArrowRight') set(now + 2, true);
    else if (event.key === 'Home') set(min, true);
    else if (event.key === 'End') set(max, true);
    else return;
    event.preventDefault();
  };
  divider.addEventListener('pointerdown', onPointerDown);
  divider.addEventListener('keydown', onKey);
  return () => {
    divider.removeEventListener('pointerdown', onPointerDown);
    divider.removeEventListener('keydown', onKey);
  };
}
