import type { ClusterSnapshot } from '../sim/index.ts';
import type { SavedStoreState } from './stores/cluster-store.ts';

/** Everything a workspace keeps across reloads and browser restarts. */
export interface SavedWorkspace extends SavedStoreState {
  /** Format marker, so an old save is ignored instead of misread after an upgrade. */
  readonly format: 'statefulset-lab/workspace@2';
  /** The editor's files, by name, as the learner left them. */
  readonly files: Readonly<Record<string, string>>;
  /** The file whose tab was open. */
  readonly activeFile?: string;
  readonly cluster: ClusterSnapshot;
  /** What the terminal showed, and the commands typed in it. */
  readonly terminal: { readonly transcript: string; readonly history: readonly string[] };
  /** Whether the second terminal (the watch pane) was open. */
  readonly secondTerminal?: boolean;
}

const PREFIX = 'sts-lab:workspace:';

/** Reads a saved workspace; undefined when there is none, or it is unreadable or outdated. */
export function loadWorkspace(id: string): SavedWorkspace | undefined {
  try {
    const text = localStorage.getItem(PREFIX + id);
    if (!text) return undefined;
    const saved = JSON.parse(text) as Partial<SavedWorkspace>;
    return saved.format === 'statefulset-lab/workspace@2' ? (saved as SavedWorkspace) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Saves a workspace. Returns false when the browser refused (storage disabled or full); the
 * workspace keeps working, it is just not remembered.
 */
export function saveWorkspace(id: string, workspace: SavedWorkspace): boolean {
  try {
    localStorage.setItem(PREFIX + id, JSON.stringify(workspace));
    return true;
  } catch {
    return false;
  }
}

/** Forgets a saved workspace. */
export function clearWorkspace(id: string): void {
  try {
    localStorage.removeItem(PREFIX + id);
  } catch {
    // Nothing was saved where storage is unavailable.
  }
}
