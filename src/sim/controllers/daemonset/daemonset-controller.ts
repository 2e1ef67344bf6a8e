/**
 * A minimal DaemonSet controller, after pkg/controller/daemon/daemon_controller.go: one pod per
 * node that the template selects and whose taints it tolerates (`NodeShouldRunDaemonPod`),
 * created when missing (`manage` → `syncNodes`), deleted from nodes that no longer qualify, and
 * the counts in the status (`updateDaemonSetStatus`), and the ControllerRevision of the current
 * template (`constructHistory`). Not modelled: rolling updates of a changed template (new pods get
 * it, existing ones keep theirs), surge, minReadySeconds, history truncation.
 *
 * The pods name their node in a required node affinity (`matchFields metadata.name`), as upstream
 * since 1.12, and get the daemon tolerations (`AddOrUpdateDaemonPodTolerations`). The
 * simulator's scheduler does not read node affinity, so the controller binds the pod to its node
 * itself and records the scheduler's `Scheduled` event for it.
 *
 * Tasks are only scheduled when there is something to do (a node or pod changed the set of
 * missing or extra pods, or the template or status is stale), so node changes in flows without
 * DaemonSet work (cordon, a stopped node) add no timer.
 */
import { canonicalJson, deepClone, deepEqual } from '../../api/json.ts';
import { fromLabelSelector, fromMap, matches } from '../../api/labels.ts';
import type {
  DaemonSet,
  DaemonSetStatus,
  Node,
  OwnerReference,
  Pod,
  PodSpec,
  Toleration,
} from '../../api/types.ts';
import type { Task } from '../../clock/virtual-clock.ts';
import type { Component, Runtime } from '../../runtime.ts';
import { SyncQueue } from '../../sync-queue.ts';
import { objectKey } from '../../store/object-store.ts';
import type { WatchEvent } from '../../store/object-store.ts';
import { fnv32, safeEncodeString, utf8Bytes } from '../history/controller-history.ts';
import { getControllerOf, isRunningAndReady } from '../statefulset/statefulset-utils.ts';

/** `task.target` of the DaemonSet controller. */
export const DAEMONSET_TARGET = 'daemonset';
const SOURCE = { component: 'daemonset-controller' };

/** The taint keys a daemon pod always tolerates (pkg/controller/daemon/util). */
const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NETWORK_UNAVAILABLE: Toleration = {
  key: 'node.kubernetes.io/network-unavailable',
  operator: 'Exists',
  effect: 'NoSchedule',
};

/** Whether a toleration tolerates a taint (v1helper.ToleratesTaint). */
export function toleratesTaint(
  t: Toleration,
  taint: { key: string; effect: string; value?: string },
): boolean {
  if (t.effect !== undefined && t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== undefined && t.key !== '' && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** NodeShouldRunDaemonPod: the template selects the node and tolerates its hard taints. */
export function nodeShouldRunDaemonPod(spec: PodSpec, node: Node): boolean {
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {}))
    if (node.metadata.labels?.[k] !== v) return false;
  const tolerations = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  for (const taint of node.spec.taints ?? []) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) return false;
  }
  return true;
}

/**
 * The `controller-revision-hash` of a DaemonSet's template: ComputeHash of the template (the
 * simulator's FNV of its JSON, as for Deployments), safe-encoded.
 */
export function daemonSetTemplateHash(ds: DaemonSet): string {
  return safeEncodeString(String(fnv32(utf8Bytes(canonicalJson(ds.spec.template)))));
}

/** The pods a DaemonSet owns, by node. */
function podsByNode(rt: Runtime, ds: DaemonSet): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const o of rt.api.store.dependents(ds.metadata.uid ?? '', 'Pod')) {
    const pod = o as Pod;
    if (getControllerOf(pod)?.uid !== ds.metadata.uid) continue;
    const node = pod.spec.nodeName ?? '';
    const list = out.get(node) ?? [];
    list.push(pod);
    out.set(node, list);
  }
  return out;
}

/** What `manage` would do: nodes that need a pod, and pods that must go. */
function plan(rt: Runtime, ds: DaemonSet): { create: string[]; remove: Pod[] } {
  const byNode = podsByNode(rt, ds);
  const create: string[] = [];
  const remove: Pod[] = [];
  const nodes = rt.api.store.list('Node');
  const names = new Set(nodes.map((n) => n.metadata.name));
  for (const node of nodes) {
    const pods = (byNode.get(node.metadata.name) ?? []).filter(
      (p) => p.metadata.deletionTimestamp === undefined,
    );
    const should = nodeShouldRunDaemonPod(ds.spec.template.spec, node);
    if (should && pods.length === 0) create.push(node.metadata.name);
    else if (!should) remove.push(...pods);
    else if (pods.length > 1) remove.push(...pods.slice(1));
  }
  for (const [node, pods] of byNode)
    if (!names.has(node))
      remove.push(...pods.filter((p) => p.metadata.deletionTimestamp === undefined));
  return { create, remove };
}

/** updateDaemonSetStatus: the counts `kubectl get ds` prints. */
export function daemonSetStatus(rt: Runtime, ds: DaemonSet): DaemonSetStatus {
  const byNode = podsByNode(rt, ds);
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  for (const node of rt.api.store.list('Node')) {
    const should = nodeShouldRunDaemonPod(ds.spec.template.spec, node);
    const pods = byNode.get(node.metadata.name) ?? [];
    if (should) {
      desired += 1;
      if (pods.length > 0) {
        current += 1;
        if (pods.some((p) => isRunningAndReady(p))) ready += 1;
      }
    } else if (pods.length > 0) misscheduled += 1;
  }
  return {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: current,
    numberAvailable: ready,
    ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
  };
}

/**
 * Writes every DaemonSet's status that no longer matches its pods, at once (no timer): called by
 * the writers of pod readiness that run in existing flows (the node lifecycle controller), so a
 * stopped node's daemon pods show in `kubectl get ds` without adding a task to the clock.
 */
export function refreshDaemonSetStatuses(rt: Runtime): void {
  for (const ds of rt.api.store.list('DaemonSet')) {
    if (ds.metadata.deletionTimestamp !== undefined) continue;
    const status = daemonSetStatus(rt, ds);
    if (deepEqual(ds.status, status)) continue;
    const next = deepClone(ds);
    next.status = status;
    rt.api.update(next, { subresource: 'status' });
  }
}

/** The DaemonSet controller. */
export class DaemonSetController implements Component {
  readonly name = DAEMONSET_TARGET;
  readonly #rt: Runtime;
  readonly #queue: SyncQueue;
  /** While > 0, readiness changes alone do not queue a sync (the caller writes the statuses). */
  #batching = 0;

  /** Creates the controller. */
  constructor(rt: Runtime) {
    this.#rt = rt;
    this.#queue = new SyncQueue(rt, this.name);
  }

  /** Rebuilds the queue after a restore. */
  restore(pending: readonly Task[]): void {
    this.#queue.restore(pending);
  }

  /** Queues the DaemonSets a change concerns, when it leaves them something to do. */
  handle(ev: WatchEvent): void {
    const obj = ev.object;
    if (obj.kind === 'DaemonSet') {
      if (ev.type !== 'DELETED') this.#enqueueIfStale(obj as DaemonSet);
    } else if (obj.kind === 'Pod') {
      const ref = getControllerOf(obj);
      if (ref?.kind !== 'DaemonSet') return;
      const ds = this.#rt.api.store.get('DaemonSet', obj.metadata.namespace, ref.name);
      if (ds !== undefined && ds.metadata.uid === ref.uid) this.#enqueueIfStale(ds);
    } else if (obj.kind === 'Node') {
      for (const ds of this.#rt.api.store.list('DaemonSet')) this.#enqueueIfStale(ds);
    }
  }

  /**
   * Runs `fn`, which changes the readiness of daemon pods, then writes every DaemonSet status at
   * once: the node lifecycle controller's MarkPodsNotReady and a restarted node add no timer.
   */
  batchStatus(fn: () => void): void {
    this.#batching += 1;
    try {
      fn();
    } finally {
      this.#batching -= 1;
    }
    if (this.#batching === 0) refreshDaemonSetStatuses(this.#rt);
  }

  #enqueueIfStale(ds: DaemonSet): void {
    if (ds.metadata.deletionTimestamp !== undefined) return;
    const p = plan(this.#rt, ds);
    if (
      p.create.length === 0 &&
      p.remove.length === 0 &&
      (this.#batching > 0 || deepEqual(ds.status, daemonSetStatus(this.#rt, ds)))
    )
      return;
    this.#queue.add(objectKey(ds.metadata.namespace, ds.metadata.name));
  }

  /** Runs a queued sync. */
  run(task: Task): void {
    this.#queue.started(task);
    const [ns, name] = task.key.split('/') as [string, string];
    const ds = this.#rt.api.store.get('DaemonSet', ns, name);
    if (ds === undefined || ds.metadata.deletionTimestamp !== undefined) return;
    this.syncDaemonSet(ds);
  }

  /** syncDaemonSet: constructHistory, manage (create and delete pods), updateDaemonSetStatus. */
  syncDaemonSet(ds: DaemonSet): void {
    this.#constructHistory(ds);
    const { create, remove } = plan(this.#rt, ds);
    for (const node of create) this.#createPod(ds, node);
    for (const pod of remove) {
      const res = this.#rt.api.delete('Pod', pod.metadata.namespace, pod.metadata.name);
      if (res.ok)
        this.#rt.recorder.record(
          ds,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name}`,
          SOURCE,
        );
    }
    const fresh = this.#rt.api.store.get('DaemonSet', ds.metadata.namespace, ds.metadata.name);
    if (fresh === undefined) return;
    const status = daemonSetStatus(this.#rt, fresh);
    if (!deepEqual(fresh.status, status)) {
      const next = deepClone(fresh);
      next.status = status;
      this.#rt.api.update(next, { subresource: 'status' });
    }
  }

  /**
   * constructHistory: the ControllerRevision `<name>-<hash>` of the current template (data: the
   * template as a `$patch: replace` patch, revision 1), created once. Older revisions are not
   * kept, since template updates are not rolled out here.
   */
  #constructHistory(ds: DaemonSet): void {
    const hash = daemonSetTemplateHash(ds);
    const name = `${ds.metadata.name}-${hash}`;
    if (this.#rt.api.store.get('ControllerRevision', ds.metadata.namespace, name) !== undefined)
      return;
    this.#rt.api.create(
      {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: ds.metadata.namespace ?? 'default',
          labels: {
            ...(ds.spec.template.metadata?.labels ?? {}),
            'controller-revision-hash': hash,
          },
          annotations: { 'deprecated.daemonset.template.generation': '1' },
          ownerReferences: [ownerRef(ds)],
        },
        data: { spec: { template: { ...deepClone(ds.spec.template), $patch: 'replace' } } },
        revision: 1,
      },
      { internal: true },
    );
  }

  #createPod(ds: DaemonSet, node: string): void {
    const template = deepClone(ds.spec.template);
    const spec = template.spec;
    const tolerations = [...(spec.tolerations ?? [])];
    const extra = [...DAEMON_TOLERATIONS, ...(spec.hostNetwork ? [NETWORK_UNAVAILABLE] : [])];
    for (const t of extra)
      if (!tolerations.some((o) => o.key === t.key && o.effect === t.effect)) tolerations.push(t);
    spec.tolerations = tolerations;
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] },
          ],
        },
      },
    };
    const owner = ownerRef(ds);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${ds.metadata.name}-`,
        namespace: ds.metadata.namespace ?? 'default',
        labels: {
          ...(template.metadata?.labels ?? {}),
          'controller-revision-hash': daemonSetTemplateHash(ds),
          'pod-template-generation': String(ds.metadata.generation ?? 1),
        },
        ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
        ownerReferences: [owner],
      },
      spec,
    };
    const res = this.#rt.api.create(pod, { internal: true });
    if (!res.ok) {
      this.#rt.recorder.record(
        ds,
        'Warning',
        'FailedCreate',
        `Error creating: ${res.status.message}`,
        SOURCE,
      );
      return;
    }
    const created = res.object as Pod;
    this.#rt.recorder.record(
      ds,
      'Normal',
      'SuccessfulCreate',
      `Created pod: ${created.metadata.name}`,
      SOURCE,
    );
    // The scheduler's binding (the pod's node affinity admits only this node).
    const bound = deepClone(created);
    bound.spec.nodeName = node;
    bound.status = {
      ...(bound.status ?? {}),
      conditions: [
        {
          type: 'PodScheduled',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: created.metadata.creationTimestamp ?? '',
        },
      ],
    };
    const res2 = this.#rt.api.update(bound, { internal: true, withStatus: true });
    if (res2.ok)
      this.#rt.recorder.record(
        created,
        'Normal',
        'Scheduled',
        `Successfully assigned ${created.metadata.namespace ?? 'default'}/${created.metadata.name} to ${node}`,
        { component: 'default-scheduler' },
      );
  }
}

/** Whether a selector of a DaemonSet matches a pod's labels (for adoption checks and tests). */
export function daemonSetSelects(
  ds: DaemonSet,
  labels: Record<string, string> | undefined,
): boolean {
  return ds.spec.selector !== undefined
    ? matches(fromLabelSelector(ds.spec.selector), labels)
    : matches(fromMap(ds.spec.template.metadata?.labels ?? {}), labels);
}

/** The controller reference a DaemonSet puts on its pods and revisions. */
function ownerRef(ds: DaemonSet): OwnerReference {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    name: ds.metadata.name,
    uid: ds.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
