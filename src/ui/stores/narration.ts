import type { PersistentVolumeClaim, Pod, StatefulSet, WatchEvent } from '../../sim/index.ts';

/** What the narrator remembers of a pod between events. */
interface PodMemory {
  readonly uid: string;
  readonly ready: boolean;
  readonly terminating: boolean;
  readonly restarts: number;
}

const isPodReady = (pod: Pod): boolean =>
  pod.status?.phase === 'Running' &&
  (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

const restartsOf = (pod: Pod): number =>
  (pod.status?.containerStatuses ?? []).reduce((sum, c) => sum + c.restartCount, 0);

/**
 * Turns the cluster's watch events into sentences for the activity log and the screen-reader live
 * region ("db-cluster-1 is Ready", "db-cluster-2 is terminating"). It works event by event, in the
 * order things happened, so two changes that land in the same animation frame are still told in
 * the right order. Only what a learner would call out is narrated.
 */
export class Narrator {
  readonly #pods = new Map<string, PodMemory>();
  /** Names of pods that existed once and were deleted: a new one with that name is a recreation. */
  readonly #gonePods = new Set<string>();
  readonly #claimPhases = new Map<string, string>();
  readonly #sets = new Map<string, { replicas: number; revision: string | undefined }>();

  /** The sentences one watch event deserves (often none). */
  observe(event: WatchEvent): string[] {
    const object = event.object;
    const key = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    switch (object.kind) {
      case 'Pod':
        return this.#pod(event.type, key, object as Pod);
      case 'PersistentVolumeClaim':
        return this.#claim(event.type, key, object as PersistentVolumeClaim);
      case 'StatefulSet':
        return this.#set(event.type, key, object as StatefulSet);
      default:
        return [];
    }
  }

  #pod(type: WatchEvent['type'], key: string, pod: Pod): string[] {
    const name = pod.metadata.name;
    const before = this.#pods.get(key);
    if (type === 'DELETED') {
      this.#pods.delete(key);
      this.#gonePods.add(key);
      return [`${name} is gone`];
    }
    const now: PodMemory = {
      uid: pod.metadata.uid ?? '',
      ready: isPodReady(pod),
      terminating: pod.metadata.deletionTimestamp !== undefined,
      restarts: restartsOf(pod),
    };
    this.#pods.set(key, now);
    const lines: string[] = [];
    if (!before || before.uid !== now.uid) {
      lines.push(
        this.#gonePods.has(key) ? `${name} recreated with the same name` : `${name} created`,
      );
      if (now.ready) lines.push(`${name} is Ready`);
      return lines;
    }
    if (now.ready && !before.ready) lines.push(`${name} is Ready`);
    if (now.terminating && !before.terminating) lines.push(`${name} is terminating`);
    else if (!now.ready && before.ready && !now.terminating)
      lines.push(`${name} is no longer Ready`);
    if (now.restarts > before.restarts) lines.push(`${name} restarted (${now.restarts} restarts)`);
    return lines;
  }

  #claim(type: WatchEvent['type'], key: string, claim: PersistentVolumeClaim): string[] {
    const name = claim.metadata.name;
    if (type === 'DELETED') {
      this.#claimPhases.delete(key);
      return [`claim ${name} deleted`];
    }
    const phase = claim.status?.phase ?? 'Pending';
    const before = this.#claimPhases.get(key);
    this.#claimPhases.set(key, phase);
    const lines: string[] = [];
    if (before === undefined) lines.push(`claim ${name} created`);
    if (phase === 'Bound' && before !== 'Bound') {
      lines.push(`claim ${name} bound to ${claim.spec.volumeName ?? 'a volume'}`);
    }
    return lines;
  }

  #set(type: WatchEvent['type'], key: string, set: StatefulSet): string[] {
    const name = set.metadata.name;
    if (type === 'DELETED') {
      this.#sets.delete(key);
      return [`StatefulSet ${name} deleted`];
    }
    const replicas = set.spec.replicas ?? 1;
    const revision = set.status?.updateRevision;
    const before = this.#sets.get(key);
    this.#sets.set(key, { replicas, revision });
    if (!before) return [`StatefulSet ${name} created, ${replicas} replicas wanted`];
    const lines: string[] = [];
    if (before.replicas !== replicas)
      lines.push(`${name} scaled from ${before.replicas} to ${replicas} replicas`);
    if (before.revision && revision && before.revision !== revision) {
      lines.push(`${name} has a new revision, ${revision}`);
    }
    return lines;
  }
}
