/**
 * Splits a shell line into commands and words: single quotes (literal), double quotes (with
 * `\"`, `\\`, `\$` escapes), backslash escapes, `#` comments at the start of a word, and the
 * list operators `;`, `&&` and `||`. Errors (an unterminated quote) are returned as data.
 */

/** How a command is joined to the one before it. */
export type Joiner = ';' | '&&' | '||';

/** One simple command of a list. */
export interface SimpleCommand {
  readonly words: readonly string[];
  /** The operator before this command (`;` for the first). */
  readonly joiner: Joiner;
}

/** The result of splitting a line. */
export type SplitResult =
  | { readonly ok: true; readonly commands: readonly SimpleCommand[] }
  | { readonly ok: false; readonly message: string };

/** Splits `line` into a list of simple commands. */
export function splitLine(line: string): SplitResult {
  const commands: SimpleCommand[] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let joiner: Joiner = ';';
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (next: Joiner): string | undefined => {
    endWord();
    if (words.length === 0) return `syntax error near unexpected token \`${next}'`;
    commands.push({ words, joiner });
    words = [];
    joiner = next;
    return undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, message: "unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j] ?? '';
        if (d === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1] ?? '')) {
          word += line[j + 1] ?? '';
          j++;
        } else word += d;
      }
      if (j >= line.length)
        return { ok: false, message: 'unexpected EOF while looking for matching `"\'' };
      inWord = true;
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i] ?? '';
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === ';') {
      const err = endCommand(';');
      if (err) return { ok: false, message: err };
    } else if ((c === '&' || c === '|') && line[i + 1] === c) {
      const op = c === '&' ? '&&' : '||';
      const err = endCommand(op);
      if (err) return { ok: false, message: err };
      i++;
    } else {
      word += c;
      inWord = true;
    }
  }
  endWord();
  if (words.length > 0) commands.push({ words, joiner });
  else if (joiner !== ';') return { ok: false, message: 'syntax error: unexpected end of file' };
  return { ok: true, commands };
}
