/**
 * The kubelet's mirror pods (pkg/kubelet/pod/mirror_client.go): a static pod runs from a file on
 * its node, and the API only shows a copy of it. Deleting the copy does not stop the static pod;
 * the kubelet notices the mirror pod is gone at its next sync and creates it again (new uid, new
 * age, the same name). Here the new copy goes through the kubelet like any bound pod.
 */
import type { Node, Pod } from '../api/types.ts';
import type { Task } from '../clock/virtual-clock.ts';
import type { Component, Runtime } from '../runtime.ts';
import { MIRROR_POD_ANNOTATION } from '../store/api-server.ts';
import { objectKey } from '../store/object-store.ts';
import type { WatchEvent } from '../store/object-store.ts';
import { STATIC_POD_COMPONENTS, SYSTEM_START_MS, staticMirrorPod } from './system-objects.ts';
import { fromRfc3339, toRfc3339 } from '../clock/time.ts';
import type { StaticPodComponent } from './system-objects.ts';
import { fnv32, utf8Bytes } from '../controllers/history/controller-history.ts';

/** `task.target` of the mirror-pod part of the kubelet. */
export const MIRROR_PODS_TARGET = 'mirror-pods';

/** Re-creates deleted mirror pods of static pods. */
export class MirrorPodController implements Component {
  readonly name = MIRROR_PODS_TARGET;
  readonly #rt: Runtime;

  /** Creates the controller. */
  constructor(rt: Runtime) {
    this.#rt = rt;
  }

  /** A mirror pod that is gone is recreated at the kubelet's next sync. */
  handle(ev: WatchEvent): void {
    if (ev.type !== 'DELETED' || ev.object.kind !== 'Pod') return;
    const pod = ev.object as Pod;
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined) return;
    this.#rt.schedule(
      {
        target: this.name,
        op: 'recreate',
        key: objectKey(pod.metadata.namespace, pod.metadata.name),
        uid: pod.spec.nodeName ?? '',
      },
      this.#rt.timings.kubeletSyncDelay,
    );
  }

  /** Creates the mirror pod again (unless it is back already or its node is down). */
  run(task: Task): void {
    const [ns, name] = task.key.split('/') as [string, string];
    if (this.#rt.api.store.get('Pod', ns, name) !== undefined) return;
    const nodeName = task.uid ?? '';
    const node: Node | undefined = this.#rt.api.store.get('Node', undefined, nodeName);
    if (node === undefined || this.#rt.faults.nodeDown(nodeName)) return;
    const component = STATIC_POD_COMPONENTS.find((c) => name === `${c}-${nodeName}`);
    if (component === undefined) return;
    this.#rt.api.create(mirrorPodFor(component, node), { internal: true });
  }
}

/**
 * The mirror pod of `component` on `node`. The kubelet's config hash is a hash of the manifest
 * file (here FNV of the component and node, so every copy has the same one) and `config.seen` is
 * when the kubelet first read the file (when the control plane came up).
 */
export function mirrorPodFor(component: StaticPodComponent, node: Node): Pod {
  const ip = node.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
  const seed = fnv32(utf8Bytes(`${component}/${node.metadata.name}`));
  let hash = '';
  for (let i = 0; i < 4; i++)
    hash += fmix32(seed + i * 0x9e3779b9)
      .toString(16)
      .padStart(8, '0');
  const created = fromRfc3339(node.metadata.creationTimestamp ?? '1970-01-01T00:00:00Z');
  const seen = toRfc3339(created + SYSTEM_START_MS).replace('Z', '.000000000Z');
  return staticMirrorPod(
    component,
    { name: node.metadata.name, uid: node.metadata.uid ?? '', ip },
    hash,
    seen,
  );
}

/** MurmurHash3's 32-bit finalizer: spreads every bit of `h` over the result. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}
