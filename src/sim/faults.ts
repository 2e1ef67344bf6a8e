/**
 * Fault injection for lessons: a readiness probe that starts failing for one pod, a container
 * that keeps crashing, an image that cannot be pulled, a node that stops, and a slow volume
 * provisioner. Faults are plain data, part of a snapshot, and take effect the way the
 * real failure would (at the next probe, at the next pull).
 */

/** A fault the cluster can be told to simulate. */
export type Fault =
  | {
      /** The pod's readiness probe fails (the pod must define a readinessProbe). */
      readonly kind: 'readiness';
      readonly namespace?: string;
      readonly pod: string;
    }
  | {
      /**
       * The pod's first container exits with `exitCode` (default 1) `afterSeconds` after every
       * start (default 0: at once), so the kubelet restarts it with back-off (CrashLoopBackOff).
       */
      readonly kind: 'crash';
      readonly namespace?: string;
      readonly pod: string;
      readonly exitCode?: number;
      readonly afterSeconds?: number;
    }
  | {
      /** Pulling this image fails as if it did not exist in the registry. */
      readonly kind: 'image-pull';
      readonly image: string;
    }
  | {
      /** The node stops: its kubelet no longer reports or acts (power loss, network split). */
      readonly kind: 'node-down';
      readonly node: string;
    }
  | {
      /**
       * The dynamic provisioner takes `seconds` longer to create each volume it starts while the
       * fault is active (claims of `storageClass` only, or of every class when omitted). Volumes
       * already being provisioned keep the delay they started with.
       */
      readonly kind: 'slowProvisioning';
      readonly seconds: number;
      readonly storageClass?: string;
    };

/** The active faults, in the order they were injected. */
export class FaultSet {
  #faults: Fault[];

  /** Creates a fault set, optionally from a snapshot. */
  constructor(faults: readonly Fault[] = []) {
    this.#faults = [...faults];
  }

  /** The active faults (for snapshots and the UI). */
  list(): readonly Fault[] {
    return this.#faults;
  }

  /** Adds a fault; adding the same fault twice has no effect. Returns true when it was new. */
  add(fault: Fault): boolean {
    if (this.#faults.some((f) => sameFault(f, fault))) return false;
    this.#faults = [...this.#faults, fault];
    return true;
  }

  /** Removes a fault. Returns true when it was active. */
  remove(fault: Fault): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => !sameFault(f, fault));
    return this.#faults.length !== before;
  }

  /** True when the pod's readiness probe should fail. */
  readinessFails(namespace: string, pod: string): boolean {
    return this.#faults.some(
      (f) => f.kind === 'readiness' && f.pod === pod && (f.namespace ?? 'default') === namespace,
    );
  }

  /** How the pod's container crashes, when a crash fault targets it. */
  crash(namespace: string, pod: string): { exitCode: number; afterSeconds: number } | undefined {
    for (const f of this.#faults) {
      if (f.kind === 'crash' && f.pod === pod && (f.namespace ?? 'default') === namespace)
        return { exitCode: f.exitCode ?? 1, afterSeconds: Math.max(0, f.afterSeconds ?? 0) };
    }
    return undefined;
  }

  /** True when the node is down. */
  nodeDown(node: string): boolean {
    return this.#faults.some((f) => f.kind === 'node-down' && f.node === node);
  }

  /** Extra seconds the provisioner takes for a claim of `storageClass` (0 without a fault). */
  provisioningDelaySeconds(storageClass: string): number {
    let extra = 0;
    for (const f of this.#faults) {
      if (f.kind !== 'slowProvisioning') continue;
      if (f.storageClass !== undefined && f.storageClass !== storageClass) continue;
      extra = Math.max(extra, Math.max(0, f.seconds));
    }
    return extra;
  }

  /** True when pulling `image` should fail. */
  pullFails(image: string): boolean {
    return this.#faults.some((f) => f.kind === 'image-pull' && f.image === image);
  }
}

function sameFault(a: Fault, b: Fault): boolean {
  if (a.kind === 'readiness' && b.kind === 'readiness')
    return a.pod === b.pod && (a.namespace ?? 'default') === (b.namespace ?? 'default');
  if (a.kind === 'crash' && b.kind === 'crash')
    return a.pod === b.pod && (a.namespace ?? 'default') === (b.namespace ?? 'default');
  if (a.kind === 'image-pull' && b.kind === 'image-pull') return a.image === b.image;
  if (a.kind === 'node-down' && b.kind === 'node-down') return a.node === b.node;
  if (a.kind === 'slowProvisioning' && b.kind === 'slowProvisioning')
    return a.storageClass === b.storageClass && a.seconds === b.seconds;
  return false;
}
