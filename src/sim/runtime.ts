/**
 * What every simulated component shares: the clock, the seeded generator, ids, the API server,
 * the event recorder, the decision trace and the timing profile. Components schedule plain-data
 * tasks on the clock; the cluster dispatches each task to the component named in `task.target`.
 */
import type { ApiServer } from './store/api-server.ts';
import type { IdSource } from './clock/ids.ts';
import type { RandomSource } from './clock/random.ts';
import type { Task, VirtualClock } from './clock/virtual-clock.ts';
import type { EventRecorder } from './event-recorder.ts';
import type { Trace } from './trace.ts';
import type { FaultSet } from './faults.ts';

/** A duration range in virtual milliseconds; the actual value is drawn from the seeded generator. */
export type Range = readonly [min: number, max: number];

/** Durations of everything that takes time (§8 of the behaviour reference). */
export interface Timings {
  /** A controller reacting to a change it watched. */
  readonly controllerDelay: Range;
  /** The scheduler picking a node for a pending pod. */
  readonly schedulingDelay: Range;
  /** Dynamic provisioning of a volume (local-path). */
  readonly provisionDelay: Range;
  /** The PV controller binding a provisioned volume to its claim. */
  readonly bindDelay: Range;
  /** The kubelet noticing a pod bound to its node. */
  readonly kubeletSyncDelay: Range;
  /** First pull of an image on a node. */
  readonly imagePullFirst: Range;
  /** A pull of an image the node already has (pull policy Always: registry round trip only). */
  readonly imagePullCached: Range;
  /** Creating and starting a container once the image is present. */
  readonly containerStart: Range;
  /** A process that honours SIGTERM shutting down. */
  readonly gracefulStop: Range;
  /** The kubelet removing the pod object once its containers have stopped. */
  readonly podRemoval: Range;
  /** The garbage collector reacting to a deleted owner. */
  readonly gcDelay: Range;
  /** How long a silent node stays Ready before the node lifecycle controller marks it Unknown. */
  readonly nodeMonitorGracePeriod: Range;
}

/** The realistic preset (kind on a laptop, first image pulls from a registry). */
export const REALISTIC_TIMINGS: Timings = {
  controllerDelay: [50, 200],
  schedulingDelay: [100, 500],
  provisionDelay: [1000, 3000],
  bindDelay: [50, 200],
  kubeletSyncDelay: [100, 300],
  imagePullFirst: [3000, 15000],
  imagePullCached: [300, 1000],
  containerStart: [500, 1500],
  gracefulStop: [500, 2000],
  podRemoval: [200, 1000],
  gcDelay: [50, 200],
  nodeMonitorGracePeriod: [50_000, 55_000],
};

/**
 * The fast preset, for tests and impatient learners: the same sequence of events, every step
 * about ten times quicker (a 3-replica set is Ready in about a second of virtual time).
 */
export const FAST_TIMINGS: Timings = {
  controllerDelay: [5, 20],
  schedulingDelay: [10, 50],
  provisionDelay: [100, 300],
  bindDelay: [5, 20],
  kubeletSyncDelay: [10, 30],
  imagePullFirst: [300, 1500],
  imagePullCached: [30, 100],
  containerStart: [50, 150],
  gracefulStop: [50, 200],
  podRemoval: [20, 100],
  gcDelay: [5, 20],
  nodeMonitorGracePeriod: [5_000, 5_500],
};

/** The services a component may use. */
export interface Runtime {
  readonly clock: VirtualClock;
  readonly random: RandomSource;
  readonly ids: IdSource;
  readonly api: ApiServer;
  readonly recorder: EventRecorder;
  readonly trace: Trace;
  readonly timings: Timings;
  /** Injected faults (lessons). */
  readonly faults: FaultSet;
  /** Schedules `task` after a delay drawn from `range`. */
  schedule(task: Task, range: Range): void;
  /** Draws a duration from `range`. */
  draw(range: Range): number;
  /** Runs `fn` drawing from the system pods' stream (work about kube-system objects). */
  inSystem<T>(fn: () => T): T;
}

/** A simulated component: it reacts to watch events by scheduling tasks, and runs its tasks. */
export interface Component {
  /** The `task.target` this component handles. */
  readonly name: string;
  /** Runs one of its tasks. */
  run(task: Task): void;
  /** Rebuilds in-memory de-duplication state from the queue after a restore. */
  restore?(pending: readonly Task[]): void;
}
