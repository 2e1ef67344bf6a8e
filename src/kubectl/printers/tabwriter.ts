/**
 * A Go `text/tabwriter` work-alike with the `RememberWidths` flag of the fork kubectl uses
 * (github.com/liggitt/tabwriter). Text is buffered until `flush`; cells are tab-terminated, the
 * last cell of a line is not part of any column, and a column block is a run of consecutive lines
 * that all have a cell in that column. Each column is as wide as its widest cell plus `padding`,
 * but at least `minWidth`. With `rememberWidths`, widths from earlier flushes are kept and can only
 * grow, which is why a `kubectl get -w` header never re-aligns.
 */

/** Options of a TabWriter (Go's NewWriter parameters that matter for space padding). */
export interface TabWriterOptions {
  readonly minWidth: number;
  readonly padding: number;
  readonly rememberWidths?: boolean;
}

/** The tabwriter `kubectl get` uses: minwidth 6, padding 3, RememberWidths. */
export const GET_TABWRITER: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: true };
/** The tabwriter `kubectl describe` uses: minwidth 0, padding 2. */
export const DESCRIBE_TABWRITER: TabWriterOptions = { minWidth: 0, padding: 2 };

/** Display width as Go's tabwriter counts it (one per code point). */
function textWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Buffers tab-separated text and renders aligned columns on flush. */
export class TabWriter {
  readonly #opts: TabWriterOptions;
  #buffer = '';
  #remembered: number[] = [];

  /** Creates a writer with the given layout options. */
  constructor(opts: TabWriterOptions) {
    this.#opts = opts;
  }

  /** Appends text; nothing is rendered until `flush`. */
  write(text: string): void {
    this.#buffer += text;
  }

  /** Forgets remembered widths (kubectl does this when a new resource kind starts). */
  resetWidths(): void {
    this.#remembered = [];
  }

  /** Renders and returns everything buffered so far. */
  flush(): string {
    const text = this.#buffer;
    this.#buffer = '';
    if (text === '') return '';
    const endsWithNewline = text.endsWith('\n');
    const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
    const lines = rawLines.map((l) => l.split('\t'));
    const widths: number[] = [];
    const colWidths: number[][] = lines.map(() => []);
    this.#format(lines, 0, lines.length, widths, colWidths);
    const out: string[] = [];
    lines.forEach((cells, i) => {
      let s = '';
      const w = colWidths[i] ?? [];
      cells.forEach((cell, j) => {
        if (j < cells.length - 1) {
          const width = w[j] ?? 0;
          s += cell + ' '.repeat(Math.max(0, width - textWidth(cell)));
        } else {
          s += cell;
        }
      });
      out.push(s);
    });
    return out.join('\n') + (endsWithNewline ? '\n' : '');
  }

  /** Go's recursive column-block formatting: assigns a width to every tab-terminated cell. */
  #format(
    lines: readonly string[][],
    line0: number,
    line1: number,
    widths: number[],
    colWidths: number[][],
  ): void {
    const column = widths.length;
    for (let i = line0; i < line1; i++) {
      const line = lines[i] ?? [];
      const w = colWidths[i];
      if (w) for (let j = 0; j < column && j < line.length - 1; j++) w[j] = widths[j] ?? 0;
      if (column >= line.length - 1) continue;
      // A new block starts at line i for this column.
      let width = this.#opts.minWidth;
      let end = i;
      for (; end < line1; end++) {
        const l = lines[end] ?? [];
        if (column >= l.length - 1) break;
        width = Math.max(width, textWidth(l[column] ?? '') + this.#opts.padding);
      }
      if (this.#opts.rememberWidths) {
        const prev = this.#remembered[column] ?? 0;
        width = Math.max(width, prev);
        this.#remembered[column] = width;
      }
      widths.push(width);
      this.#format(lines, i, end, widths, colWidths);
      widths.pop();
      i = end - 1;
    }
  }
}

/** Aligns a complete text at once (a fresh writer, flushed). */
export function tabulate(text: string, opts: TabWriterOptions): string {
  const w = new TabWriter(opts);
  w.write(text);
  return w.flush();
}
