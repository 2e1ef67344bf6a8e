import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import type { ApiProblem } from './api-problems.ts';

/** A problem the editor found in the text: a schema or YAML error at a position. */
export interface EditorProblem {
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

/**
 * What a page needs from an editor of a workspace's YAML files: one Monaco editor showing one file
 * at a time (the active one), each file with its own text, undo history, scroll position and
 * markers.
 */
export interface YamlEditor {
  /** The names of the open files, in tab order. */
  files(): readonly string[];
  /** The file shown now. */
  active(): string;
  /** Shows another open file, keeping where the learner was in each. */
  open(name: string): void;
  /** Opens a new file (and shows it). */
  add(name: string, text: string): void;
  /** Closes a file and forgets its text; the last file cannot be closed. */
  remove(name: string): void;
  /** The current text of any open file. */
  textOf(name: string): string | undefined;
  /** The current text of the active file. */
  getValue(): string;
  /** Replaces the whole text of the active file (as one undoable edit). */
  setValue(text: string): void;
  /** Calls back with the file's name whenever any file's text changes. Returns an unsubscribe. */
  onDidChange(listener: (name: string) => void): () => void;
  /** Calls back when another file is shown. */
  onDidChangeActive(listener: (name: string) => void): () => void;
  /** The problems currently marked in the active file. */
  problems(): EditorProblem[];
  /** Calls back whenever the active file's problems change, or another file is shown. */
  onDidChangeProblems(listener: (problems: readonly EditorProblem[]) => void): () => void;
  /** Shows the API server's errors (from a dry run) as error markers in the active file. */
  setApiProblems(problems: readonly ApiProblem[]): void;
  /** Calls back when the learner presses Ctrl+Enter (Cmd+Enter on a Mac) in the editor. */
  onRunShortcut(listener: () => void): () => void;
  /**
   * Shows the active file side by side with `original` (the lesson's starting file), still
   * editable on the right; `undefined` goes back to the plain editor.
   */
  showDiff(original: string | undefined): void;
  /**
   * Shows another text in the editor for a while (an object opened by `kubectl edit`), with the
   * same schema checks. `save` (also Ctrl/Cmd+S) and `cancel` end it and bring the file back.
   */
  editTemporarily(
    name: string,
    text: string,
    handlers: { save(text: string): void; cancel(): void },
  ): {
    save(): void;
    cancel(): void;
  };
  /** Moves keyboard focus into the editor. */
  focus(): void;
  /** Lays the editor out again now (after its box was hidden or resized). */
  layout(): void;
  /** Switches between the light and dark palettes. */
  setDark(dark: boolean): void;
  /** Frees the editor and its models. */
  dispose(): void;
}

/** Options for {@link createYamlEditor}. */
export interface YamlEditorOptions {
  /**
   * The files to open, in tab order, by name (every *.yaml file gets the Kubernetes schema). The
   * first is shown unless `active` names another.
   */
  readonly files: readonly { readonly name: string; readonly text: string }[];
  readonly active?: string;
  readonly dark: boolean;
  /** Accessible name of the text area for a file. */
  readonly label: (name: string) => string;
}

let monacoPromise: Promise<typeof Monaco> | undefined;

/** Loads Monaco once, on first use: the page is readable long before this resolves. */
function loadMonaco(): Promise<typeof Monaco> {
  monacoPromise ??= import('./monaco-setup.ts').then((module) => module.monaco);
  return monacoPromise;
}

const severityName = (
  monaco: typeof Monaco,
  severity: Monaco.MarkerSeverity,
): EditorProblem['severity'] =>
  severity === monaco.MarkerSeverity.Error
    ? 'error'
    : severity === monaco.MarkerSeverity.Warning
      ? 'warning'
      : 'info';

const fileUri = (monaco: typeof Monaco, name: string): Monaco.Uri =>
  monaco.Uri.parse(`file:///workspace/${encodeURIComponent(name)}`);

interface OpenFile {
  readonly name: string;
  readonly model: Monaco.editor.ITextModel;
  view: Monaco.editor.ICodeEditorViewState | null;
}

/** Creates a Monaco YAML editor for a workspace's files in `container`. */
export async function createYamlEditor(
  container: HTMLElement,
  options: YamlEditorOptions,
): Promise<YamlEditor> {
  const monaco = await loadMonaco();
  const open: OpenFile[] = [];
  const changeListeners = new Set<(name: string) => void>();
  const activeListeners = new Set<(name: string) => void>();
  const problemListeners = new Set<(problems: readonly EditorProblem[]) => void>();
  const contentSubscriptions = new Map<string, Monaco.IDisposable>();

  const createFile = (name: string, text: string): OpenFile => {
    const uri = fileUri(monaco, name);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(text, 'yaml', uri);
    contentSubscriptions.set(
      name,
      model.onDidChangeContent(() => {
        for (const listener of changeListeners) listener(name);
      }),
    );
    const file: OpenFile = { name, model, view: null };
    open.push(file);
    return file;
  };
  for (const file of options.files) createFile(file.name, file.text);
  const first = open.find((file) => file.name === options.active) ?? open[0];
  if (!first) throw new Error('a YAML editor needs at least one file');
  let current: OpenFile = first;

  const editorHost = document.createElement('div');
  const diffHost = document.createElement('div');
  for (const host of [editorHost, diffHost]) host.style.height = '100%';
  diffHost.hidden = true;
  container.replaceChildren(editorHost, diffHost);
  let diff:
    { editor: Monaco.editor.IStandaloneDiffEditor; original: Monaco.editor.ITextModel } | undefined;
  const editor = monaco.editor.create(editorHost, {
    model: current.model,
    theme: options.dark ? 'sts-lab-dark' : 'sts-lab-light',
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    insertSpaces: true,
    ariaLabel: options.label(current.name),
    quickSuggestions: { other: true, comments: false, strings: true },
    renderValidationDecorations: 'on',
    fixedOverflowWidgets: true,
  });
  // Set while `kubectl edit` borrows the editor: switching files would lose the edited object.
  let borrowed = false;

  const problems = (): EditorProblem[] =>
    monaco.editor.getModelMarkers({ resource: current.model.uri }).map((marker) => ({
      line: marker.startLineNumber,
      column: marker.startColumn,
      severity: severityName(monaco, marker.severity),
      message: marker.message,
    }));
  const markerSubscription = monaco.editor.onDidChangeMarkers((uris) => {
    if (!uris.some((changed) => changed.toString() === current.model.uri.toString())) return;
    const list = problems();
    for (const listener of problemListeners) listener(list);
  });

  const closeDiff = (): void => {
    diff?.editor.dispose();
    diff?.original.dispose();
    diff = undefined;
    diffHost.hidden = true;
    editorHost.hidden = false;
  };

  const show = (file: OpenFile): void => {
    if (file === current) return;
    if (borrowed) return;
    closeDiff();
    current.view = editor.saveViewState();
    current = file;
    editor.setModel(file.model);
    editor.updateOptions({ ariaLabel: options.label(file.name) });
    if (file.view) editor.restoreViewState(file.view);
    for (const listener of activeListeners) listener(file.name);
    const list = problems();
    for (const listener of problemListeners) listener(list);
  };

  return {
    files: () => open.map((file) => file.name),
    active: () => current.name,
    open(name) {
      const file = open.find((each) => each.name === name);
      if (file) show(file);
    },
    add(name, text) {
      if (open.some((file) => file.name === name)) return;
      show(createFile(name, text));
    },
    remove(name) {
      const index = open.findIndex((file) => file.name === name);
      const file = open[index];
      if (!file || open.length === 1 || borrowed) return;
      if (file === current) {
        const neighbour = open[index + 1] ?? open[index - 1];
        if (neighbour) show(neighbour);
      }
      open.splice(index, 1);
      contentSubscriptions.get(name)?.dispose();
      contentSubscriptions.delete(name);
      monaco.editor.setModelMarkers(file.model, 'kubernetes-api', []);
      // Language features may still be answering for the file: let them settle first.
      setTimeout(() => file.model.dispose(), 2000);
    },
    textOf: (name) => open.find((file) => file.name === name)?.model.getValue(),
    getValue: () => current.model.getValue(),
    problems,
    setValue(text) {
      const { model } = current;
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    },
    onDidChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onDidChangeActive(listener) {
      activeListeners.add(listener);
      return () => activeListeners.delete(listener);
    },
    onDidChangeProblems(listener) {
      problemListeners.add(listener);
      return () => problemListeners.delete(listener);
    },
    setApiProblems(list) {
      monaco.editor.setModelMarkers(
        current.model,
        'kubernetes-api',
        list.map((problem) => ({
          startLineNumber: problem.startLine,
          startColumn: problem.startColumn,
          endLineNumber: problem.endLine,
          endColumn: problem.endColumn,
          message: problem.message,
          severity: monaco.MarkerSeverity.Error,
          source: 'API server (dry run)',
        })),
      );
    },
    onRunShortcut(listener) {
      const action = editor.addAction({
        id: 'sts-lab.apply',
        label: 'Apply this file to the cluster',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
        run: () => listener(),
      });
      return () => action.dispose();
    },
    showDiff(original) {
      if (original === undefined) {
        closeDiff();
        editor.focus();
        return;
      }
      if (!diff) {
        diffHost.hidden = false;
        editorHost.hidden = true;
        const originalModel = monaco.editor.createModel(original, 'yaml');
        const diffEditor = monaco.editor.createDiffEditor(diffHost, {
          automaticLayout: true,
          originalEditable: false,
          renderSideBySide: diffHost.clientWidth > 640,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          fontSize: 14,
          originalAriaLabel: `${current.name} as the lesson started it (read only)`,
          modifiedAriaLabel: `${current.name}, your version`,
        });
        diffEditor.setModel({ original: originalModel, modified: current.model });
        // Scroll to the first change once the diff is computed.
        const once = diffEditor.onDidUpdateDiff(() => {
          once.dispose();
          diffEditor.revealFirstDiff();
        });
        diff = { editor: diffEditor, original: originalModel };
      }
    },
    editTemporarily(name, text, handlers) {
      closeDiff();
      const temporary = monaco.editor.createModel(
        text,
        'yaml',
        monaco.Uri.parse(`file:///workspace/.kubectl-edit/${encodeURIComponent(name)}`),
      );
      current.view = editor.saveViewState();
      borrowed = true;
      editor.setModel(temporary);
      editor.focus();
      let done = false;
      const finish = (saved: boolean): void => {
        if (done) return;
        done = true;
        borrowed = false;
        const value = temporary.getValue();
        saveAction.dispose();
        editor.setModel(current.model);
        if (current.view) editor.restoreViewState(current.view);
        // Language features may still be answering for the temporary text: disposing it at once
        // would cancel them mid-flight. Let them settle first.
        setTimeout(() => temporary.dispose(), 2000);
        if (saved) handlers.save(value);
        else handlers.cancel();
      };
      const saveAction = editor.addAction({
        id: 'sts-lab.kubectl-edit-save',
        label: 'Save and let kubectl apply the edit',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
        run: () => finish(true),
      });
      return { save: () => finish(true), cancel: () => finish(false) };
    },
    focus: () => editor.focus(),
    layout() {
      editor.layout();
      diff?.editor.layout();
    },
    setDark(dark) {
      monaco.editor.setTheme(dark ? 'sts-lab-dark' : 'sts-lab-light');
    },
    dispose() {
      closeDiff();
      markerSubscription.dispose();
      for (const subscription of contentSubscriptions.values()) subscription.dispose();
      editor.dispose();
      for (const file of open) file.model.dispose();
    },
  };
}
