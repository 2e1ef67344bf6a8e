/**
 * The workspace's rewind history on disk: every checkpoint (a compressed snapshot of the cluster
 * and the views' history) as one IndexedDB record, keyed by workspace and virtual time. Records
 * are written and deleted one by one as the history grows or forks, so saving never rewrites the
 * whole history. localStorage keeps the present; this keeps the past, which is far bigger.
 */
import type { Checkpoint } from './checkpoints.ts';
import { packBytes, unpackBytes } from './share.ts';
import { IdleTask } from './idle.ts';

const DB_NAME = 'statefulset-lab';
const DB_VERSION = 1;
const STORE = 'checkpoints';

/** What the workspace needs from its saved history. */
export interface HistoryStore {
  /** The saved checkpoints, oldest first (empty when there are none or storage fails). */
  load(): Promise<Checkpoint[]>;
  put(checkpoint: Checkpoint): void;
  remove(atMs: number): void;
  /** Forgets every checkpoint after `atMs` (the history forked there). */
  removeAfter(atMs: number): void;
  /** Forgets the whole history (the workspace was reset). */
  clear(): Promise<void>;
}

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

/**
 * Packing a checkpoint (its JSON, before compression runs off the main thread) waits for an idle
 * period long enough for it. Checkpoints are packed one after another, so one task serves all.
 */
const packing = new IdleTask({ expectedMs: 3, maxWaitMs: 5000 });

/** Packs `checkpoint` in an idle period long enough for it. */
const packWhenIdle = (checkpoint: Checkpoint): Promise<Uint8Array<ArrayBuffer>> =>
  new Promise((resolve, reject) => {
    packing.schedule(() => packBytes(checkpoint).then(resolve, reject));
  });

let database: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  database ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: ['workspace', 'atMs'] });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
  return database;
}

interface StoredCheckpoint {
  readonly workspace: string;
  readonly atMs: number;
  readonly packed: Uint8Array<ArrayBuffer>;
}

/**
 * The history of workspace `id`. Every operation is best effort: where IndexedDB is missing or
 * refuses (private windows, full disks), the workspace keeps its history for this visit only.
 */
export function historyStore(id: string): HistoryStore {
  // Writes run one after another, in the order the history changed.
  let queue: Promise<unknown> = Promise.resolve();
  const write = (action: (store: IDBObjectStore) => void): void => {
    queue = queue
      .then(async () => {
        const db = await open();
        const transaction = db.transaction(STORE, 'readwrite');
        action(transaction.objectStore(STORE));
        await new Promise<void>((resolve, reject) => {
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error ?? new Error('write failed'));
          transaction.onabort = () => reject(transaction.error ?? new Error('write aborted'));
        });
      })
      .catch(() => undefined);
  };
  const range = (from: number, to: number, openLower = false): IDBKeyRange =>
    IDBKeyRange.bound([id, from], [id, to], openLower, false);

  return {
    async load() {
      try {
        await queue;
        const db = await open();
        const records = (await done(
          db.transaction(STORE).objectStore(STORE).getAll(range(-Infinity, Infinity)),
        )) as StoredCheckpoint[];
        const checkpoints = await Promise.all(
          records.map(
            async (record) => (await unpackBytes(record.packed)) as Checkpoint | undefined,
          ),
        );
        return checkpoints.filter(
          (checkpoint): checkpoint is Checkpoint =>
            typeof checkpoint?.atMs === 'number' && checkpoint.cluster !== undefined,
        );
      } catch {
        return [];
      }
    },
    put(checkpoint) {
      // Checkpoints are never changed after they are taken, so packing can wait for a moment
      // when the page is idle instead of costing an animation frame.
      queue = queue
        .then(async () => {
          const record: StoredCheckpoint = {
            workspace: id,
            atMs: checkpoint.atMs,
            packed: await packWhenIdle(checkpoint),
          };
          const db = await open();
          await done(db.transaction(STORE, 'readwrite').objectStore(STORE).put(record));
        })
        .catch(() => undefined);
    },
    remove(atMs) {
      write((store) => store.delete([id, atMs]));
    },
    removeAfter(atMs) {
      write((store) => store.delete(range(atMs, Infinity, true)));
    },
    async clear() {
      write((store) => store.delete(range(-Infinity, Infinity)));
      await queue;
    },
  };
}
