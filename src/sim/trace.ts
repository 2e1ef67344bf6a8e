/**
 * The decision trace: every controller pass records, in the controller's own terms, what it did
 * or why it waited ("not creating db-cluster-2: db-cluster-1 is not Running and Ready
 * (OrderedReady)"). The UI's "why" panel and lesson hints read it.
 */
import { Emitter } from './events.ts';
import type { Event } from './events.ts';

/** What a trace entry reports. */
export type TraceVerdict = 'create' | 'delete' | 'update' | 'wait' | 'info';

/** One decision. */
export interface TraceEntry {
  /** Virtual milliseconds when the decision was made. */
  readonly time: number;
  /** The deciding component, e.g. `statefulset-controller`, `default-scheduler`, `kubelet`. */
  readonly component: string;
  /** The object the decision is about. */
  readonly object: { readonly kind: string; readonly namespace?: string; readonly name: string };
  readonly verdict: TraceVerdict;
  /** One readable sentence. */
  readonly message: string;
}

/** Collects decisions, dropping a wait that repeats the previous entry for the same object. */
export class Trace {
  #entries: TraceEntry[];
  readonly #last = new Map<string, string>();
  readonly #emitter = new Emitter<TraceEntry>();

  /** Fires for every recorded entry. */
  readonly onEntry: Event<TraceEntry> = this.#emitter.event;

  /** Creates a trace, optionally resuming from saved entries. */
  constructor(entries: readonly TraceEntry[] = []) {
    this.#entries = [...entries];
    for (const e of entries) this.#last.set(this.#key(e), e.message);
  }

  #key(e: TraceEntry): string {
    return `${e.component}|${e.object.kind}|${e.object.namespace ?? ''}|${e.object.name}`;
  }

  /** Records one decision. */
  record(entry: TraceEntry): void {
    const key = this.#key(entry);
    if (entry.verdict === 'wait' && this.#last.get(key) === entry.message) return;
    this.#last.set(key, entry.message);
    this.#entries.push(entry);
    this.#emitter.fire(entry);
  }

  /** All entries, oldest first. */
  entries(): readonly TraceEntry[] {
    return this.#entries;
  }
}
