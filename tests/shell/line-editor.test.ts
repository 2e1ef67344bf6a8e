// Screen-level tests: the line editor drives a headless xterm, and the tests read its screen.
import xtermHeadless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { LineEditor, type Completer } from '../../src/shell/line-editor.ts';
import { createShell } from '../../src/shell/index.ts';
import { createCluster } from '../../src/sim/index.ts';

const { Terminal } = xtermHeadless;

/** A line editor wired to a headless xterm, so tests read the screen as a learner sees it. */
function setup(
  options: {
    completer?: Completer;
    history?: string[];
    run?: (line: string) => Promise<void>;
    prompt?: string | (() => string);
    onCancel?: () => void;
  } = {},
) {
  const term = new Terminal({ cols: 60, rows: 12, allowProposedApi: true });
  const submitted: string[] = [];
  let pending = Promise.resolve();
  const editor = new LineEditor({
    output: {
      write: (data) => {
        pending = pending.then(() => new Promise<void>((resolve) => term.write(data, resolve)));
      },
    },
    prompt: options.prompt ?? '$ ',
    ...(options.onCancel ? { onCancel: options.onCancel } : {}),
    onSubmit: async (line) => {
      submitted.push(line);
      await options.run?.(line);
    },
    ...(options.completer ? { completer: options.completer } : {}),
    ...(options.history ? { history: options.history } : {}),
  });
  editor.start();
  /** The visible screen, trailing spaces trimmed, empty trailing lines dropped. */
  const screen = async (): Promise<string[]> => {
    // Let submitted commands settle and their prompts reach the terminal.
    for (let i = 0; i < 3; i++) {
      await pending;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const lines: string[] = [];
    const buffer = term.buffer.active;
    for (let y = 0; y < term.rows; y++)
      lines.push((buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '').trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  };
  const cursor = async (): Promise<number> => {
    await screen();
    return term.buffer.active.cursorX;
  };
  return { editor, submitted, screen, cursor };
}

const LEFT = '\x1b[D';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

describe('LineEditor on a terminal screen', () => {
  it('echoes typing and submits the line', async () => {
    const { editor, submitted, screen } = setup();
    editor.input('kubectl get pods');
    expect(await screen()).toEqual(['$ kubectl get pods']);
    editor.input('\r');
    expect(submitted).toEqual(['kubectl get pods']);
    expect(await screen()).toEqual(['$ kubectl get pods', '$']);
  });

  it('inserts in the middle and deletes with Backspace and Delete', async () => {
    const { editor, screen, cursor } = setup();
    editor.input('kubectl get pod');
    editor.input(LEFT.repeat(3));
    editor.input('-o wide ');
    expect(await screen()).toEqual(['$ kubectl get -o wide pod']);
    expect(await cursor()).toBe('$ kubectl get -o wide '.length);
    editor.input('\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f');
    editor.input('\x1b[3~');
    expect(await screen()).toEqual(['$ kubectl get od']);
  });

  it('jumps with Home/End and Ctrl-A/Ctrl-E, and kills with Ctrl-U, Ctrl-K and Ctrl-W', async () => {
    const { editor, screen, cursor } = setup();
    editor.input('kubectl scale sts db-cluster --replicas=5');
    editor.input('\x01');
    expect(await cursor()).toBe(2);
    editor.input('\x05\x17');
    expect(await screen()).toEqual(['$ kubectl scale sts db-cluster']);
    expect(editor.line).toBe('kubectl scale sts db-cluster ');
    editor.input('\x1b[H\x1b[C\x1b[C\x0b');
    expect(await screen()).toEqual(['$ ku']);
    editor.input('\x05\x15');
    expect(await screen()).toEqual(['$']);
  });

  it('browses history with ↑ and ↓ and keeps the line being typed', async () => {
    const { editor, screen } = setup({ history: ['kubectl get pods', 'kubectl get sts'] });
    editor.input('kubectl des');
    editor.input(UP);
    expect(await screen()).toEqual(['$ kubectl get sts']);
    editor.input(UP + UP);
    expect(await screen()).toEqual(['$ kubectl get pods']);
    editor.input(DOWN + DOWN);
    expect(await screen()).toEqual(['$ kubectl des']);
  });

  it('abandons the line on Ctrl-C like a shell', async () => {
    const { editor, submitted, screen } = setup();
    editor.input('kubectl delete sts db-cluster\x03');
    expect(submitted).toEqual([]);
    expect(await screen()).toEqual(['$ kubectl delete sts db-cluster^C', '$']);
  });

  it('clears the screen on Ctrl-L and keeps the line', async () => {
    const { editor, screen } = setup();
    editor.input('echo one\r');
    await screen();
    editor.input('kubectl get\x0c');
    expect(await screen()).toEqual(['$ kubectl get']);
  });

  it('completes a unique match and lists several on a second Tab', async () => {
    const completer: Completer = (before) => {
      if (before.endsWith('kubectl sc')) return { insert: 'ale ', candidates: [] };
      if (before.endsWith('kubectl get p'))
        return { insert: '', candidates: ['pods', 'pv', 'pvc'] };
      return { insert: '', candidates: [] };
    };
    const { editor, screen } = setup({ completer });
    editor.input('kubectl sc\t');
    expect(await screen()).toEqual(['$ kubectl scale']);
    expect(editor.line).toBe('kubectl scale ');
    editor.input('\x15kubectl get p\t');
    expect(await screen()).toEqual(['$ kubectl get p']);
    editor.input('\t');
    expect(await screen()).toEqual(['$ kubectl get p', 'pods  pv  pvc', '$ kubectl get p']);
  });

  it('runs pasted lines one after another, queueing keys while a command runs', async () => {
    let release: () => void = () => undefined;
    const run = (line: string) =>
      line === 'slow' ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    const { editor, submitted, screen } = setup({ run });
    editor.input('slow\r\nkubectl get pods\r\n');
    expect(submitted).toEqual(['slow']);
    expect(editor.busy).toBe(true);
    release();
    await screen();
    await screen();
    expect(submitted).toEqual(['slow', 'kubectl get pods']);
    expect(await screen()).toEqual(['$ slow', '$ kubectl get pods', '$']);
  });

  it('keeps multi-byte characters whole', async () => {
    const { editor, screen } = setup();
    editor.input('echo héllo 🚀');
    editor.input('\x7f');
    expect(await screen()).toEqual(['$ echo héllo']);
    expect(editor.line).toBe('echo héllo ');
  });

  it('ignores unknown escape sequences and control characters', async () => {
    const { editor, screen } = setup();
    editor.input('a\x1b[15~\x1b[1;5Cb\x07c');
    expect(await screen()).toEqual(['$ abc']);
  });

  it('asks a prompt function before each line: a here-document shows > until its end', async () => {
    const shell = createShell({ cluster: createCluster({ seed: 1 }) });
    const output: string[] = [];
    const { editor, screen } = setup({
      prompt: () => shell.prompt(),
      run: async (line) => {
        await shell.run(line, { write: (_s, text) => output.push(text) });
      },
    });
    editor.input('cat <<EOF\rhello\rEOF\r');
    expect(await screen()).toEqual(['$ cat <<EOF', '> hello', '> EOF', '$']);
    expect(output.join('')).toBe('hello\n');
  });

  it('drops a half-typed here-document on Ctrl-C and shows $ again', async () => {
    const shell = createShell({ cluster: createCluster({ seed: 1 }) });
    const { editor, screen } = setup({
      prompt: () => shell.prompt(),
      run: async (line) => {
        await shell.run(line);
      },
      onCancel: () => shell.cancelInput(),
    });
    editor.input('cat <<EOF\rhalf');
    editor.input('\x03');
    expect(await screen()).toEqual(['$ cat <<EOF', '> half^C', '$']);
    expect(shell.continuing).toBe(false);
  });
});
