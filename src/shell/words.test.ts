import { describe, expect, it } from 'vitest';
import { splitLine } from './words.ts';

describe('splitLine', () => {
  it('splits words, honours quotes and escapes', () => {
    expect(splitLine(`kubectl get pods -o 'jsonpath={.items[*]}' "a b" c\\ d`)).toEqual({
      ok: true,
      commands: [
        {
          words: ['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*]}', 'a b', 'c d'],
          joiner: ';',
        },
      ],
    });
  });
  it('splits lists on ; && and ||', () => {
    const r = splitLine('a; b && c || d');
    expect(r.ok && r.commands.map((c) => [c.joiner, c.words[0]])).toEqual([
      [';', 'a'],
      [';', 'b'],
      ['&&', 'c'],
      ['||', 'd'],
    ]);
  });
  it('drops comments that start a word', () => {
    const r = splitLine('echo a#b # comment');
    expect(r.ok && r.commands[0]?.words).toEqual(['echo', 'a#b']);
  });
  it('reports unterminated quotes and dangling operators as data', () => {
    expect(splitLine("echo 'oops").ok).toBe(false);
    expect(splitLine('echo a &&').ok).toBe(false);
    expect(splitLine('&& echo a').ok).toBe(false);
  });
});
