/**
 * File contents inside the simulated cluster, so data written by a pod survives the pod and
 * reappears when its claim is mounted again. A path inside a container resolves through the
 * container's volumeMounts (longest mount path wins): on a PVC-backed volume it lives on the
 * bound PersistentVolume (and dies with it); anywhere else it lives in the pod's own storage
 * (container root filesystem, emptyDir) and dies with the pod.
 */
import type { Pod } from '../api/types.ts';
import type { ObjectStore } from '../store/object-store.ts';

/** Why a file operation failed (the shell turns these into busybox-style messages). */
export type FileErrorCode =
  'PodNotFound' | 'ContainerNotFound' | 'ContainerNotRunning' | 'NoSuchFile' | 'VolumeNotBound';

/** The result of a file operation. */
export type FileResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: FileErrorCode };

/** Serialisable contents: storage key → path → text. */
export type FilesState = Readonly<Record<string, Readonly<Record<string, string>>>>;

interface Location {
  readonly storage: string;
  readonly path: string;
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

/** Holds the contents of every volume and pod filesystem. */
export class FileStore {
  readonly #data: Map<string, Map<string, string>>;
  readonly #store: ObjectStore;

  /** Creates the file store, optionally from a snapshot. */
  constructor(store: ObjectStore, state: FilesState = {}) {
    this.#store = store;
    this.#data = new Map(Object.entries(state).map(([k, v]) => [k, new Map(Object.entries(v))]));
  }

  /** The contents, for snapshots (sorted so snapshots compare equal). */
  getState(): FilesState {
    const out: Record<string, Record<string, string>> = {};
    for (const key of [...this.#data.keys()].sort()) {
      const files = this.#data.get(key) ?? new Map<string, string>();
      const inner: Record<string, string> = {};
      for (const p of [...files.keys()].sort()) inner[p] = files.get(p) ?? '';
      out[key] = inner;
    }
    return out;
  }

  /** Drops storage that no longer exists (a deleted PV, a deleted pod). */
  forget(storagePrefix: string): void {
    for (const key of [...this.#data.keys()])
      if (key === storagePrefix || key.startsWith(`${storagePrefix}/`)) this.#data.delete(key);
  }

  #locate(
    namespace: string,
    podName: string,
    container: string | undefined,
    path: string,
  ): FileResult<Location> {
    const pod: Pod | undefined = this.#store.get('Pod', namespace, podName);
    if (pod === undefined) return { ok: false, code: 'PodNotFound' };
    const c =
      container === undefined
        ? pod.spec.containers[0]
        : pod.spec.containers.find((x) => x.name === container);
    if (c === undefined) return { ok: false, code: 'ContainerNotFound' };
    const running =
      pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state.running !== undefined;
    if (!running || pod.status?.phase !== 'Running')
      return { ok: false, code: 'ContainerNotRunning' };
    const full = normalise(path);
    let best: { mountPath: string; volume: string } | undefined;
    for (const m of c.volumeMounts ?? []) {
      const mp = normalise(m.mountPath);
      const inside = full === mp || full.startsWith(mp === '/' ? '/' : `${mp}/`);
      if (inside && (best === undefined || mp.length > best.mountPath.length))
        best = { mountPath: mp, volume: m.name };
    }
    if (best === undefined)
      return {
        ok: true,
        value: { storage: `pod/${pod.metadata.uid ?? ''}/${c.name}`, path: full },
      };
    const rel = normalise(full.slice(best.mountPath.length));
    const volume = pod.spec.volumes?.find((v) => v.name === best.volume);
    const claimName = volume?.persistentVolumeClaim?.claimName;
    if (claimName !== undefined) {
      const pvc = this.#store.get('PersistentVolumeClaim', namespace, claimName);
      const pv = pvc?.spec.volumeName;
      if (pv === undefined || pvc?.status?.phase !== 'Bound')
        return { ok: false, code: 'VolumeNotBound' };
      return { ok: true, value: { storage: `pv/${pv}`, path: rel } };
    }
    return {
      ok: true,
      value: { storage: `pod/${pod.metadata.uid ?? ''}/volume/${best.volume}`, path: rel },
    };
  }

  /** Writes (or appends to) a file as a process in the container would. */
  write(
    namespace: string,
    pod: string,
    path: string,
    content: string,
    opts: { container?: string; append?: boolean } = {},
  ): FileResult<null> {
    const loc = this.#locate(namespace, pod, opts.container, path);
    if (!loc.ok) return loc;
    let files = this.#data.get(loc.value.storage);
    if (files === undefined) {
      files = new Map();
      this.#data.set(loc.value.storage, files);
    }
    files.set(loc.value.path, (opts.append ? (files.get(loc.value.path) ?? '') : '') + content);
    return { ok: true, value: null };
  }

  /** Reads a file. */
  read(
    namespace: string,
    pod: string,
    path: string,
    opts: { container?: string } = {},
  ): FileResult<string> {
    const loc = this.#locate(namespace, pod, opts.container, path);
    if (!loc.ok) return loc;
    const content = this.#data.get(loc.value.storage)?.get(loc.value.path);
    return content === undefined ? { ok: false, code: 'NoSuchFile' } : { ok: true, value: content };
  }

  /** Names directly inside a directory (files and sub-directories), sorted. */
  list(
    namespace: string,
    pod: string,
    dir: string,
    opts: { container?: string } = {},
  ): FileResult<string[]> {
    const loc = this.#locate(namespace, pod, opts.container, dir);
    if (!loc.ok) return loc;
    const base = loc.value.path === '/' ? '/' : `${loc.value.path}/`;
    const names = new Set<string>();
    for (const p of this.#data.get(loc.value.storage)?.keys() ?? []) {
      if (p.startsWith(base)) names.add(p.slice(base.length).split('/')[0] ?? '');
    }
    return { ok: true, value: [...names].filter((n) => n !== '').sort() };
  }
}
