/**
 * The server-side table columns `kubectl get` prints for each kind, with the cell logic of
 * kubernetes/kubernetes pkg/printers/internalversion/printers.go (printPod's STATUS algorithm,
 * READY counts, RESTARTS with `(45s ago)`, PVC/PV capacity only once bound, `<none>`/`<unset>`
 * placeholders). Headers are already upper-cased, as kubectl shows them.
 */
import type {
  ControllerRevision,
  DaemonSet,
  Deployment,
  ReplicaSet,
  PodTemplateSpec,
  LabelSelector,
  Endpoints,
  KubeEvent,
  KubeObject,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Service,
  StatefulSet,
  StorageClass,
  PodDisruptionBudget,
} from '../../sim/index.ts';
import { formatLabelSelector, fromRfc3339 } from '../../sim/index.ts';
import { humanDuration } from './human-duration.ts';
import { endpointSliceTable } from './endpointslice.ts';

/** A column: its header and whether it is only shown with `-o wide` (priority 1). */
export interface Column {
  readonly header: string;
  readonly wide: boolean;
}

/** Columns and a row function for one kind. */
export interface TableDef {
  readonly columns: readonly Column[];
  /** All cells (normal and wide), in column order. */
  row(obj: KubeObject, now: number): readonly string[];
  /** With `-o wide`, the order of the cells when the wide columns are not simply appended. */
  readonly wideOrder?: readonly number[];
}

/** translateTimestampSince: the age of an RFC 3339 timestamp at virtual time `now`. */
export function age(timestamp: string | undefined, now: number): string {
  if (timestamp === undefined || timestamp === '') return '<unknown>';
  return humanDuration(now - fromRfc3339(timestamp));
}

function cols(normal: readonly string[], wide: readonly string[] = []): Column[] {
  return [
    ...normal.map((header) => ({ header, wide: false })),
    ...wide.map((header) => ({ header, wide: true })),
  ];
}

/** printPod's READY, STATUS and RESTARTS cells. */
export function podStatusCells(
  pod: Pod,
  now: number,
): { ready: string; status: string; restarts: string } {
  const status = pod.status ?? {};
  let total = pod.spec.containers.length;
  for (const c of pod.spec.initContainers ?? []) {
    // Restartable ("sidecar") init containers count toward READY.
    if ((c as { restartPolicy?: string }).restartPolicy === 'Always') total++;
  }
  let reason: string = status.phase ?? '';
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  let restarts = 0;
  let lastRestart = Number.NEGATIVE_INFINITY;
  let ready = 0;
  let hasRunning = false;
  const statuses = status.containerStatuses ?? [];
  // Walk from the last container to the first so that the first container's state wins.
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    if (c === undefined) continue;
    restarts += c.restartCount;
    const finished = c.lastState.terminated?.finishedAt;
    if (finished !== undefined) lastRestart = Math.max(lastRestart, fromRfc3339(finished));
    const st = c.state;
    if (st.waiting?.reason) reason = st.waiting.reason;
    else if (st.terminated?.reason) reason = st.terminated.reason;
    else if (st.terminated) {
      const signal = (st.terminated as { signal?: number }).signal;
      reason = signal ? `Signal:${signal}` : `ExitCode:${st.terminated.exitCode}`;
    } else if (c.ready && st.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) {
    const podReady = (status.conditions ?? []).some(
      (c) => c.type === 'Ready' && c.status === 'True',
    );
    reason = podReady ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp !== undefined && status.reason === 'NodeLost') {
    reason = 'Unknown';
  } else if (
    pod.metadata.deletionTimestamp !== undefined &&
    status.phase !== 'Succeeded' &&
    status.phase !== 'Failed'
  ) {
    reason = 'Terminating';
  }
  let restartsStr = String(restarts);
  if (restarts !== 0 && Number.isFinite(lastRestart)) {
    restartsStr = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  }
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsStr };
}

const podTable: TableDef = {
  columns: cols(
    ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
    ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  ),
  row(obj, now) {
    const pod = obj as Pod;
    const s = podStatusCells(pod, now);
    const ip = pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '';
    const nominated = pod.status?.nominatedNodeName;
    return [
      pod.metadata.name,
      s.ready,
      s.status,
      s.restarts,
      age(pod.metadata.creationTimestamp, now),
      ip === '' ? '<none>' : ip,
      pod.spec.nodeName ? pod.spec.nodeName : '<none>',
      nominated ? nominated : '<none>',
      '<none>',
    ];
  },
};

const statefulSetTable: TableDef = {
  columns: cols(['NAME', 'READY', 'AGE'], ['CONTAINERS', 'IMAGES']),
  row(obj, now) {
    const sts = obj as StatefulSet;
    const containers = sts.spec.template.spec.containers;
    return [
      sts.metadata.name,
      `${sts.status?.readyReplicas ?? 0}/${sts.spec.replicas ?? 1}`,
      age(sts.metadata.creationTimestamp, now),
      containers.map((c) => c.name).join(','),
      containers.map((c) => c.image ?? '').join(','),
    ];
  },
};

/** The CONTAINERS and IMAGES cells of a workload's `-o wide` row, and its SELECTOR. */
function templateCells(template: PodTemplateSpec, selector: LabelSelector | undefined): string[] {
  const containers = template.spec.containers;
  return [
    containers.map((c) => c.name).join(','),
    containers.map((c) => c.image ?? '').join(','),
    selector === undefined ? '<none>' : formatLabelSelector(selector),
  ];
}

/** printDeployment: READY is ready/desired replicas. */
const deploymentTable: TableDef = {
  columns: cols(
    ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  ),
  row(obj, now) {
    const d = obj as Deployment;
    return [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`,
      String(d.status?.updatedReplicas ?? 0),
      String(d.status?.availableReplicas ?? 0),
      age(d.metadata.creationTimestamp, now),
      ...templateCells(d.spec.template, d.spec.selector),
    ];
  },
};

/** printReplicaSet. */
const replicaSetTable: TableDef = {
  columns: cols(
    ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  ),
  row(obj, now) {
    const rs = obj as ReplicaSet;
    return [
      rs.metadata.name,
      String(rs.spec.replicas ?? 1),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      age(rs.metadata.creationTimestamp, now),
      ...templateCells(rs.spec.template, rs.spec.selector),
    ];
  },
};

/** printDaemonSet: NODE SELECTOR is the template's nodeSelector (labels.FormatLabels). */
const daemonSetTable: TableDef = {
  columns: cols(
    ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
    ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  ),
  row(obj, now) {
    const ds = obj as DaemonSet;
    const st = ds.status;
    return [
      ds.metadata.name,
      String(st?.desiredNumberScheduled ?? 0),
      String(st?.currentNumberScheduled ?? 0),
      String(st?.numberReady ?? 0),
      String(st?.updatedNumberScheduled ?? 0),
      String(st?.numberAvailable ?? 0),
      formatLabels(ds.spec.template.spec.nodeSelector),
      age(ds.metadata.creationTimestamp, now),
      ...templateCells(ds.spec.template, ds.spec.selector),
    ];
  },
};

/** labels.FormatLabels / a Service selector: `k=v` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

const serviceTable: TableDef = {
  columns: cols(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ['SELECTOR']),
  row(obj, now) {
    const svc = obj as Service;
    const type = svc.spec.type ?? 'ClusterIP';
    let external = '<none>';
    if (type === 'ExternalName')
      external = (svc.spec as { externalName?: string }).externalName ?? '<none>';
    else if (type === 'LoadBalancer') external = '<pending>';
    const ports = (svc.spec.ports ?? []).map(
      (p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
    );
    return [
      svc.metadata.name,
      type,
      svc.spec.clusterIP ? svc.spec.clusterIP : '<none>',
      external,
      ports.length ? ports.join(',') : '<none>',
      age(svc.metadata.creationTimestamp, now),
      formatLabels(svc.spec.selector),
    ];
  },
};

/** GetAccessModesAsString: RWO, ROX, RWX, RWOP in that fixed order. */
export function accessModes(modes: readonly string[] | undefined): string {
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const pvcTable: TableDef = {
  columns: cols(
    [
      'NAME',
      'STATUS',
      'VOLUME',
      'CAPACITY',
      'ACCESS MODES',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'AGE',
    ],
    ['VOLUMEMODE'],
  ),
  row(obj, now) {
    const pvc = obj as PersistentVolumeClaim;
    const phase =
      pvc.metadata.deletionTimestamp !== undefined ? 'Terminating' : (pvc.status?.phase ?? '');
    const volume = pvc.spec.volumeName ?? '';
    const bound = volume !== '';
    const vac = (pvc.spec as { volumeAttributesClassName?: string }).volumeAttributesClassName;
    return [
      pvc.metadata.name,
      phase,
      volume,
      bound ? (pvc.status?.capacity?.['storage'] ?? '') : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      pvc.spec.storageClassName ?? '',
      vac ? vac : '<unset>',
      age(pvc.metadata.creationTimestamp, now),
      pvc.spec.volumeMode ?? '<unset>',
    ];
  },
};

const pvTable: TableDef = {
  columns: cols(
    [
      'NAME',
      'CAPACITY',
      'ACCESS MODES',
      'RECLAIM POLICY',
      'STATUS',
      'CLAIM',
      'STORAGECLASS',
      'VOLUMEATTRIBUTESCLASS',
      'REASON',
      'AGE',
    ],
    ['VOLUMEMODE'],
  ),
  row(obj, now) {
    const pv = obj as PersistentVolume;
    const claim = pv.spec.claimRef ? `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` : '';
    const phase =
      pv.metadata.deletionTimestamp !== undefined ? 'Terminating' : (pv.status?.phase ?? '');
    const vac = (pv.spec as { volumeAttributesClassName?: string }).volumeAttributesClassName;
    return [
      pv.metadata.name,
      pv.spec.capacity?.['storage'] ?? '',
      accessModes(pv.spec.accessModes),
      pv.spec.persistentVolumeReclaimPolicy ?? '',
      phase,
      claim,
      pv.spec.storageClassName ?? '',
      vac ? vac : '<unset>',
      (pv.status as { reason?: string } | undefined)?.reason ?? '',
      age(pv.metadata.creationTimestamp, now),
      pv.spec.volumeMode ?? '<unset>',
    ];
  },
};

const storageClassTable: TableDef = {
  columns: cols([
    'NAME',
    'PROVISIONER',
    'RECLAIMPOLICY',
    'VOLUMEBINDINGMODE',
    'ALLOWVOLUMEEXPANSION',
    'AGE',
  ]),
  row(obj, now) {
    const sc = obj as StorageClass;
    const ann = sc.metadata.annotations ?? {};
    const isDefault =
      ann['storageclass.kubernetes.io/is-default-class'] === 'true' ||
      ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      isDefault ? `${sc.metadata.name} (default)` : sc.metadata.name,
      sc.provisioner,
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      String(sc.allowVolumeExpansion ?? false),
      age(sc.metadata.creationTimestamp, now),
    ];
  },
};

const eventTable: TableDef = {
  // LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME
  wideOrder: [0, 1, 2, 3, 5, 6, 4, 7, 8, 9],
  columns: cols(
    ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    ['SUBOBJECT', 'SOURCE', 'FIRST SEEN', 'COUNT', 'NAME'],
  ),
  row(obj, now) {
    const ev = obj as KubeEvent;
    const first = ev.firstTimestamp
      ? age(ev.firstTimestamp, now)
      : age(ev.eventTime ?? undefined, now);
    const last = ev.lastTimestamp ? age(ev.lastTimestamp, now) : first;
    const io = ev.involvedObject;
    const target = io.name ? `${io.kind.toLowerCase()}/${io.name}` : io.kind.toLowerCase();
    const source = ev.source.host
      ? `${ev.source.component}, ${ev.source.host}`
      : ev.source.component;
    return [
      last,
      ev.type,
      ev.reason,
      target,
      ev.message.trim(),
      io.fieldPath ?? '',
      source,
      first,
      String(ev.count || 1),
      ev.metadata.name,
    ];
  },
};

const controllerRevisionTable: TableDef = {
  columns: cols(['NAME', 'CONTROLLER', 'REVISION', 'AGE']),
  row(obj, now) {
    const cr = obj as ControllerRevision;
    const owner = (cr.metadata.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (owner) {
      const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
      controller = `${owner.kind.toLowerCase()}${group ? `.${group}` : ''}/${owner.name}`;
    }
    return [
      cr.metadata.name,
      controller,
      String(cr.revision),
      age(cr.metadata.creationTimestamp, now),
    ];
  },
};

const nodeTable: TableDef = {
  columns: cols(
    ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  ),
  row(obj, now) {
    const node = obj as Node;
    const ready = node.status.conditions.find((c) => c.type === 'Ready');
    let status = ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
    if (node.spec.unschedulable) status += ',SchedulingDisabled';
    const roles = Object.keys(node.metadata.labels ?? {})
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length))
      .filter((r) => r !== '')
      .sort();
    const addr = (t: string): string =>
      node.status.addresses.find((a) => a.type === t)?.address ?? '<none>';
    const info = node.status.nodeInfo;
    return [
      node.metadata.name,
      status,
      roles.length ? roles.join(',') : '<none>',
      age(node.metadata.creationTimestamp, now),
      info['kubeletVersion'] ?? '',
      addr('InternalIP'),
      addr('ExternalIP'),
      info['osImage'] ?? '<unknown>',
      info['kernelVersion'] ?? '<unknown>',
      info['containerRuntimeVersion'] ?? '<unknown>',
    ];
  },
};

/** formatEndpoints: up to three `ip:port` pairs, then ` + N more...`. */
function formatEndpoints(ep: Endpoints): string {
  const list: string[] = [];
  let count = 0;
  for (const ss of ep.subsets ?? []) {
    const ports = ss.ports ?? [];
    for (const a of ss.addresses ?? []) {
      if (ports.length === 0) {
        count++;
        if (list.length < 3) list.push(a.ip);
      }
      for (const p of ports) {
        count++;
        if (list.length < 3) list.push(`${a.ip}:${p.port}`);
      }
    }
  }
  if (count === 0) return '<none>';
  const more = count - list.length;
  return list.join(',') + (more > 0 ? ` + ${more} more...` : '');
}

const endpointsTable: TableDef = {
  columns: cols(['NAME', 'ENDPOINTS', 'AGE']),
  row(obj, now) {
    const ep = obj as Endpoints;
    return [ep.metadata.name, formatEndpoints(ep), age(ep.metadata.creationTimestamp, now)];
  },
};

const namespaceTable: TableDef = {
  columns: cols(['NAME', 'STATUS', 'AGE']),
  row(obj, now) {
    const ns = obj as Namespace;
    return [ns.metadata.name, ns.status?.phase ?? '', age(ns.metadata.creationTimestamp, now)];
  },
};

const pdbTable: TableDef = {
  // printers.go printPodDisruptionBudget: an unset bound is "N/A".
  columns: cols(['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']),
  row(obj, now) {
    const pdb = obj as PodDisruptionBudget;
    return [
      pdb.metadata.name,
      pdb.spec.minAvailable === undefined ? 'N/A' : String(pdb.spec.minAvailable),
      pdb.spec.maxUnavailable === undefined ? 'N/A' : String(pdb.spec.maxUnavailable),
      String(pdb.status?.disruptionsAllowed ?? 0),
      age(pdb.metadata.creationTimestamp, now),
    ];
  },
};

/** The table definition for each served kind. */
export const TABLES: Readonly<Record<string, TableDef>> = {
  Pod: podTable,
  StatefulSet: statefulSetTable,
  Service: serviceTable,
  PersistentVolumeClaim: pvcTable,
  PersistentVolume: pvTable,
  StorageClass: storageClassTable,
  Event: eventTable,
  ControllerRevision: controllerRevisionTable,
  Node: nodeTable,
  Endpoints: endpointsTable,
  EndpointSlice: endpointSliceTable,
  Namespace: namespaceTable,
  PodDisruptionBudget: pdbTable,
  Deployment: deploymentTable,
  ReplicaSet: replicaSetTable,
  DaemonSet: daemonSetTable,
};
