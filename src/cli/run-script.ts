/**
 * `sts-lab run`: replays a script against a fresh simulated cluster and returns the transcript,
 * `$ <line>` followed by that line's output (stdout and stderr interleaved as written). Virtual
 * time moves only when a command waits (`sleep`, `kubectl delete`, `rollout status`, watches), so
 * the same seed and script always give the same bytes. Blank lines and `#` comment lines are
 * skipped without being echoed; output that does not end with a newline (`-o jsonpath`) gets one
 * before the next `$` line, so the transcript stays line-oriented. Lines that continue an
 * unfinished command (a here-document body, the rest of a `for` loop) are echoed after the
 * shell's `> ` prompt, and inside them blank and `#` lines are kept, as a terminal shows them.
 */
import { createCluster } from '../sim/index.ts';
import { createShell } from '../shell/index.ts';

/** Options of runScript. */
export interface RunScriptOptions {
  /** Seed of the simulated cluster (default 1). */
  readonly seed?: number;
  /** Files the script can use (`kubectl apply -f db-cluster.yaml`). */
  readonly readFile?: (path: string) => string | undefined;
  /** Lists a directory's files (`kubectl apply -f DIR`). */
  readonly listDirectory?: (path: string) => readonly string[] | undefined;
}

/** Runs every line of `script` and returns the transcript. */
export async function runScript(script: string, opts: RunScriptOptions = {}): Promise<string> {
  const cluster = createCluster({ seed: opts.seed ?? 1 });
  const shell = createShell({
    cluster,
    ...(opts.readFile ? { readFile: opts.readFile } : {}),
    ...(opts.listDirectory ? { listDirectory: opts.listDirectory } : {}),
  });
  let transcript = '';
  for (const raw of script.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (!shell.continuing && (trimmed === '' || trimmed.startsWith('#'))) continue;
    // Output without a final newline (jsonpath) would glue the next prompt onto its last line.
    if (transcript !== '' && !transcript.endsWith('\n')) transcript += '\n';
    transcript += `${shell.prompt()}${line}\n`;
    await shell.run(line, {
      write(_stream, text) {
        transcript += text;
      },
    });
  }
  if (transcript !== '' && !transcript.endsWith('\n')) transcript += '\n';
  return transcript;
}
