import { describe, expect, it } from 'vitest';
import type { FlagSpec } from './flags.ts';
import { flagBool, flagInt, flagString, flagStrings, parseArgs } from './flags.ts';

const SPECS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'replicas', type: 'int' },
  { name: 'filename', short: 'f', type: 'strings' },
];

function ok(argv: string[]) {
  const r = parseArgs(argv, SPECS);
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('parseArgs (pflag grammar)', () => {
  it('accepts values with = or as the next word, and flags between arguments', () => {
    const r = ok(['pods', '-o', 'wide', 'web-0', '--namespace=demo']);
    expect(r.args).toEqual(['pods', 'web-0']);
    expect(flagString(r.flags, 'output')).toBe('wide');
    expect(flagString(r.flags, 'namespace')).toBe('demo');
  });

  it('accepts -ovalue, -o=value and bundled booleans', () => {
    expect(flagString(ok(['-owide']).flags, 'output')).toBe('wide');
    expect(flagString(ok(['-o=name']).flags, 'output')).toBe('name');
    const r = ok(['-wA']);
    expect(flagBool(r.flags, 'watch')).toBe(true);
    expect(flagBool(r.flags, 'all-namespaces')).toBe(true);
  });

  it('parses ints and repeatable comma lists', () => {
    const r = ok(['--replicas', '5', '-f', 'a.yaml,b.yaml', '-f', 'c.yaml']);
    expect(flagInt(r.flags, 'replicas')).toBe(5);
    expect(flagStrings(r.flags, 'filename')).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
  });

  it('stops at -- and keeps the rest', () => {
    const r = ok(['web-0', '--', 'ls', '-l']);
    expect(r.args).toEqual(['web-0']);
    expect(r.dashArgs).toEqual(['ls', '-l']);
  });

  it('treats a lone - as an argument (stdin)', () => {
    expect(ok(['-f', '-']).flags.get('filename')).toEqual(['-']);
  });

  it.each([
    [['--bogus'], 'unknown flag: --bogus'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-o'], "flag needs an argument: 'o' in -o"],
    [['--output'], 'flag needs an argument: --output'],
    [
      ['--replicas=x'],
      'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax',
    ],
    [
      ['--watch=maybe'],
      'invalid argument "maybe" for "--watch" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
  ])('%j fails with pflag wording', (argv, message) => {
    expect(parseArgs(argv, SPECS)).toEqual({ ok: false, message });
  });
});
