/**
 * The editor's file tabs: one tab per open file (the lesson's files, then the learner's own), a
 * "+" that creates a file, and a close button on files the learner created. Tabs follow the ARIA
 * tabs pattern: one tab stop, arrow keys move between tabs, Home/End jump, Delete closes a file
 * of the learner's own.
 */
import type { YamlEditor } from './editor/yaml-editor.ts';

/** The longest file name accepted, in characters. */
const MAX_NAME = 63;

/** Whether `name` is an acceptable name for a new manifest file. */
export function isFileName(name: string): boolean {
  return (
    name.length <= MAX_NAME &&
    /^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(name) &&
    !name.includes('..')
  );
}

/**
 * Why `name` cannot be a new file's name, in words for the learner; undefined when it can.
 * `taken` holds the names already open.
 */
export function fileNameProblem(name: string, taken: readonly string[]): string | undefined {
  if (name === '') return 'Type a name, such as my-app.yaml.';
  if (taken.includes(name)) return `${name} is already open.`;
  if (!/\.ya?ml$/.test(name)) return 'The name must end in .yaml or .yml.';
  if (name.length > MAX_NAME) return `Keep the name to ${MAX_NAME} characters or fewer.`;
  if (!isFileName(name))
    return 'Use letters, digits, dots, dashes and underscores only, starting with a letter or digit.';
  return undefined;
}

/** Tells the tab ids of several workspaces on one page apart. */
let instances = 0;

const NEW_FILE_TEXT = '# Write Kubernetes objects here (separate several with ---), then Apply.\n';

export class FileTabs {
  readonly #root: HTMLElement;
  readonly #editor: YamlEditor;
  readonly #lessonFiles: ReadonlySet<string>;
  readonly #onChange: () => void;
  readonly #list: HTMLElement;
  readonly #add: HTMLButtonElement;
  readonly #form: HTMLFormElement;
  readonly #nameInput: HTMLInputElement;
  readonly #error: HTMLElement;
  readonly #panel: HTMLElement;
  readonly #cleanups: (() => void)[] = [];
  readonly #idPrefix = `ws${++instances}-tab`;

  constructor(
    root: HTMLElement,
    editor: YamlEditor,
    originals: Readonly<Record<string, string>>,
    onChange: () => void,
  ) {
    this.#root = root;
    this.#editor = editor;
    this.#lessonFiles = new Set(Object.keys(originals));
    this.#onChange = onChange;
    this.#list = this.#part('[data-tabs]');
    this.#add = this.#part('[data-new-file]');
    this.#form = this.#part('[data-new-file-form]');
    this.#nameInput = this.#part('[data-new-file-name]');
    this.#error = this.#part('[data-new-file-error]');
    this.#panel = this.#part('[data-editor-host]');
    this.#render();

    const onKey = (event: KeyboardEvent): void => this.#key(event);
    this.#list.addEventListener('keydown', onKey);
    const onClick = (event: MouseEvent): void => {
      const target = event.target instanceof Element ? event.target : null;
      const tab = target?.closest<HTMLElement>('[data-tab]');
      const close = target?.closest<HTMLElement>('[data-close-file]');
      if (close?.dataset['closeFile']) this.#close(close.dataset['closeFile']);
      else if (tab?.dataset['tab']) {
        this.#open(tab.dataset['tab']);
        this.#focusTab(tab.dataset['tab']);
      }
    };
    this.#list.addEventListener('click', onClick);
    const onAdd = (): void => this.#showForm();
    this.#add.addEventListener('click', onAdd);
    const onSubmit = (event: SubmitEvent): void => {
      event.preventDefault();
      this.#create();
    };
    this.#form.addEventListener('submit', onSubmit);
    const cancel = this.#part<HTMLButtonElement>('[data-new-file-cancel]');
    const onCancel = (): void => this.#hideForm(true);
    cancel.addEventListener('click', onCancel);
    const onFormKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') this.#hideForm(true);
    };
    this.#form.addEventListener('keydown', onFormKey);
    const onInput = (): void => {
      this.#error.textContent = '';
    };
    this.#nameInput.addEventListener('input', onInput);
    this.#cleanups.push(
      () => this.#list.removeEventListener('keydown', onKey),
      () => this.#list.removeEventListener('click', onClick),
      () => this.#add.removeEventListener('click', onAdd),
      () => this.#form.removeEventListener('submit', onSubmit),
      () => cancel.removeEventListener('click', onCancel),
      () => this.#form.removeEventListener('keydown', onFormKey),
      () => this.#nameInput.removeEventListener('input', onInput),
      editor.onDidChangeActive(() => {
        this.#render();
        this.#onChange();
      }),
    );
  }

  /** Lets the learner use the tabs (the workspace is running). */
  enable(): void {
    this.#add.disabled = false;
    this.#onChange();
  }

  dispose(): void {
    for (const cleanup of this.#cleanups) cleanup();
  }

  #part<T extends Element = HTMLElement>(selector: string): T {
    const found = this.#root.querySelector<T>(selector);
    if (!found) throw new Error(`workspace markup lacks ${selector}`);
    return found;
  }

  #tabs(): HTMLButtonElement[] {
    return [...this.#list.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  }

  #render(): void {
    const active = this.#editor.active();
    const items = this.#editor.files().map((name, index) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.className = 'ws-file';
      tab.setAttribute('role', 'tab');
      tab.id = `${this.#idPrefix}-${index}`;
      tab.dataset['tab'] = name;
      const label = document.createElement('span');
      label.className = 'ws-file-name';
      label.textContent = name;
      tab.append(label);
      const selected = name === active;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (!this.#lessonFiles.has(name)) {
        // A tab may hold nothing focusable: the × is for the mouse, Delete for the keyboard.
        const close = document.createElement('span');
        close.className = 'ws-close-file';
        close.dataset['closeFile'] = name;
        close.setAttribute('aria-hidden', 'true');
        close.title = `Close ${name} (its text is deleted)`;
        close.textContent = '×';
        tab.append(close);
        tab.setAttribute('aria-description', 'Press Delete to close this file.');
      }
      if (selected) {
        this.#panel.setAttribute('aria-labelledby', tab.id);
        this.#panel.removeAttribute('aria-label');
      }
      return tab;
    });
    this.#list.replaceChildren(...items);
  }

  #open(name: string): void {
    this.#editor.open(name);
  }

  #key(event: KeyboardEvent): void {
    const tabs = this.#tabs();
    const at = tabs.findIndex((tab) => tab === document.activeElement);
    if (at < 0) return;
    let next: number | undefined;
    if (event.key === 'ArrowRight') next = (at + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else if (event.key === 'Delete') {
      const name = tabs[at]?.dataset['tab'];
      if (name && !this.#lessonFiles.has(name)) {
        event.preventDefault();
        this.#close(name);
      }
      return;
    }
    if (next === undefined) return;
    event.preventDefault();
    const name = tabs[next]?.dataset['tab'];
    if (!name) return;
    this.#open(name);
    this.#focusTab(name);
  }

  #focusTab(name: string): void {
    this.#tabs()
      .find((tab) => tab.dataset['tab'] === name)
      ?.focus();
  }

  #close(name: string): void {
    const text = this.#editor.textOf(name) ?? '';
    if (
      text.trim() !== '' &&
      text !== NEW_FILE_TEXT &&
      !window.confirm(`Close ${name}? Its text is deleted.`)
    )
      return;
    this.#editor.remove(name);
    this.#render();
    this.#onChange();
    this.#list.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }

  #showForm(): void {
    this.#form.hidden = false;
    this.#add.setAttribute('aria-expanded', 'true');
    this.#nameInput.value = '';
    this.#error.textContent = '';
    this.#nameInput.focus();
  }

  #hideForm(refocus: boolean): void {
    this.#form.hidden = true;
    this.#add.setAttribute('aria-expanded', 'false');
    if (refocus) this.#add.focus();
  }

  #create(): void {
    const name = this.#nameInput.value.trim();
    const problem = fileNameProblem(name, this.#editor.files());
    if (problem) {
      this.#error.textContent = problem;
      this.#nameInput.focus();
      return;
    }
    this.#hideForm(false);
    this.#editor.add(name, NEW_FILE_TEXT);
    this.#editor.focus();
  }
}
