/**
 * Storage: the PV controller, the external (local-path-like) provisioner and the protection
 * controllers. A claim of a WaitForFirstConsumer class waits for the scheduler to pick a node;
 * then a PV named `pvc-<claim uid>` is provisioned on that node and bound to the claim. Deleting a
 * claim waits while a pod still uses it (kubernetes.io/pvc-protection); a deleted claim's PV is
 * deleted (reclaim Delete) or left Released (Retain).
 */
import { deepClone } from '../api/json.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from '../store/api-server.ts';
import { objectKey } from '../store/object-store.ts';
import type { WatchEvent } from '../store/object-store.ts';
import { SELECTED_NODE_ANNOTATION } from '../scheduler/scheduler.ts';
import { AttachDetachController } from './attach-detach.ts';

/** `task.target` of the volume controllers. */
export const VOLUME_TARGET = 'volume';
/** The provisioner of kind's default StorageClass `standard`. */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** Event source of the in-tree PV controller. */
export const PV_CONTROLLER = 'persistentvolume-controller';

/** Provisions, binds, protects and reclaims volumes. */
export class VolumeController implements Component {
  readonly name = VOLUME_TARGET;
  readonly #rt: Runtime;
  /** The external provisioner's event source, like `rancher.io/local-path_local-path-provisioner-…`. */
  readonly #provisionerId: string;
  /** Attachable (CSI) volumes; it shares this component's queue target. */
  readonly #attachDetach: AttachDetachController;

  /** Creates the controller; `provisionerId` names the external provisioner instance. */
  constructor(rt: Runtime, provisionerId: string) {
    this.#rt = rt;
    this.#provisionerId = provisionerId;
    this.#attachDetach = new AttachDetachController(rt, VOLUME_TARGET);
  }

  #claimsOf(pod: Pod): string[] {
    return (pod.spec.volumes ?? []).flatMap((v) =>
      v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
    );
  }

  /** Reacts to claims, volumes and pods. */
  handle(ev: WatchEvent): void {
    this.#attachDetach.handle(ev);
    const obj = ev.object;
    if (obj.kind === 'PersistentVolumeClaim') {
      const pvc = obj as PersistentVolumeClaim;
      const key = objectKey(pvc.metadata.namespace, pvc.metadata.name);
      const uid = pvc.metadata.uid ?? '';
      if (ev.type === 'DELETED') {
        if (pvc.spec.volumeName)
          this.#rt.schedule(
            { target: this.name, op: 'reclaim', key: pvc.spec.volumeName, uid },
            this.#rt.timings.bindDelay,
          );
        return;
      }
      if (pvc.metadata.deletionTimestamp !== undefined) {
        this.#rt.schedule(
          { target: this.name, op: 'protect', key, uid },
          this.#rt.timings.controllerDelay,
        );
        return;
      }
      const old = ev.oldObject as PersistentVolumeClaim | undefined;
      const selected = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
      const oldSelected = old?.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
      if (ev.type === 'ADDED' || (selected !== undefined && oldSelected === undefined)) {
        this.#rt.schedule(
          { target: this.name, op: 'claim', key, uid },
          this.#rt.timings.controllerDelay,
        );
      }
    } else if (obj.kind === 'Pod' && ev.type === 'DELETED') {
      // A claim being deleted may have been waiting for this pod.
      const pod = obj as Pod;
      for (const claim of this.#claimsOf(pod)) {
        const pvc = this.#rt.api.store.get('PersistentVolumeClaim', pod.metadata.namespace, claim);
        if (pvc?.metadata.deletionTimestamp !== undefined) {
          this.#rt.schedule(
            {
              target: this.name,
              op: 'protect',
              key: objectKey(pod.metadata.namespace, claim),
              uid: pvc.metadata.uid ?? '',
            },
            this.#rt.timings.controllerDelay,
          );
        }
      }
    } else if (obj.kind === 'PersistentVolume' && ev.type !== 'DELETED') {
      const pv = obj as PersistentVolume;
      if (pv.metadata.deletionTimestamp !== undefined) {
        this.#rt.schedule(
          {
            target: this.name,
            op: 'pv-protect',
            key: pv.metadata.name,
            uid: pv.metadata.uid ?? '',
          },
          this.#rt.timings.controllerDelay,
        );
      }
    }
  }

  /** Runs one storage step. */
  run(task: Task): void {
    if (this.#attachDetach.run(task)) return;
    switch (task.op) {
      case 'claim':
        this.#syncClaim(task);
        break;
      case 'provision':
        this.#provision(task);
        break;
      case 'bind':
        this.#bind(task);
        break;
      case 'protect':
        this.#protect(task);
        break;
      case 'reclaim':
        this.#reclaim(task);
        break;
      case 'pv-protect':
        this.#pvProtect(task);
        break;
      default:
        break;
    }
  }

  #claim(task: Task): PersistentVolumeClaim | undefined {
    const [ns, name] = task.key.split('/') as [string, string];
    const pvc = this.#rt.api.store.get('PersistentVolumeClaim', ns, name);
    return pvc !== undefined && pvc.metadata.uid === task.uid ? pvc : undefined;
  }

  #trace(
    pvc: PersistentVolumeClaim,
    verdict: 'wait' | 'create' | 'update' | 'delete',
    message: string,
    component = PV_CONTROLLER,
  ): void {
    this.#rt.trace.record({
      time: this.#rt.clock.now(),
      component,
      object: {
        kind: 'PersistentVolumeClaim',
        namespace: pvc.metadata.namespace ?? 'default',
        name: pvc.metadata.name,
      },
      verdict,
      message,
    });
  }

  #syncClaim(task: Task): void {
    const pvc = this.#claim(task);
    if (
      pvc === undefined ||
      pvc.status?.phase === 'Bound' ||
      pvc.metadata.deletionTimestamp !== undefined
    )
      return;
    const className = pvc.spec.storageClassName;
    if (className === undefined || className === '') {
      this.#rt.recorder.record(
        pvc,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
        { component: PV_CONTROLLER },
      );
      this.#trace(
        pvc,
        'wait',
        'no StorageClass is set and no PersistentVolume matches: the claim stays Pending',
      );
      return;
    }
    const sc = this.#rt.api.store.get('StorageClass', undefined, className);
    if (sc === undefined) {
      this.#rt.recorder.record(
        pvc,
        'Warning',
        'ProvisioningFailed',
        `storageclass.storage.k8s.io ${JSON.stringify(className)} not found`,
        { component: PV_CONTROLLER },
      );
      this.#trace(pvc, 'wait', `StorageClass ${className} does not exist: the claim stays Pending`);
      return;
    }
    const selected = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && selected === undefined) {
      this.#rt.recorder.record(
        pvc,
        'Normal',
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
        { component: PV_CONTROLLER },
      );
      this.#trace(
        pvc,
        'wait',
        `waiting for a pod that uses ${pvc.metadata.name} to be scheduled (WaitForFirstConsumer)`,
      );
      return;
    }
    this.#rt.recorder.record(
      pvc,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      { component: PV_CONTROLLER },
    );
    this.#rt.recorder.record(
      pvc,
      'Normal',
      'Provisioning',
      `External provisioner is provisioning volume for claim "${pvc.metadata.namespace ?? 'default'}/${pvc.metadata.name}"`,
      { component: this.#provisionerId },
    );
    this.#trace(
      pvc,
      'wait',
      `provisioning a volume on ${selected ?? 'any node'} with ${sc.provisioner}`,
      this.#provisionerId,
    );
    // Same single draw as without a fault; fault `slowProvisioning` only adds its seconds.
    const delay =
      this.#rt.draw(this.#rt.timings.provisionDelay) +
      this.#rt.faults.provisioningDelaySeconds(sc.metadata.name) * 1000;
    this.#rt.clock.schedule(
      { target: this.name, op: 'provision', key: task.key, uid: task.uid ?? '' },
      delay,
    );
  }

  #provision(task: Task): void {
    const pvc = this.#claim(task);
    if (pvc === undefined || pvc.status?.phase === 'Bound') return;
    const sc = this.#rt.api.store.get('StorageClass', undefined, pvc.spec.storageClassName ?? '');
    if (sc === undefined) return;
    const uid = pvc.metadata.uid ?? '';
    const ns = pvc.metadata.namespace ?? 'default';
    const pvName = `pvc-${uid}`;
    const node = pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION];
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: pvName,
        annotations: {
          ...(sc.provisioner === LOCAL_PATH_PROVISIONER
            ? { 'local.path.provisioner/selected-node': node ?? '' }
            : {}),
          'pv.kubernetes.io/provisioned-by': sc.provisioner,
        },
      },
      spec: {
        accessModes: [...(pvc.spec.accessModes ?? [])],
        capacity: { storage: pvc.spec.resources?.requests?.['storage'] ?? '1Gi' },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: pvc.metadata.name,
          namespace: ns,
          resourceVersion: pvc.metadata.resourceVersion ?? '',
          uid,
        },
        // The default class is local-path (hostPath on the chosen node); any other provisioner
        // is taken for a CSI driver of network block storage: an attachable volume that any
        // node can reach. GUESS: the volumeHandle format (each driver has its own).
        ...(sc.provisioner === LOCAL_PATH_PROVISIONER
          ? {
              hostPath: {
                path: `/var/local-path-provisioner/${pvName}_${ns}_${pvc.metadata.name}`,
                type: 'DirectoryOrCreate',
              },
            }
          : { csi: { driver: sc.provisioner, volumeHandle: `vol-${uid}`, fsType: 'ext4' } }),
        ...(node && sc.provisioner === LOCAL_PATH_PROVISIONER
          ? {
              nodeAffinity: {
                required: {
                  nodeSelectorTerms: [
                    {
                      matchExpressions: [
                        { key: 'kubernetes.io/hostname', operator: 'In', values: [node] },
                      ],
                    },
                  ],
                },
              },
            }
          : {}),
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      },
    };
    const res = this.#rt.api.create(pv, { internal: true });
    if (!res.ok) return;
    this.#rt.recorder.record(
      pvc,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${pvName}`,
      { component: this.#provisionerId },
    );
    this.#trace(
      pvc,
      'create',
      `provisioned PersistentVolume ${pvName}${node ? ` on ${node}` : ''}`,
      this.#provisionerId,
    );
    this.#rt.schedule(
      { target: this.name, op: 'bind', key: task.key, uid },
      this.#rt.timings.bindDelay,
    );
  }

  #bind(task: Task): void {
    const pvc = this.#claim(task);
    if (pvc === undefined || pvc.status?.phase === 'Bound') return;
    const pvName = `pvc-${pvc.metadata.uid ?? ''}`;
    const pv = this.#rt.api.store.get('PersistentVolume', undefined, pvName);
    if (pv === undefined) return;
    const sc = this.#rt.api.store.get('StorageClass', undefined, pvc.spec.storageClassName ?? '');
    const nextPv = deepClone(pv);
    nextPv.status = { phase: 'Bound' };
    this.#rt.api.update(nextPv, { subresource: 'status' });
    const nextPvc = deepClone(pvc);
    nextPvc.metadata.annotations = {
      ...(nextPvc.metadata.annotations ?? {}),
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      ...(sc
        ? {
            'volume.beta.kubernetes.io/storage-provisioner': sc.provisioner,
            'volume.kubernetes.io/storage-provisioner': sc.provisioner,
          }
        : {}),
    };
    nextPvc.spec.volumeName = pvName;
    nextPvc.status = {
      phase: 'Bound',
      accessModes: [...(pv.spec.accessModes ?? [])],
      capacity: { ...(pv.spec.capacity ?? {}) },
    };
    this.#rt.api.update(nextPvc, { internal: true, withStatus: true });
    this.#trace(pvc, 'update', `bound to PersistentVolume ${pvName}`);
  }

  #protect(task: Task): void {
    const pvc = this.#claim(task);
    if (pvc === undefined || pvc.metadata.deletionTimestamp === undefined) return;
    const ns = pvc.metadata.namespace ?? 'default';
    const users = this.#rt.api.store
      .list('Pod', ns)
      // As upstream podUsesPVC: only a scheduled pod holds a claim (the kubelet will not start a
      // pod whose claim is being deleted), and a finished pod still does until it is deleted.
      .filter(
        (p) => (p.spec.nodeName ?? '') !== '' && this.#claimsOf(p).includes(pvc.metadata.name),
      );
    if (users.length > 0) {
      this.#trace(
        pvc,
        'wait',
        `not removing ${PVC_PROTECTION_FINALIZER}: still used by pod ${users.map((p) => p.metadata.name).join(', ')}`,
        'pvc-protection-controller',
      );
      return;
    }
    const next = deepClone(pvc);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter(
      (f) => f !== PVC_PROTECTION_FINALIZER,
    );
    this.#rt.api.update(next, { internal: true });
  }

  #reclaim(task: Task): void {
    const pv = this.#rt.api.store.get('PersistentVolume', undefined, task.key);
    if (pv === undefined || pv.spec.claimRef?.uid !== task.uid) return;
    const next = deepClone(pv);
    next.status = { phase: 'Released' };
    this.#rt.api.update(next, { subresource: 'status' });
    if (pv.spec.persistentVolumeReclaimPolicy === 'Delete')
      this.#rt.api.delete('PersistentVolume', undefined, pv.metadata.name);
  }

  #pvProtect(task: Task): void {
    const pv = this.#rt.api.store.get('PersistentVolume', undefined, task.key);
    if (
      pv === undefined ||
      pv.metadata.uid !== task.uid ||
      pv.metadata.deletionTimestamp === undefined
    )
      return;
    if (pv.status?.phase === 'Bound') return;
    const next = deepClone(pv);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter(
      (f) => f !== PV_PROTECTION_FINALIZER,
    );
    this.#rt.api.update(next, { internal: true });
  }
}
