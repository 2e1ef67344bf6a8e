/**
 * The `sts-lab` command. `sts-lab` alone opens the workspace's shell against a fresh simulated
 * cluster in this terminal, with time at wall-clock speed (`--speed N` for N×).
 * `sts-lab run FILE [--seed N]` (or `-` for stdin) prints a reproducible transcript of a script.
 * Runs under Node 22 directly (`node src/cli/sts-lab.ts run script.txt`).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILTIN_FILES, directoryLister, fileReader } from './builtin-files.ts';
import { runInteractive } from './interactive.ts';
import { nodeEditor, nodeTerminal, yamlFilesIn } from './node-terminal.ts';
import { runScript } from './run-script.ts';

const USAGE = `Usage:
  sts-lab [--seed N] [--speed N]  open a shell on a fresh simulated cluster (time at N× real speed)
  sts-lab run [--seed N] FILE    run a script and print "$ <line>" followed by its output
  sts-lab run [--seed N] -       read the script from standard input
`;

/** The spellings that ask for the usage text. */
const HELP: ReadonlySet<string> = new Set(['--help', '-h', 'help']);

/** Runs the CLI with `argv` (without node and the script path); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command.startsWith('--seed') || command.startsWith('--speed')) {
    return interactive(argv);
  }
  if (HELP.has(command) || (command === 'run' && rest.some((a) => HELP.has(a)))) {
    // Asked-for help goes to stdout and succeeds, as cobra's `--help` does.
    process.stdout.write(USAGE);
    return 0;
  }
  if (command !== 'run') {
    process.stderr.write(`sts-lab: unknown command "${command}"\n${USAGE}`);
    return 2;
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
  const transcript = await runScript(script, {
    seed,
    readFile: fileReader(process.cwd()),
    listDirectory: directoryLister(process.cwd()),
  });
  process.stdout.write(transcript);
  return 0;
}

/** `sts-lab [--seed N] [--speed N]`: the interactive shell, when stdin is a terminal. */
async function interactive(argv: readonly string[]): Promise<number> {
  let seed = 1;
  let speed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [name, inline] = a.split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (
      (name !== '--seed' && name !== '--speed') ||
      value === undefined ||
      !/^\d+(\.\d+)?$/.test(value)
    ) {
      process.stderr.write(`sts-lab: unexpected argument "${a}"\n${USAGE}`);
      return 2;
    }
    if (name === '--seed') seed = Math.floor(Number(value));
    else speed = Number(value);
  }
  if (!process.stdin.isTTY) {
    process.stderr.write(
      'sts-lab: standard input is not a terminal; to run a script use `sts-lab run -`\n',
    );
    return 2;
  }
  const cwd = process.cwd();
  return runInteractive({
    io: nodeTerminal(),
    seed,
    speed: speed > 0 ? speed : 1,
    readFile: fileReader(cwd),
    listDirectory: directoryLister(cwd),
    edit: nodeEditor(),
    listFiles: () => [...new Set([...yamlFilesIn(cwd), ...BUILTIN_FILES])].sort(),
  });
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
