// A shell on a fresh seed-1 cluster with the built-in example files, for tests that read what a
// terminal would show: `type` echoes each line after its prompt, as a learner sees it.
import { createCluster, type Cluster } from '../../src/sim/index.ts';
import { createShell, type Shell } from '../../src/shell/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

export interface TypedSession {
  readonly cluster: Cluster;
  readonly shell: Shell;
  /** Types lines one after another; returns the screen: prompt, line, output, for each. */
  type: (...lines: string[]) => Promise<string>;
  run: (line: string) => Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** Virtual time of the cluster. */
  now: () => number;
}

/** What a test may change about the shell: the files it reads and lists. */
export interface SessionFiles {
  readonly readFile?: (name: string) => string | undefined;
  readonly listFiles?: () => readonly string[];
}

export function typedSession(files: SessionFiles = {}): TypedSession {
  const cluster = createCluster({ seed: 1 });
  const shell = createShell({
    cluster,
    readFile: files.readFile ?? readBuiltin,
    ...(files.listFiles ? { listFiles: files.listFiles } : {}),
  });
  return {
    cluster,
    shell,
    async type(...lines) {
      let screen = '';
      for (const line of lines) {
        screen += `${shell.prompt()}${line}\n`;
        await shell.run(line, { write: (_s, text) => (screen += text) });
      }
      return screen;
    },
    run: (line) => shell.run(line),
    now: () => cluster.now(),
  };
}

/** The two lines kubectl 1.35 prints before attaching to a container. */
export const ATTACHED =
  'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
  "If you don't see a command prompt, try pressing enter.\n";
