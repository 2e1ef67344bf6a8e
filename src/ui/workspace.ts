import {
  createCluster,
  restoreCluster,
  type Cluster,
  type ClusterSnapshot,
  type Disposable,
} from '../sim/index.ts';
import { runKubectl, type EditHook, type KubectlResult } from '../kubectl/index.ts';
import { createShell, type Shell } from '../shell/index.ts';
import { DrivenWaiter } from '../shell/driven-waiter.ts';
import type { Scenario } from '../lessons/scenarios.ts';
import { Checkpoints, type Checkpoint, type CheckpointListener } from './checkpoints.ts';
import { swappableCluster } from './swappable-cluster.ts';
import { podStatusCells } from '../kubectl/printers/columns.ts';
import { SimulationDriver, animationFrames, type FrameScheduler } from './driver.ts';
import { IdleTask } from './idle.ts';
import {
  createClusterStore,
  type ClusterStore,
  type SavedStoreState,
} from './stores/cluster-store.ts';

/** The files of a workspace, by name, as the editor holds them now. */
export type FileSource = (name: string) => string | undefined;

/** Options for {@link createWorkspaceSession}. */
export interface WorkspaceSessionOptions {
  /** Seed of the simulated cluster: the same seed and commands give the same cluster. */
  readonly seed?: number;
  /** Where `kubectl apply -f <file>` reads files from (the editor's current text). */
  readonly files: FileSource;
  /** The names of those files (for `ls` and completion). */
  readonly fileNames?: () => readonly string[];
  /** Opens an object for `kubectl edit` (the workspace's editor). */
  readonly edit?: EditHook;
  readonly frames?: FrameScheduler;
  /** A saved cluster and its history to continue from, instead of a fresh cluster. */
  readonly restore?: { readonly cluster: ClusterSnapshot; readonly store: SavedStoreState };
  /**
   * A saved rewind history to continue (moments after the restored present are ignored), and a
   * listener that keeps a saved copy of the history in step.
   */
  readonly history?: {
    readonly initial: readonly Checkpoint[];
    readonly listener?: CheckpointListener;
  };
}

/**
 * One workspace's running pieces: the simulated cluster, the driver that moves its virtual time,
 * the stores the views read, and the one way to change the cluster: kubectl. The editor's Apply
 * and (later) the terminal both run commands through {@link WorkspaceSession.kubectl}, so what the
 * learner sees printed is what happened.
 */
export interface WorkspaceSession {
  readonly cluster: Cluster;
  readonly driver: SimulationDriver;
  readonly store: ClusterStore;
  /** The shell the terminal runs; its blocking commands wait on the driver's time. */
  readonly shell: Shell;
  /** Lets the terminal interrupt a waiting command (Ctrl-C). */
  readonly waiter: DrivenWaiter;
  /** A further shell on the same cluster, with its own waiter (a second terminal). */
  openShell(): { readonly shell: Shell; readonly waiter: DrivenWaiter };
  /** The moments the workspace can go back to. */
  readonly history: Checkpoints;
  /**
   * Goes back to virtual time `atMs`: running commands are stopped, time pauses, and the cluster,
   * the timeline and the activity are exactly as they were then. What happens next forks the
   * history (the later moments are forgotten). Returns false when `atMs` is out of reach.
   */
  rewindTo(atMs: number): boolean;
  /** Runs `kubectl <args>` against the cluster; never rejects. */
  kubectl(args: readonly string[]): Promise<KubectlResult>;
  dispose(): void;
}

/** Creates a fresh cluster with its driver and stores, ready for the workspace's views. */
export function createWorkspaceSession(options: WorkspaceSessionOptions): WorkspaceSession {
  const frames = options.frames ?? animationFrames;
  const handle = swappableCluster(
    options.restore
      ? restoreCluster(options.restore.cluster)
      : createCluster({ seed: options.seed ?? 1 }),
  );
  const cluster = handle.cluster;
  const driver = new SimulationDriver(cluster, frames);
  const store = createClusterStore(
    cluster,
    frames,
    (pod) => podStatusCells(pod, cluster.now()),
    options.restore?.store,
  );
  const waiters: DrivenWaiter[] = [];
  const openShell = (): { shell: Shell; waiter: DrivenWaiter } => {
    // Each terminal waits on its own: Ctrl-C in one must not end a watch in the other.
    const own = new DrivenWaiter(driver.now, () => cluster.now());
    waiters.push(own);
    const shell = createShell({
      cluster,
      readFile: options.files,
      waiter: own,
      ...(options.fileNames ? { listFiles: options.fileNames } : {}),
      ...(options.edit ? { edit: options.edit } : {}),
    });
    return { shell, waiter: own };
  };
  const { shell, waiter } = openShell();

  const present = cluster.now();
  const history = new Checkpoints(
    400,
    (options.history?.initial ?? []).filter((checkpoint) => checkpoint.atMs <= present),
    options.history?.listener,
  );
  // Moments saved after the present (the present is saved less often) belong to no history now.
  if (options.history?.initial.some((checkpoint) => checkpoint.atMs > present))
    options.history.listener?.truncatedAfter(present);
  let replaying = false;
  let lastPeriodic = -Infinity;
  const checkpoint = (): void => {
    store.flushNow();
    history.record({
      atMs: cluster.now(),
      cluster: handle.current().snapshot(),
      store: { activity: store.activity.get(), timeline: store.timeline.export() },
    });
  };
  /*
   * A change the driver did not make came from outside the simulation (a kubectl command): take a
   * checkpoint right after it, so going back to any later moment replays nothing but the
   * simulation itself.
   */
  let queued = false;
  let external: Disposable | undefined;
  const watchExternal = (): void => {
    external?.dispose();
    external = cluster.watch(() => {
      if (driver.advancing || replaying || queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        checkpoint();
      });
    });
  };
  watchExternal();
  checkpoint();
  // And every few virtual seconds (at most once per real second), so a rewind replays little.
  // Taken in an idle period long enough for it (a snapshot shares the store's frozen objects and
  // costs well under a millisecond, but the page may be busy drawing a hundred pods); any moment
  // will do, since a checkpoint records the time it was taken at.
  const periodic = new IdleTask({ expectedMs: 1, maxWaitMs: 1000 });
  const stopPeriodic = driver.now.listen((now) => {
    const latest = history.latest ?? -Infinity;
    const real = performance.now();
    if (now - latest >= 5000 && real - lastPeriodic >= 1000) {
      lastPeriodic = real;
      periodic.schedule(() => {
        if (!replaying) checkpoint();
      });
    }
  });

  const rewindTo = (atMs: number): boolean => {
    const from = history.atOrBefore(atMs);
    if (!from || atMs > cluster.now()) return false;
    let restored: Cluster;
    try {
      restored = restoreCluster(from.cluster);
    } catch {
      // A checkpoint saved by an older version of the site that this one cannot read.
      return false;
    }
    for (const each of waiters) each.interrupt();
    driver.pause();
    replaying = true;
    try {
      handle.swap(restored);
      store.reattach(from.store);
      watchExternal();
      cluster.advance(atMs - from.atMs);
      store.flushNow();
    } finally {
      replaying = false;
    }
    history.truncateAfter(atMs);
    checkpoint();
    driver.sync();
    return true;
  };

  return {
    cluster,
    driver,
    store,
    shell,
    waiter,
    openShell,
    history,
    rewindTo,
    kubectl: (args) => runKubectl(args, { cluster, readFile: options.files }, { waiter }),
    dispose() {
      for (const each of waiters) each.interrupt();
      external?.dispose();
      stopPeriodic();
      periodic.cancel();
      driver.dispose();
      store.dispose();
    },
  };
}

/**
 * Formats virtual time for the clock display: `0:07.4`, `12:03.0`, `1:02:03.0`; to the millisecond
 * (`0:07.412`) with `precision: 'ms'`, which the paused clock uses, since events that the step
 * button goes through are often less than a tenth of a second apart.
 */
export function formatVirtualTime(ms: number, precision: 'tenths' | 'ms' = 'tenths'): string {
  const fraction =
    precision === 'ms'
      ? String(Math.floor(ms) % 1000).padStart(3, '0')
      : String(Math.floor(ms / 100) % 10);
  const totalSeconds = Math.floor(ms / 1000);
  const seconds = totalSeconds % 60;
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const hours = Math.floor(totalSeconds / 3600);
  const mmss = `${hours > 0 ? String(minutes).padStart(2, '0') : String(minutes)}:${String(seconds).padStart(2, '0')}.${fraction}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/**
 * Builds a lesson's starting state on a fresh session: the scenario's kubectl commands, then the
 * cluster runs until it settles (at most ten virtual minutes). Returns the terminal note, or
 * undefined when a command failed (the workspace then starts from what there is, and says so).
 */
export async function prepareScenario(
  session: WorkspaceSession,
  scenario: Scenario,
): Promise<string | undefined> {
  for (const args of scenario.commands) {
    const result = await session.kubectl(args);
    if (result.exitCode !== 0) return undefined;
  }
  if (scenario.commands.length > 0) {
    session.cluster.runUntilIdle(600_000);
    session.store.flushNow();
    session.driver.sync();
  }
  return scenario.note;
}
