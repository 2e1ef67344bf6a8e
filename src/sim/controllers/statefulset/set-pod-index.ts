/**
 * An incremental index of one StatefulSet's pods, so that a reconcile pass costs O(pods that
 * changed) instead of O(replicas). Upstream's pass lists and walks every pod of the set
 * (stateful_set_control.go); its *outcome* is decided only by the pods that are not "quiet":
 * missing slots, pods that are not healthy, pods not at the update revision, pods whose identity,
 * storage or claims need work. A quiet pod does nothing in any loop of the pass, so the pass may
 * visit only the pods listed here (in the same order) and still do exactly what a full walk does.
 *
 * The index is a pure function of the stored pods and claims, the set and the clock: the
 * controller marks a pod dirty on every change of it or of one of its claims, and the pass
 * re-reads the dirty ones. It is not part of a snapshot; a restored controller rebuilds it on the
 * first pass of each set (a full walk).
 */
import type { Pod, StatefulSet } from '../../api/types.ts';
import {
  getOrdinal,
  getPodRevision,
  identityAndStorageMatch,
  isCreated,
  isFailed,
  isHealthy,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
} from './statefulset-utils.ts';

/** A set of integers kept sorted, with ordered range queries (binary search). */
export class SortedInts {
  readonly #a: number[] = [];

  /** Number of values. */
  get size(): number {
    return this.#a.length;
  }

  /** Index of the first value >= x. */
  #lowerBound(x: number): number {
    let lo = 0;
    let hi = this.#a.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#a[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when x is in the set. */
  has(x: number): boolean {
    return this.#a[this.#lowerBound(x)] === x;
  }

  /** Adds x (no-op when present). */
  add(x: number): void {
    const i = this.#lowerBound(x);
    if (this.#a[i] !== x) this.#a.splice(i, 0, x);
  }

  /** Removes x (no-op when absent). */
  delete(x: number): void {
    const i = this.#lowerBound(x);
    if (this.#a[i] === x) this.#a.splice(i, 1);
  }

  /** Removes every value. */
  clear(): void {
    this.#a.length = 0;
  }

  /** The smallest value in [lo, hi], or undefined. */
  minIn(lo: number, hi: number): number | undefined {
    const v = this.#a[this.#lowerBound(lo)];
    return v !== undefined && v <= hi ? v : undefined;
  }

  /** The largest value in [lo, hi], or undefined. */
  maxIn(lo: number, hi: number): number | undefined {
    const i = this.#lowerBound(hi + 1) - 1;
    const v = i >= 0 ? this.#a[i] : undefined;
    return v !== undefined && v >= lo ? v : undefined;
  }

  /** The values in [lo, hi], ascending (a copy). */
  range(lo: number, hi: number): number[] {
    if (lo > hi) return [];
    return this.#a.slice(this.#lowerBound(lo), this.#lowerBound(hi + 1));
  }
}

/** What the index remembers about one member pod. */
interface Member {
  readonly name: string;
  readonly pod: Pod;
  /** -1 when the name does not parse (only possible while the set is being deleted). */
  readonly ordinal: number;
  readonly created: boolean;
  readonly ready: boolean;
  readonly healthy: boolean;
  /** The revision a created, non-terminating pod counts for in status; undefined otherwise. */
  readonly countedRevision: string | undefined;
  readonly revision: string;
}

/** The set-wide inputs of the classification; a change of any of them re-classifies every pod. */
export interface PassContext {
  readonly set: StatefulSet;
  readonly start: number;
  readonly end: number;
  readonly minReady: number;
  readonly now: number;
  readonly updateRevision: string;
  /** claimsMatchRetentionPolicy of the pass's pod control. */
  readonly retentionOk: (set: StatefulSet, pod: Pod) => boolean;
}

/** Status counters of computeReplicaStatus over the members with an ordinal. */
export interface MemberCounts {
  readonly replicas: number;
  readonly ready: number;
  readonly revisions: ReadonlyMap<string, number>;
}

/** One StatefulSet's member pods, with the sorted "needs a look" sets the pass walks. */
export class SetPodIndex {
  /** Member pods by name: controlled by the set (and, unless it is being deleted, selected). */
  readonly #members = new Map<string, Member>();
  /** Members with an ordinal, by ordinal. */
  readonly #byOrdinal = new Map<number, Member>();
  /** Every ordinal in #byOrdinal. */
  readonly #ordinals = new SortedInts();
  /** Pod names to re-read from the store at the next pass. */
  readonly #dirty = new Set<string>();
  /** Members added, changed or removed since the last classification. */
  readonly #changed = new Set<string>();
  // In-range ordinals only:
  readonly #missing = new SortedInts();
  readonly #unhealthy = new SortedInts();
  /** Members a replica loop would act on or stop at (see #quiet). */
  readonly #loud = new SortedInts();
  /** Members not at the update revision. */
  readonly #stale = new SortedInts();
  /** Ready members not yet available for minReadySeconds: re-checked every pass. */
  readonly #waitingAvailable = new Set<number>();
  #created = 0;
  #ready = 0;
  readonly #revisionCounts = new Map<string, number>();
  /** The classification's inputs (undefined: classify everything at the next pass). */
  #epoch: string | undefined;
  /** Whether the membership was built (with the deleting flag it was built for). */
  #builtDeleting: boolean | undefined;
  #context: PassContext | undefined;

  /** Marks a pod to be re-read from the store at the next pass. */
  markDirty(podName: string): void {
    this.#dirty.add(podName);
  }

  /**
   * The membership phase of a pass. `undefined` means the index must be (re)built from scratch;
   * otherwise the pod names to re-read. `deleting` is the set's current deletion state.
   */
  takeDirty(deleting: boolean): string[] | undefined {
    if (this.#builtDeleting !== deleting) {
      this.#builtDeleting = deleting;
      this.#dirty.clear();
      for (const name of [...this.#members.keys()]) this.removeMember(name);
      this.#epoch = undefined;
      return undefined;
    }
    const out = [...this.#dirty];
    this.#dirty.clear();
    return out;
  }

  /** Whether a pod name is a member. */
  isMember(name: string): boolean {
    return this.#members.has(name);
  }

  /** Records a pod as a member (or records its new state). */
  setMember(pod: Pod): void {
    const name = pod.metadata.name;
    const old = this.#members.get(name);
    // Same object: re-classify only (one of its claims changed).
    this.#changed.add(name);
    if (old !== undefined && old.pod === pod) return;
    if (old !== undefined) this.#uncount(old);
    const ordinal = getOrdinal(pod);
    const member: Member = {
      name,
      pod,
      ordinal,
      created: isCreated(pod),
      ready: isRunningAndReady(pod),
      healthy: isHealthy(pod),
      countedRevision: isCreated(pod) && !isTerminating(pod) ? getPodRevision(pod) : undefined,
      revision: getPodRevision(pod),
    };
    this.#members.set(name, member);
    this.#count(member);
    this.#changed.add(name);
  }

  /** Forgets a member. */
  removeMember(name: string): void {
    const old = this.#members.get(name);
    if (old === undefined) return;
    this.#members.delete(name);
    this.#uncount(old);
    this.#changed.add(name);
  }

  #count(m: Member): void {
    if (m.ordinal < 0) return;
    // Two member names with one ordinal (a hand-made "web-01" beside "web-1") are not modelled:
    // the later one shadows the earlier in the slots, as in the full walk's map.
    const shadowed = this.#byOrdinal.get(m.ordinal);
    if (shadowed !== undefined && shadowed.name !== m.name) this.#uncountTotals(shadowed);
    this.#byOrdinal.set(m.ordinal, m);
    this.#ordinals.add(m.ordinal);
    if (m.created) this.#created++;
    if (m.ready) this.#ready++;
    if (m.countedRevision !== undefined)
      this.#revisionCounts.set(
        m.countedRevision,
        (this.#revisionCounts.get(m.countedRevision) ?? 0) + 1,
      );
  }

  #uncountTotals(m: Member): void {
    if (m.created) this.#created--;
    if (m.ready) this.#ready--;
    if (m.countedRevision !== undefined) {
      const n = (this.#revisionCounts.get(m.countedRevision) ?? 0) - 1;
      if (n > 0) this.#revisionCounts.set(m.countedRevision, n);
      else this.#revisionCounts.delete(m.countedRevision);
    }
  }

  #uncount(m: Member): void {
    if (m.ordinal < 0 || this.#byOrdinal.get(m.ordinal) !== m) return;
    this.#uncountTotals(m);
    this.#byOrdinal.delete(m.ordinal);
    this.#ordinals.delete(m.ordinal);
  }

  /**
   * The classification phase: brings the sorted sets up to date for this pass. Everything is
   * re-classified when the context changed (a spec change, a new update revision); otherwise
   * only the members that changed and those waiting for minReadySeconds.
   */
  classify(ctx: PassContext, epoch: string): void {
    this.#context = ctx;
    if (epoch !== this.#epoch) {
      this.#epoch = epoch;
      this.#changed.clear();
      this.#missing.clear();
      this.#unhealthy.clear();
      this.#loud.clear();
      this.#stale.clear();
      this.#waitingAvailable.clear();
      for (let o = ctx.start; o <= ctx.end; o++) this.#classifyOrdinal(o);
      return;
    }
    const ordinals = new Set<number>(this.#waitingAvailable);
    for (const name of this.#changed) {
      const o = getOrdinal({ metadata: { name } } as Pod);
      if (o >= ctx.start && o <= ctx.end) ordinals.add(o);
    }
    this.#changed.clear();
    for (const o of ordinals) this.#classifyOrdinal(o);
  }

  #classifyOrdinal(o: number): void {
    const ctx = this.#context as PassContext;
    const m = this.#byOrdinal.get(o);
    this.#waitingAvailable.delete(o);
    if (m === undefined) {
      this.#missing.add(o);
      this.#unhealthy.delete(o);
      this.#loud.delete(o);
      this.#stale.delete(o);
      return;
    }
    this.#missing.delete(o);
    if (m.healthy) this.#unhealthy.delete(o);
    else this.#unhealthy.add(o);
    if (m.revision !== ctx.updateRevision) this.#stale.add(o);
    else this.#stale.delete(o);
    if (this.#quiet(m)) this.#loud.delete(o);
    else this.#loud.add(o);
  }

  /**
   * A pod the replica loop (processReplica) would pass over without acting or stopping, under any
   * pod management policy: not Failed/Succeeded/Pending/terminating, Running and Ready (and
   * available), identity, storage and claims as the set wants them.
   */
  #quiet(m: Member): boolean {
    const ctx = this.#context as PassContext;
    const pod = m.pod;
    if (isFailed(pod) || isSucceeded(pod) || isPending(pod) || isTerminating(pod) || !m.ready)
      return false;
    if (!isRunningAndAvailable(pod, ctx.minReady, ctx.now)) {
      // Becomes available with time alone: look again at every pass.
      this.#waitingAvailable.add(m.ordinal);
      return false;
    }
    return identityAndStorageMatch(ctx.set, pod) && ctx.retentionOk(ctx.set, pod);
  }

  /** The member pod at an ordinal. */
  podAt(ordinal: number): Pod | undefined {
    return this.#byOrdinal.get(ordinal)?.pod;
  }

  /** Every member pod (any order). */
  pods(): Pod[] {
    return [...this.#members.values()].map((m) => m.pod);
  }

  /** Members outside [start, end] (with an ordinal), highest ordinal first. */
  condemned(start: number, end: number): Pod[] {
    const ords = [
      ...this.#ordinals.range(Number.MIN_SAFE_INTEGER, start - 1),
      ...this.#ordinals.range(end + 1, Number.MAX_SAFE_INTEGER),
    ].reverse();
    return ords.map((o) => (this.#byOrdinal.get(o) as Member).pod);
  }

  /** In-range ordinals without a member, in [lo, hi]. */
  get missing(): SortedInts {
    return this.#missing;
  }

  /** In-range ordinals whose member is not healthy. */
  get unhealthy(): SortedInts {
    return this.#unhealthy;
  }

  /** In-range ordinals whose member is not quiet for the replica loop. */
  get loud(): SortedInts {
    return this.#loud;
  }

  /** In-range ordinals whose member is not at the update revision. */
  get stale(): SortedInts {
    return this.#stale;
  }

  /** Counters over the members with an ordinal (computeReplicaStatus's input). */
  counts(): MemberCounts {
    return { replicas: this.#created, ready: this.#ready, revisions: this.#revisionCounts };
  }

  /** Ready members available at `now` (a walk: only needed when minReadySeconds > 0). */
  availableCount(minReady: number, now: number): number {
    if (minReady <= 0) return this.#ready;
    let n = 0;
    for (const m of this.#byOrdinal.values())
      if (m.ready && isRunningAndAvailable(m.pod, minReady, now)) n++;
    return n;
  }
}
