import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import type { ApiProblem } from './api-problems.ts';

/** A problem the editor found in the text: a schema or YAML error at a position. */
export interface EditorProblem {
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

/** What a page needs from an editor of one YAML file. */
export interface YamlEditor {
  /** The current text. */
  getValue(): string;
  /** Replaces the whole text (as one undoable edit). */
  setValue(text: string): void;
  /** Calls back whenever the text changes. Returns an unsubscribe function. */
  onDidChange(listener: (text: string) => void): () => void;
  /** The problems currently marked in the text. */
  problems(): EditorProblem[];
  /** Calls back whenever the list of problems changes. */
  onDidChangeProblems(listener: (problems: readonly EditorProblem[]) => void): () => void;
  /** Shows the API server's errors (from a dry run) as error markers in the text. */
  setApiProblems(problems: readonly ApiProblem[]): void;
  /** Calls back when the learner presses Ctrl+Enter (Cmd+Enter on a Mac) in the editor. */
  onRunShortcut(listener: () => void): () => void;
  /**
   * Shows the file side by side with `original` (the lesson's starting file), still editable on
   * the right; `undefined` goes back to the plain editor.
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
  /** Switches between the light and dark palettes. */
  setDark(dark: boolean): void;
  /** Frees the editor and its model. */
  dispose(): void;
}

/** Options for {@link createYamlEditor}. */
export interface YamlEditorOptions {
  /** The file name, which also decides the schema (every *.yaml file gets the Kubernetes one). */
  readonly fileName: string;
  readonly text: string;
  readonly dark: boolean;
  /** Accessible name of the text area. */
  readonly label: string;
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

/** Creates a Monaco YAML editor for one file in `container`. */
export async function createYamlEditor(
  container: HTMLElement,
  options: YamlEditorOptions,
): Promise<YamlEditor> {
  const monaco = await loadMonaco();
  const uri = monaco.Uri.parse(`file:///workspace/${options.fileName}`);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(options.text, 'yaml', uri);
  const editorHost = document.createElement('div');
  const diffHost = document.createElement('div');
  for (const host of [editorHost, diffHost]) host.style.height = '100%';
  diffHost.hidden = true;
  container.replaceChildren(editorHost, diffHost);
  let diff:
    { editor: Monaco.editor.IStandaloneDiffEditor; original: Monaco.editor.ITextModel } | undefined;
  const editor = monaco.editor.create(editorHost, {
    model,
    theme: options.dark ? 'sts-lab-dark' : 'sts-lab-light',
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    insertSpaces: true,
    ariaLabel: options.label,
    quickSuggestions: { other: true, comments: false, strings: true },
    renderValidationDecorations: 'on',
    fixedOverflowWidgets: true,
  });

  const problems = (): EditorProblem[] =>
    monaco.editor.getModelMarkers({ resource: uri }).map((marker) => ({
      line: marker.startLineNumber,
      column: marker.startColumn,
      severity: severityName(monaco, marker.severity),
      message: marker.message,
    }));

  return {
    getValue: () => model.getValue(),
    problems,
    setValue(text) {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    },
    onDidChange(listener) {
      const subscription = model.onDidChangeContent(() => listener(model.getValue()));
      return () => subscription.dispose();
    },
    onDidChangeProblems(listener) {
      const subscription = monaco.editor.onDidChangeMarkers((uris) => {
        if (uris.some((changed) => changed.toString() === uri.toString())) listener(problems());
      });
      return () => subscription.dispose();
    },
    setApiProblems(list) {
      monaco.editor.setModelMarkers(
        model,
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
        diff?.editor.dispose();
        diff?.original.dispose();
        diff = undefined;
        diffHost.hidden = true;
        editorHost.hidden = false;
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
          originalAriaLabel: `${options.fileName} as the lesson started it (read only)`,
          modifiedAriaLabel: `${options.fileName}, your version`,
        });
        diffEditor.setModel({ original: originalModel, modified: model });
        // Scroll to the first change once the diff is computed.
        const once = diffEditor.onDidUpdateDiff(() => {
          once.dispose();
          diffEditor.revealFirstDiff();
        });
        diff = { editor: diffEditor, original: originalModel };
      }
    },
    editTemporarily(name, text, handlers) {
      const temporary = monaco.editor.createModel(
        text,
        'yaml',
        monaco.Uri.parse(`file:///workspace/.kubectl-edit/${encodeURIComponent(name)}`),
      );
      editor.setModel(temporary);
      editor.focus();
      let done = false;
      const finish = (saved: boolean): void => {
        if (done) return;
        done = true;
        const value = temporary.getValue();
        saveAction.dispose();
        editor.setModel(model);
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
    setDark(dark) {
      monaco.editor.setTheme(dark ? 'sts-lab-dark' : 'sts-lab-light');
    },
    dispose() {
      diff?.editor.dispose();
      diff?.original.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
