/**
 * Per-cluster identifiers: UIDs, resourceVersions, pod IPs and random name suffixes. All of
 * them come from counters or the cluster's seeded generator, never from the host.
 */
import type { RandomSource } from './random.ts';

/** The serialisable counters of an IdSource. */
export interface IdState {
  readonly resourceVersion: number;
  readonly podIpByNode: Readonly<Record<string, number>>;
}

const HEX = '0123456789abcdef';
/** The alphabet of apimachinery's rand.String (no vowels, no confusable digits). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Hands out identifiers for one cluster. */
export class IdSource {
  #rv: number;
  #podIp: Record<string, number>;
  readonly #random: RandomSource;

  /** Creates an id source that draws randomness from `random` and resumes from `state`. */
  constructor(random: RandomSource, state?: IdState) {
    this.#random = random;
    this.#rv = state?.resourceVersion ?? 0;
    this.#podIp = { ...(state?.podIpByNode ?? {}) };
  }

  /** The counters, for snapshots. */
  getState(): IdState {
    return { resourceVersion: this.#rv, podIpByNode: { ...this.#podIp } };
  }

  /** A lowercase RFC 4122 version-4 UUID drawn from the seeded generator. */
  uid(): string {
    let s = '';
    for (let i = 0; i < 32; i++) {
      let nibble = this.#random.nextUint32() & 15;
      if (i === 12) nibble = 4;
      if (i === 16) nibble = 8 | (nibble & 3);
      s += HEX[nibble];
      if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
    }
    return s;
  }

  /** The next resourceVersion, a decimal string as etcd's revision is. */
  nextResourceVersion(): string {
    this.#rv += 1;
    return String(this.#rv);
  }

  /** The last resourceVersion handed out (the "list" resourceVersion). */
  currentResourceVersion(): string {
    return String(this.#rv);
  }

  /** The next pod IP in the node's /24 (`10.244.<nodeIndex>.<n>`), starting at .2 like kindnet. */
  podIp(nodeName: string, nodeIndex: number): string {
    const n = (this.#podIp[nodeName] ?? 1) + 1;
    this.#podIp[nodeName] = n > 254 ? 2 : n;
    return `10.244.${nodeIndex}.${this.#podIp[nodeName]}`;
  }

  /** A random integer in [0, n) from the seeded generator. */
  suffixNumber(n: number): number {
    return this.#random.nextUint32() % n;
  }

  /** A random suffix like apimachinery's rand.String(n), e.g. for `kube-api-access-xxxxx`. */
  suffix(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++)
      s += NAME_ALPHABET[this.#random.nextUint32() % NAME_ALPHABET.length];
    return s;
  }
}
