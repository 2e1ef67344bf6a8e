/**
 * Golden transcripts: each `tests/golden/*.txt` file is a script (`$ <command>` lines) followed by
 * the exact output kubectl 1.35 would print. The test replays the commands through the `sts-lab
 * run` runner with a fixed seed and compares byte for byte. Lines before the first `$ ` line are
 * a description and are ignored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/cli/run-script.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';
import { GOLDEN_FILES } from './fixtures.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const SEED = 1;

/** Golden files whose expectation a simulator bug currently breaks, with the reason. */
const KNOWN_SIMULATOR_BUGS: Readonly<Record<string, string>> = {};

function readFixture(path: string): string | undefined {
  return Object.hasOwn(GOLDEN_FILES, path) ? GOLDEN_FILES[path] : readBuiltin(path);
}

/**
 * The prompts a transcript shows before an input line: the shell's `$ `, its continuation
 * prompt `> ` (here-document bodies), and the shells inside containers (busybox `/ # `, dash
 * `# `, bash `root@<host>:/# `).
 */
const PROMPT = /^(\$ |> |\/ # |# |root@[^:\s]+:\/# )/;

/** Splits a golden file into its expected transcript (from the first `$ ` line on) and script. */
function parseGolden(text: string): { script: string; expected: string } {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('$ '));
  const body = lines.slice(first < 0 ? lines.length : first);
  const expected = body.join('\n');
  const script = body
    .filter((l) => PROMPT.test(l))
    .map((l) => l.replace(PROMPT, ''))
    .join('\n');
  return { script, expected };
}

const files = readdirSync(here)
  .filter((f) => f.endsWith('.txt'))
  .sort();

describe('golden transcripts', () => {
  it('has transcripts to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    const reason = KNOWN_SIMULATOR_BUGS[file];
    const test = reason === undefined ? it : it.fails;
    test(`${file}${reason ? ` (simulator bug: ${reason})` : ''}`, async () => {
      const { script, expected } = parseGolden(readFileSync(resolve(here, file), 'utf8'));
      const actual = await runScript(script, { seed: SEED, readFile: readFixture });
      expect(actual).toBe(expected);
    });
  }
});
