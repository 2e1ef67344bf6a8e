/**
 * Line editing for the terminal, as pure logic: it turns the bytes a terminal sends (keys, pasted
 * text) into edits of one line, and writes back the escape sequences that redraw it. It knows
 * nothing about xterm or the DOM: it reads from `input(data)` and writes to an `Output`.
 *
 * Keys: printable text, Backspace, Delete, ←/→, Home/End (and Ctrl-A/Ctrl-E), ↑/↓ for history,
 * Ctrl-U (delete to start), Ctrl-K (delete to end), Ctrl-W (delete the word before the cursor),
 * Ctrl-C (abandon the line), Ctrl-L (clear the screen), Tab (complete), Enter (submit). Pasted
 * text with newlines submits each line in turn.
 */

/** Where the editor writes: the terminal. */
export interface LineOutput {
  write(data: string): void;
}

/** What completion offers for the text before the cursor. */
export interface Completion {
  /** Text to insert at the cursor (the common part of all candidates beyond what is typed). */
  readonly insert: string;
  /** Candidates to list when there is more than one (empty when the completion is unique). */
  readonly candidates: readonly string[];
}

/** Completes the word before the cursor, given the whole line up to the cursor. */
export type Completer = (lineBeforeCursor: string) => Completion;

/** Options of a line editor. */
export interface LineEditorOptions {
  readonly output: LineOutput;
  /**
   * The prompt printed before each line, such as `$ `. A function is asked again before every
   * line, so a shell can show `> ` while a here-document is being typed, or `/ # ` inside a
   * container.
   */
  readonly prompt: string | (() => string);
  /** Called with each submitted line; the editor prompts again when the promise settles. */
  readonly onSubmit: (line: string) => Promise<void>;
  readonly completer?: Completer;
  /** Earlier lines, oldest first (restored history). */
  readonly history?: readonly string[];
  /** How many lines of history to keep. */
  readonly historyLimit?: number;
  /**
   * Called when Ctrl-C abandons the line being typed (not while a command runs), so a shell can
   * drop a half-typed multi-line command as bash does.
   */
  readonly onCancel?: () => void;
}

const ESC = '\x1b';
/** A CSI or SS3 escape sequence at the start of the input. */
const ESCAPE_SEQUENCE = new RegExp(`^${ESC}(\\[[0-9;]*[A-Za-z~]|O[A-Za-z])`);

/** Number of terminal columns a string takes (code points; wide characters are not special-cased). */
function width(text: string): number {
  return [...text].length;
}

/** An interactive line editor bound to an output. */
export class LineEditor {
  readonly #out: LineOutput;
  readonly #promptSource: string | (() => string);
  readonly #onSubmit: (line: string) => Promise<void>;
  readonly #completer: Completer | undefined;
  readonly #onCancel: (() => void) | undefined;
  readonly #historyLimit: number;
  #history: string[];
  /** Position in history while browsing with ↑/↓ (history.length = the line being typed). */
  #historyIndex: number;
  /** The line being typed before ↑ started browsing, restored by ↓ past the newest entry. */
  #draft = '';
  /** The line as an array of code points, so the cursor never splits a character. */
  #chars: string[] = [];
  #cursor = 0;
  /** True while a submitted line runs: keys wait in the queue. */
  #busy = false;
  #queue: string[] = [];
  /** Whether the last key was Tab (a second Tab lists the candidates). */
  #lastWasTab = false;

  constructor(options: LineEditorOptions) {
    this.#out = options.output;
    this.#promptSource = options.prompt;
    this.#onSubmit = options.onSubmit;
    this.#completer = options.completer;
    this.#onCancel = options.onCancel;
    this.#historyLimit = options.historyLimit ?? 500;
    this.#history = [...(options.history ?? [])].slice(-this.#historyLimit);
    this.#historyIndex = this.#history.length;
  }

  /** The prompt for the current line. */
  get #prompt(): string {
    const source = this.#promptSource;
    return typeof source === 'string' ? source : source();
  }

  /** The submitted lines, oldest first (to persist). */
  get history(): readonly string[] {
    return this.#history;
  }

  /** The line being edited. */
  get line(): string {
    return this.#chars.join('');
  }

  /** True while a submitted command runs. */
  get busy(): boolean {
    return this.#busy;
  }

  /** Prints the prompt; call once when the terminal is ready. */
  start(): void {
    this.#out.write(this.#prompt);
  }

  /**
   * Takes input from the terminal. While a command runs, input is queued and replayed after it
   * (except Ctrl-C, which the owner handles by interrupting the command).
   */
  input(data: string): void {
    if (this.#busy) {
      this.#queue.push(data);
      return;
    }
    let i = 0;
    while (i < data.length && !this.#busy) {
      const consumed = this.#key(data, i);
      i += consumed;
    }
    if (i < data.length) this.#queue.push(data.slice(i));
  }

  /** Writes text as if typed and submits it (the editor's Apply button uses this). */
  submitText(line: string): void {
    this.input(`\x15${line}\r`);
  }

  /** Handles the key starting at `data[i]`; returns how many characters it used. */
  #key(data: string, i: number): number {
    const ch = data[i] ?? '';
    const wasTab = this.#lastWasTab;
    this.#lastWasTab = false;
    if (ch === ESC) return this.#escape(data, i);
    switch (ch) {
      case '\r':
      case '\n': {
        // A pasted "\r\n" is one line break.
        const skip = ch === '\r' && data[i + 1] === '\n' ? 2 : 1;
        this.#submit();
        return skip;
      }
      case '\x7f':
      case '\b':
        if (this.#cursor > 0) {
          this.#chars.splice(this.#cursor - 1, 1);
          this.#cursor--;
          this.#redraw();
        }
        return 1;
      case '\x01':
        this.#moveTo(0);
        return 1;
      case '\x05':
        this.#moveTo(this.#chars.length);
        return 1;
      case '\x02':
        this.#moveTo(this.#cursor - 1);
        return 1;
      case '\x06':
        this.#moveTo(this.#cursor + 1);
        return 1;
      case '\x15':
        this.#chars.splice(0, this.#cursor);
        this.#cursor = 0;
        this.#redraw();
        return 1;
      case '\x0b':
        this.#chars.splice(this.#cursor);
        this.#redraw();
        return 1;
      case '\x17':
        this.#deleteWordBefore();
        return 1;
      case '\x03':
        this.#out.write('^C\r\n');
        this.#chars = [];
        this.#cursor = 0;
        this.#historyIndex = this.#history.length;
        this.#onCancel?.();
        this.#out.write(this.#prompt);
        return 1;
      case '\x0c':
        this.#out.write(`${ESC}[2J${ESC}[3J${ESC}[H`);
        this.#out.write(this.#prompt);
        this.#redraw();
        return 1;
      case '\t':
        this.#complete(wasTab);
        return 1;
      default: {
        const code = ch.codePointAt(0) ?? 0;
        if (code < 0x20) return 1; // other control characters are ignored, as bash does
        // Take the whole code point (surrogate pairs) and any run of printable text at once.
        let end = i;
        while (end < data.length) {
          const c = data.codePointAt(end) ?? 0;
          if (c < 0x20 || c === 0x7f || data[end] === ESC) break;
          end += c > 0xffff ? 2 : 1;
        }
        this.#insert(data.slice(i, end));
        return end - i;
      }
    }
  }

  /** Handles an escape sequence (arrows, Home/End, Delete); unknown ones are skipped whole. */
  #escape(data: string, i: number): number {
    const rest = data.slice(i);
    const match = ESCAPE_SEQUENCE.exec(rest);
    if (!match) return 1;
    const seq = match[1] ?? '';
    switch (seq) {
      case '[A':
      case 'OA':
        this.#browseHistory(-1);
        break;
      case '[B':
      case 'OB':
        this.#browseHistory(1);
        break;
      case '[C':
      case 'OC':
        this.#moveTo(this.#cursor + 1);
        break;
      case '[D':
      case 'OD':
        this.#moveTo(this.#cursor - 1);
        break;
      case '[H':
      case 'OH':
      case '[1~':
        this.#moveTo(0);
        break;
      case '[F':
      case 'OF':
      case '[4~':
        this.#moveTo(this.#chars.length);
        break;
      case '[3~':
        if (this.#cursor < this.#chars.length) {
          this.#chars.splice(this.#cursor, 1);
          this.#redraw();
        }
        break;
      default:
        break;
    }
    return match[0].length;
  }

  #insert(text: string): void {
    const added = [...text];
    this.#chars.splice(this.#cursor, 0, ...added);
    this.#cursor += added.length;
    this.#redraw();
  }

  #moveTo(position: number): void {
    const next = Math.max(0, Math.min(this.#chars.length, position));
    if (next === this.#cursor) return;
    this.#cursor = next;
    this.#redraw();
  }

  #deleteWordBefore(): void {
    let start = this.#cursor;
    while (start > 0 && this.#chars[start - 1] === ' ') start--;
    while (start > 0 && this.#chars[start - 1] !== ' ') start--;
    if (start === this.#cursor) return;
    this.#chars.splice(start, this.#cursor - start);
    this.#cursor = start;
    this.#redraw();
  }

  #browseHistory(direction: -1 | 1): void {
    const next = this.#historyIndex + direction;
    if (next < 0 || next > this.#history.length) return;
    if (this.#historyIndex === this.#history.length) this.#draft = this.line;
    this.#historyIndex = next;
    const text = next === this.#history.length ? this.#draft : (this.#history[next] ?? '');
    this.#chars = [...text];
    this.#cursor = this.#chars.length;
    this.#redraw();
  }

  #complete(secondTab: boolean): void {
    if (!this.#completer) return;
    const before = this.#chars.slice(0, this.#cursor).join('');
    const completion = this.#completer(before);
    if (completion.insert !== '') {
      this.#insert(completion.insert);
      return;
    }
    if (completion.candidates.length > 1) {
      if (!secondTab) {
        this.#lastWasTab = true;
        this.#out.write('\x07');
        return;
      }
      // Like bash: list the candidates under the line, then redraw the prompt and the line.
      this.#out.write(`\r\n${completion.candidates.join('  ')}\r\n${this.#prompt}`);
      this.#redraw();
    }
  }

  #submit(): void {
    const line = this.line;
    this.#moveTo(this.#chars.length);
    this.#out.write('\r\n');
    this.#chars = [];
    this.#cursor = 0;
    if (line.trim() !== '' && this.#history[this.#history.length - 1] !== line) {
      this.#history.push(line);
      if (this.#history.length > this.#historyLimit) this.#history.shift();
    }
    this.#historyIndex = this.#history.length;
    this.#draft = '';
    this.#busy = true;
    void this.#onSubmit(line)
      .catch(() => undefined)
      .then(() => {
        this.#busy = false;
        this.#out.write(this.#prompt);
        const queued = this.#queue.join('');
        this.#queue = [];
        if (queued !== '') this.input(queued);
      });
  }

  /** Rewrites the line after the prompt and puts the cursor back where it belongs. */
  #redraw(): void {
    const text = this.line;
    const back = width(text) - width(this.#chars.slice(0, this.#cursor).join(''));
    this.#out.write(`\r${this.#prompt}${text}${ESC}[K${back > 0 ? `${ESC}[${back}D` : ''}`);
  }
}
