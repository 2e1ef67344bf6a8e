import type { Cluster } from '../sim/index.ts';

/** A cluster reference that can be pointed at another cluster (rewinding restores a new one). */
export interface SwappableCluster {
  /** Use this everywhere: calls go to the current cluster. */
  readonly cluster: Cluster;
  /** The current cluster itself. */
  current(): Cluster;
  /** Points the reference at `next`. Subscriptions made on the old cluster are not carried over. */
  swap(next: Cluster): void;
}

/**
 * Wraps a cluster so that every method call goes to whichever cluster is current. The shells,
 * kubectl, completion and the driver keep one reference for the whole session, and rewinding
 * (which restores a snapshot as a new Cluster object) only swaps what that reference points at.
 * Methods are bound to the real cluster because its private fields reject any other `this`.
 */
export function swappableCluster(initial: Cluster): SwappableCluster {
  let target = initial;
  const proxy = new Proxy({} as Cluster, {
    get(_unused, property) {
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
    has: (_unused, property) => property in target,
  });
  return {
    cluster: proxy,
    current: () => target,
    swap(next) {
      target = next;
    },
  };
}
