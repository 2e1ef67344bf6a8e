/**
 * The `sts-lab` command: `sts-lab run FILE [--seed N]` (or `-` / no file for stdin) prints a
 * reproducible transcript of the script run against a fresh simulated cluster. Runs under
 * Node 22 directly (`node src/cli/sts-lab.ts run script.txt`).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fileReader } from './builtin-files.ts';
import { runScript } from './run-script.ts';

const USAGE = `Usage:
  sts-lab run [--seed N] FILE    run a script and print "$ <line>" followed by its output
  sts-lab run [--seed N] -       read the script from standard input
`;

/** Runs the CLI with `argv` (without node and the script path); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'run') {
    process.stderr.write(
      command === undefined ? USAGE : `sts-lab: unknown command "${command}"\n${USAGE}`,
    );
    return command === undefined || command === '--help' ? 0 : 2;
  }
  let seed = 1;
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a === '--seed' ? rest[++i] : a.slice('--seed='.length);
      if (v === undefined || !/^\d+$/.test(v)) {
        process.stderr.write(`sts-lab: --seed needs a non-negative integer\n`);
        return 2;
      }
      seed = Number(v);
    } else if (file === undefined) file = a;
    else {
      process.stderr.write(`sts-lab: unexpected argument "${a}"\n${USAGE}`);
      return 2;
    }
  }
  let script: string;
  try {
    script =
      file === undefined || file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(
      `sts-lab: cannot read ${file ?? 'stdin'}: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 1;
  }
  const transcript = await runScript(script, { seed, readFile: fileReader(process.cwd()) });
  process.stdout.write(transcript);
  return 0;
}

/** True when Node runs this file itself (also through an npm `bin` symlink). */
function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
