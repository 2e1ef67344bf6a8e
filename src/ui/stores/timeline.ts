import type { PersistentVolumeClaim, Pod, WatchEvent } from '../../sim/index.ts';

/** The phases a pod's bar is coloured by. */
export type PodPhaseBand = 'Pending' | 'Creating' | 'Running' | 'Ready' | 'Failing' | 'Terminating';

/** The phases a claim's bar is coloured by. */
export type ClaimPhaseBand = 'Pending' | 'Bound' | 'Terminating';

/** A stretch of time in one state; `to` is undefined while it lasts. */
export interface Segment<S extends string> {
  readonly state: S;
  readonly from: number;
  to: number | undefined;
}

/** One object's life: from creation to deletion (a recreated pod starts a new life). */
export interface Life<S extends string> {
  readonly uid: string;
  readonly segments: Segment<S>[];
  /** When the object disappeared from the API, if it did. */
  end: number | undefined;
}

/** A row of the timeline: every life of one name, oldest first. */
export interface TimelineRow<S extends string> {
  readonly kind: 'Pod' | 'PersistentVolumeClaim';
  readonly name: string;
  readonly lives: Life<S>[];
}

/** A timeline's rows as plain data. */
export interface TimelineData {
  readonly pods: TimelineRow<PodPhaseBand>[];
  readonly claims: TimelineRow<ClaimPhaseBand>[];
}

/** The band a pod's current state belongs in, from the pod's STATUS cell and readiness. */
export function podBand(pod: Pod, status: string): PodPhaseBand {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  if (/BackOff|Err|Error|Failed|Invalid|OOMKilled|Unknown/.test(status)) return 'Failing';
  if (
    status === 'ContainerCreating' ||
    status === 'PodInitializing' ||
    status.startsWith('Init:')
  ) {
    return 'Creating';
  }
  if (pod.status?.phase === 'Running') {
    const ready = (pod.status.conditions ?? []).some(
      (c) => c.type === 'Ready' && c.status === 'True',
    );
    return ready ? 'Ready' : 'Running';
  }
  return 'Pending';
}

function claimBand(claim: PersistentVolumeClaim): ClaimPhaseBand {
  if (claim.metadata.deletionTimestamp) return 'Terminating';
  return claim.status?.phase === 'Bound' ? 'Bound' : 'Pending';
}

/**
 * Records the life of every pod and claim from watch events, so the timeline can draw ordered
 * creation, reverse-order scale-down and rolling updates as bars over virtual time.
 */
export class TimelineRecorder {
  readonly #pods = new Map<string, TimelineRow<PodPhaseBand>>();
  readonly #claims = new Map<string, TimelineRow<ClaimPhaseBand>>();
  readonly #statusOf: (pod: Pod) => string;

  /** `statusOf` gives a pod's STATUS cell (kubectl's printer in the app). */
  constructor(statusOf: (pod: Pod) => string) {
    this.#statusOf = statusOf;
  }

  /** Takes one watch event at virtual time `atMs`. */
  observe(event: WatchEvent, atMs: number): void {
    const object = event.object;
    if (object.kind === 'Pod') {
      const pod = object as Pod;
      this.#record(
        this.#pods,
        'Pod',
        event.type,
        pod.metadata.name,
        pod.metadata.uid ?? '',
        atMs,
        () => podBand(pod, this.#statusOf(pod)),
      );
    } else if (object.kind === 'PersistentVolumeClaim') {
      const claim = object as PersistentVolumeClaim;
      this.#record(
        this.#claims,
        'PersistentVolumeClaim',
        event.type,
        claim.metadata.name,
        claim.metadata.uid ?? '',
        atMs,
        () => claimBand(claim),
      );
    }
  }

  #record<S extends string>(
    rows: Map<string, TimelineRow<S>>,
    kind: TimelineRow<S>['kind'],
    type: WatchEvent['type'],
    name: string,
    uid: string,
    atMs: number,
    band: () => S,
  ): void {
    let row = rows.get(name);
    if (!row) {
      row = { kind, name, lives: [] };
      rows.set(name, row);
    }
    let life = row.lives[row.lives.length - 1];
    if (!life || life.uid !== uid) {
      if (type === 'DELETED') return;
      if (life && life.end === undefined) closeLife(life, atMs);
      life = { uid, segments: [], end: undefined };
      row.lives.push(life);
    }
    if (type === 'DELETED') {
      closeLife(life, atMs);
      return;
    }
    const state = band();
    const current = life.segments[life.segments.length - 1];
    if (current?.state === state) return;
    if (current) current.to = atMs;
    life.segments.push({ state, from: atMs, to: undefined });
  }

  /** Everything recorded, as plain data (saved with the workspace). */
  export(): TimelineData {
    return structuredClone({ pods: [...this.#pods.values()], claims: [...this.#claims.values()] });
  }

  /** Replaces what is recorded with saved data. */
  import(data: TimelineData): void {
    this.#pods.clear();
    this.#claims.clear();
    for (const row of structuredClone(data.pods)) this.#pods.set(row.name, row);
    for (const row of structuredClone(data.claims)) this.#claims.set(row.name, row);
  }

  /** Pod rows in ordinal-aware name order (`db-cluster-2` before `db-cluster-10`). */
  podRows(): readonly TimelineRow<PodPhaseBand>[] {
    return [...this.#pods.values()].sort((a, b) => naturalCompare(a.name, b.name));
  }

  /** Claim rows in ordinal-aware name order. */
  claimRows(): readonly TimelineRow<ClaimPhaseBand>[] {
    return [...this.#claims.values()].sort((a, b) => naturalCompare(a.name, b.name));
  }
}

function closeLife(life: Life<string>, atMs: number): void {
  const last = life.segments[life.segments.length - 1];
  if (last && last.to === undefined) last.to = atMs;
  life.end = atMs;
}

/** One collator for every comparison: `localeCompare` with options builds one per call. */
const natural = new Intl.Collator('en', { numeric: true });

/** Compares names with their numbers as numbers, so ordinals sort 0, 1, 2, …, 10. */
export function naturalCompare(a: string, b: string): number {
  return natural.compare(a, b);
}
