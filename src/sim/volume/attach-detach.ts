/**
 * The attach/detach controller (kube-controller-manager's `attachdetach-controller`, after
 * pkg/controller/volume/attachdetach): attachable volumes — here CSI persistent volumes; the
 * local-path hostPath volumes of the default StorageClass are not attachable and never pass
 * through it, as in kind — are attached to the node of each scheduled pod that uses them before
 * the kubelet may mount them. The actual state lives in `Node.status.volumesAttached`, which the
 * kubelet reads (verifyControllerAttachedVolume).
 *
 * A ReadWriteOnce (or ReadWriteOncePod) volume attached to one node cannot be attached to a
 * second one: the reconciler (reconciler.go attachDesiredVolumes / reportMultiAttachError)
 * reports a Warning `FailedAttachVolume` "Multi-Attach error for volume …" once to the waiting
 * pods, and the volume is attached there only after every pod using it on the first node is gone
 * and it was detached. Two pods on the same node share one attachment.
 *
 * Everything it needs to resume is in the store and the clock queue: an `attach` task reports a
 * multi-attach error (a new pod on a node), an `attach-retry` task (after a detach) does not,
 * which is how upstream's once-per-node "MultiAttachErrorReported" flag behaves.
 */
import { deepClone } from '../api/json.ts';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Runtime } from '../runtime.ts';
import type { WatchEvent } from '../store/object-store.ts';

/** Event source of the attach/detach controller. */
export const ATTACH_DETACH_CONTROLLER = 'attachdetach-controller';

/** The unique volume name (`kubernetes.io/csi/<driver>^<volumeHandle>`) of an attachable PV. */
export function attachableVolumeName(pv: PersistentVolume): string | undefined {
  const csi = pv.spec.csi;
  return csi === undefined ? undefined : `kubernetes.io/csi/${csi.driver}^${csi.volumeHandle}`;
}

/**
 * util.IsMultiAttachAllowed: a persistent volume with a ReadWriteOnce or ReadWriteOncePod access
 * mode may be attached to one node only (no access modes: allowed).
 */
export function isMultiAttachAllowed(pv: PersistentVolume): boolean {
  const modes = pv.spec.accessModes ?? [];
  return !modes.some((m) => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod');
}

/** Whether a pod still needs its volumes: scheduled and not terminated (DSW populator). */
function wantsVolumes(pod: Pod): boolean {
  if (!pod.spec.nodeName) return false;
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

/** Attaches and detaches attachable volumes; driven by the volume component. */
export class AttachDetachController {
  readonly #rt: Runtime;
  readonly #target: string;

  /** Creates the controller; its tasks go to `target` (the volume component). */
  constructor(rt: Runtime, target: string) {
    this.#rt = rt;
    this.#target = target;
  }

  /** The attachable PVs a pod uses, by claim (bound claims only). */
  #volumesOf(pod: Pod): PersistentVolume[] {
    const out: PersistentVolume[] = [];
    for (const v of pod.spec.volumes ?? []) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (claim === undefined) continue;
      const pvc = this.#rt.api.store.get('PersistentVolumeClaim', pod.metadata.namespace, claim);
      const pvName = pvc?.spec.volumeName;
      if (!pvName) continue;
      const pv = this.#rt.api.store.get('PersistentVolume', undefined, pvName);
      if (pv !== undefined && attachableVolumeName(pv) !== undefined) out.push(pv);
    }
    return out;
  }

  /** Pods (sorted by namespace/name) that want the PV on some node. */
  #podsUsing(pv: PersistentVolume): Pod[] {
    const claim = pv.spec.claimRef;
    if (claim === undefined) return [];
    return this.#rt.api.store
      .list('Pod', claim.namespace)
      .filter(
        (p) =>
          wantsVolumes(p) &&
          (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim.name),
      );
  }

  #schedule(op: 'attach' | 'attach-retry' | 'detach', node: string, pv: string): void {
    // GUESS: one controller reaction delay per attach or detach; a real CSI attach goes through
    // a VolumeAttachment and the driver's external-attacher and takes seconds.
    this.#rt.schedule(
      { target: this.#target, op, key: `${node}|${pv}` },
      this.#rt.timings.controllerDelay,
    );
  }

  /**
   * Reacts to pods (scheduled, finished, deleted) and claims (bound) that involve attachable
   * volumes; everything else costs one look-up per pod volume and schedules nothing.
   */
  handle(ev: WatchEvent): void {
    const obj = ev.object;
    if (obj.kind === 'Pod') {
      const pod = obj as Pod;
      const old = ev.oldObject as Pod | undefined;
      const wants = ev.type !== 'DELETED' && wantsVolumes(pod);
      const wanted = old !== undefined && wantsVolumes(old);
      if (ev.type === 'DELETED' || (wanted && !wants)) {
        const node = pod.spec.nodeName;
        if (node)
          for (const pv of this.#volumesOf(pod)) this.#schedule('detach', node, pv.metadata.name);
      } else if (wants && !wanted) {
        const node = pod.spec.nodeName ?? '';
        for (const pv of this.#volumesOf(pod)) this.#schedule('attach', node, pv.metadata.name);
      }
      return;
    }
    if (obj.kind === 'PersistentVolumeClaim' && ev.type === 'MODIFIED') {
      const volumeName = (obj as PersistentVolumeClaim).spec.volumeName;
      const oldVolume = (ev.oldObject as PersistentVolumeClaim | undefined)?.spec.volumeName;
      if (!volumeName || volumeName === oldVolume) return;
      const pv = this.#rt.api.store.get('PersistentVolume', undefined, volumeName);
      if (pv === undefined || attachableVolumeName(pv) === undefined) return;
      // Pods scheduled before their claim was bound.
      const nodes = new Set(this.#podsUsing(pv).map((p) => p.spec.nodeName ?? ''));
      for (const node of [...nodes].sort()) this.#schedule('attach', node, volumeName);
    }
  }

  /** Runs an `attach`, `attach-retry` or `detach` task; false when the op is not its own. */
  run(task: Task): boolean {
    if (task.op !== 'attach' && task.op !== 'attach-retry' && task.op !== 'detach') return false;
    const [node = '', pvName = ''] = task.key.split('|');
    const pv = this.#rt.api.store.get('PersistentVolume', undefined, pvName);
    const name = pv === undefined ? undefined : attachableVolumeName(pv);
    if (pv === undefined || name === undefined) return true;
    const users = this.#podsUsing(pv);
    const here = users.filter((p) => p.spec.nodeName === node);
    if (task.op === 'detach') {
      if (here.length > 0 || !this.#setAttached(node, name, false)) return true;
      // The volume is free: the nodes that were waiting for it get their turn (by name).
      const waiting = new Set(users.map((p) => p.spec.nodeName ?? ''));
      for (const other of [...waiting].sort()) this.#schedule('attach-retry', other, pvName);
      return true;
    }
    if (here.length === 0) return true;
    const attachedTo = this.#nodesWith(name);
    if (attachedTo.includes(node)) return true;
    if (attachedTo.length > 0 && !isMultiAttachAllowed(pv)) {
      if (task.op === 'attach') this.#reportMultiAttachError(pv, here, users, node);
      return true;
    }
    this.#setAttached(node, name, true);
    for (const pod of here) {
      // operation_generator.go: "AttachVolume.Attach succeeded for volume …".
      this.#rt.recorder.record(
        pod,
        'Normal',
        'SuccessfulAttachVolume',
        `AttachVolume.Attach succeeded for volume ${JSON.stringify(pvName)} `,
        { component: ATTACH_DETACH_CONTROLLER },
      );
    }
    return true;
  }

  /**
   * reportMultiAttachError: a Warning to each pod waiting on `node`, naming the pods of its own
   * namespace that hold the volume on the other nodes (and counting those of other namespaces).
   */
  #reportMultiAttachError(pv: PersistentVolume, waiting: Pod[], users: Pod[], node: string): void {
    const holders = users.filter((p) => p.spec.nodeName !== node);
    for (const pod of waiting) {
      let msg: string;
      if (holders.length === 0) {
        msg = "Volume is already exclusively attached to one node and can't be attached to another";
      } else {
        const local = holders
          .filter((p) => p.metadata.namespace === pod.metadata.namespace)
          .map((p) => p.metadata.name);
        const others = holders.length - local.length;
        if (local.length > 0) {
          msg = `Volume is already used by pod(s) ${local.join(', ')}`;
          if (others > 0) msg += ` and ${others} pod(s) in different namespaces`;
        } else {
          msg = `Volume is already used by ${others} pod(s) in different namespaces`;
        }
      }
      // VolumeToAttach.GenerateMsg: `<prefix> for volume "<spec name>" <suffix>`.
      this.#rt.recorder.record(
        pod,
        'Warning',
        'FailedAttachVolume',
        `Multi-Attach error for volume ${JSON.stringify(pv.metadata.name)} ${msg}`,
        { component: ATTACH_DETACH_CONTROLLER },
      );
    }
  }

  /** Nodes (sorted) whose status lists the volume as attached. */
  #nodesWith(volume: string): string[] {
    return this.#rt.api.store
      .list('Node')
      .filter((n) => (n.status.volumesAttached ?? []).some((v) => v.name === volume))
      .map((n) => n.metadata.name);
  }

  /** Adds or removes the volume in the node's `status.volumesAttached`; false if unchanged. */
  #setAttached(nodeName: string, volume: string, attached: boolean): boolean {
    const node = this.#rt.api.store.get('Node', undefined, nodeName);
    if (node === undefined) return false;
    const list = node.status.volumesAttached ?? [];
    const has = list.some((v) => v.name === volume);
    if (has === attached) return false;
    const next: Node = deepClone(node);
    const updated = attached
      ? [...list, { name: volume, devicePath: '' }]
      : list.filter((v) => v.name !== volume);
    if (updated.length > 0) next.status.volumesAttached = updated;
    else delete next.status.volumesAttached;
    this.#rt.api.update(next, { subresource: 'status' });
    return true;
  }
}
