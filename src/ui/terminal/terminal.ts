import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type { Shell } from '../../shell/index.ts';
import { LineEditor, type Completer } from '../../shell/line-editor.ts';
import type { DrivenWaiter } from '../../shell/driven-waiter.ts';

/** The most terminal output kept for a reload, in characters (the oldest is dropped first). */
const TRANSCRIPT_LIMIT = 200_000;

/** Terminal palettes matching the site's; every colour reads at WCAG AA on its background. */
const THEMES: Readonly<Record<'light' | 'dark', ITheme>> = {
  light: {
    background: '#f8f9fb',
    foreground: '#1b1f27',
    cursor: '#1d4ed8',
    selectionBackground: '#bcd0ff',
    red: '#b42318',
    green: '#15803d',
    yellow: '#854d0e',
    blue: '#1d4ed8',
    magenta: '#86198f',
    cyan: '#0e7490',
    brightBlack: '#4a5263',
  },
  dark: {
    background: '#0d1117',
    foreground: '#e7eaf0',
    cursor: '#8fb0ff',
    selectionBackground: '#2c3d66',
    red: '#ff9b8f',
    green: '#6ee7a0',
    yellow: '#fcd34d',
    blue: '#8fb0ff',
    magenta: '#f0abfc',
    cyan: '#67e8f9',
    brightBlack: '#aab2c0',
  },
};

/** Options of {@link createTerminal}. */
export interface TerminalOptions {
  readonly shell: Shell;
  readonly waiter: DrivenWaiter;
  readonly completer: Completer;
  readonly dark: boolean;
  /** Command history to start with (oldest first). */
  readonly history?: readonly string[];
  /** Output to show again after a reload. */
  readonly transcript?: string;
  /** Called after each command with its exit status (0 when it worked). */
  readonly onCommandDone?: (line: string, exitCode: number) => void;
  /** Called whenever the terminal shows new output. */
  readonly onOutput?: () => void;
}

/** The workspace's terminal. */
export interface TerminalPane {
  /** Types a command line and runs it, visibly, as if the learner had typed it. */
  run(line: string): void;
  /** The commands run so far, oldest first. */
  history(): readonly string[];
  /** Everything shown, for saving. */
  transcript(): string;
  /** True while a command runs. */
  busy(): boolean;
  setDark(dark: boolean): void;
  focus(): void;
  dispose(): void;
}

/**
 * An xterm.js terminal running the shell: the line editor handles keys, commands run through the
 * shell (and so through kubectl), and output streams in as the simulation produces it. Ctrl-C
 * interrupts a waiting command (`get -w`, `delete`); with text selected it copies instead, as in
 * most terminal apps.
 */
export function createTerminal(host: HTMLElement, options: TerminalOptions): TerminalPane {
  const term = new Terminal({
    fontFamily:
      getComputedStyle(document.documentElement).getPropertyValue('--font-mono') || 'monospace',
    fontSize: 13,
    lineHeight: 1.2,
    cursorBlink: true,
    convertEol: false,
    scrollback: 5000,
    theme: THEMES[options.dark ? 'dark' : 'light'],
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  term.open(host);
  fit.fit();
  // Fit in the next frame: fitting inside the observer resizes what it observes (a "ResizeObserver
  // loop" error in WebKit).
  let fitting = false;
  let disposed = false;
  const resize = new ResizeObserver(() => {
    if (fitting) return;
    fitting = true;
    window.requestAnimationFrame(() => {
      fitting = false;
      if (!disposed) fit.fit();
    });
  });
  resize.observe(host);

  // A saved transcript may end with the prompt (and half a command): the editor prints its own.
  let transcript = (options.transcript ?? '').replace(/(^|\n)\$ [^\n]*$/, '$1');
  const write = (text: string): void => {
    transcript = (transcript + text).slice(-TRANSCRIPT_LIMIT);
    term.write(text);
    options.onOutput?.();
  };
  if (transcript !== '') term.write(transcript);

  const editor = new LineEditor({
    output: { write },
    completer: options.completer,
    ...(options.history ? { history: options.history } : {}),
    // Inside a here-document, an open quote or a `for` loop the shell asks for more (`> `), and
    // inside `kubectl exec -it … -- sh` it shows the container's prompt.
    prompt: () => options.shell.prompt(),
    onCancel: () => options.shell.cancelInput(),
    onSubmit: async (line) => {
      if (line.trim() === 'clear' && !options.shell.continuing) {
        term.clear();
        transcript = '';
        write('\x1b[2J\x1b[H');
        return;
      }
      // Blank lines matter inside a here-document; elsewhere they do nothing.
      if (line.trim() === '' && !options.shell.continuing) return;
      const result = await options.shell.run(line, {
        write: (_stream, text) => write(text.replace(/\r?\n/g, '\r\n')),
      });
      options.onCommandDone?.(line, result.exitCode);
    },
  });

  term.attachCustomKeyEventHandler((event) => {
    // Ctrl-C with a selection copies it; without one it is the interrupt key (handled below).
    if (event.type === 'keydown' && event.ctrlKey && event.key === 'c' && term.hasSelection()) {
      void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
      return false;
    }
    return true;
  });
  const data = term.onData((input) => {
    if (editor.busy && input.includes('\x03')) {
      write('^C\r\n');
      options.waiter.interrupt();
      return;
    }
    editor.input(input);
  });
  editor.start();

  return {
    run(line) {
      editor.submitText(line);
    },
    history: () => editor.history,
    transcript: () => transcript,
    busy: () => editor.busy,
    setDark(dark) {
      term.options.theme = THEMES[dark ? 'dark' : 'light'];
    },
    focus: () => term.focus(),
    dispose() {
      disposed = true;
      data.dispose();
      resize.disconnect();
      term.dispose();
    },
  };
}
