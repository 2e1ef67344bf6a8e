import { describe, expect, it } from 'vitest';
import { parseShell } from './parse.ts';
import { expandWord } from './expand.ts';

describe('parseShell', () => {
  it('asks for more input where bash shows the > prompt', () => {
    for (const text of [
      "echo 'open",
      'echo "open',
      'kubectl get pods |',
      'true &&',
      'for i in 1 2; do echo $i',
      'cat <<EOF\nline',
      'echo $(kubectl get pods',
      'echo a \\',
    ])
      expect(parseShell(text), text).toEqual({ kind: 'incomplete' });
  });

  it('reports syntax errors with bash wording', () => {
    expect(parseShell('echo a ;; echo b')).toEqual({
      kind: 'error',
      message: "syntax error near unexpected token `;'",
    });
    expect(parseShell('| grep x')).toEqual({
      kind: 'error',
      message: "syntax error near unexpected token `|'",
    });
    expect(parseShell('done')).toEqual({
      kind: 'error',
      message: "syntax error near unexpected token `done'",
    });
  });

  it('reads here-document bodies, honouring <<- and quoted delimiters', () => {
    const r = parseShell("cat <<-'END' | wc -l\n\tone $x\n\tEND");
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const first = r.list[0]?.pipeline[0];
    expect(first?.type === 'simple' && first.redirects).toEqual([
      { op: '<<', target: 'one $x\n', literal: true },
    ]);
    expect(r.list[0]?.pipeline).toHaveLength(2);
  });

  it('parses assignments, loops, background items and redirections', () => {
    const r = parseShell('n=3; for i in a "b c"; do echo $i > out.txt; done & echo 2>&1');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    const [assign, loop, echo] = r.list;
    expect(assign?.pipeline[0]).toEqual({
      type: 'simple',
      assignments: [['n', '3']],
      words: [],
      redirects: [],
    });
    expect(loop?.background).toBe(true);
    expect(loop?.pipeline[0]?.type === 'for' && loop.pipeline[0].items).toEqual(['a', '"b c"']);
    expect(echo?.pipeline[0]?.type === 'simple' && echo.pipeline[0].redirects).toEqual([
      { op: '2>&1', target: '' },
    ]);
  });
});

describe('expandWord', () => {
  const ctx = {
    lookup: (name: string) => ({ v: 'a  b', empty: '' })[name],
    substitute: (command: string) => Promise.resolve(`[${command}]\n\n`),
  };
  it('splits unquoted expansions into fields and keeps quoted ones whole', async () => {
    expect(await expandWord('$v', ctx)).toEqual(['a', 'b']);
    expect(await expandWord('"$v"', ctx)).toEqual(['a  b']);
    expect(await expandWord('x$v', ctx)).toEqual(['xa', 'b']);
    expect(await expandWord('$empty', ctx)).toEqual([]);
    expect(await expandWord('"$empty"', ctx)).toEqual(['']);
    expect(await expandWord("'$v'", ctx)).toEqual(['$v']);
    expect(await expandWord('${v}!', ctx)).toEqual(['a', 'b!']);
  });
  it('substitutes commands, dropping trailing newlines', async () => {
    expect(await expandWord('"$(hostname)"', ctx)).toEqual(['[hostname]']);
    expect(await expandWord('web-`echo 1`', ctx)).toEqual(['web-[echo', '1]']);
  });
});
