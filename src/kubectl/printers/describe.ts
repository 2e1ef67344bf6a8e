/**
 * `kubectl describe` output, following kubectl's pkg/describe/describe.go: `Key:<TAB>value` lines
 * written with 2-space indentation per level through a tabwriter (minwidth 0, padding 2), so each
 * run of consecutive tabbed lines aligns as a block; `Events:` with ages such as `45s` or
 * `45s (x3 over 2m)`; RFC 1123Z timestamps.
 */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  KubeEvent,
  KubeObject,
  Pod,
  PodTemplateSpec,
  StatefulSet,
  Toleration,
  Volume,
} from '../../sim/index.ts';
import {
  EPOCH_MS,
  formatLabelSelector,
  fromRfc3339,
  LAST_APPLIED_ANNOTATION,
} from '../../sim/index.ts';
import { age } from './columns.ts';
import { DESCRIBE_TABWRITER, tabulate } from './tabwriter.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z layout in UTC: `Thu, 01 Jan 2026 00:00:05 +0000`. */
export function rfc1123z(timestamp: string | undefined): string {
  if (timestamp === undefined) return '<unknown>';
  const d = new Date(EPOCH_MS + fromRfc3339(timestamp));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()] ?? ''}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** A scalar field as Go's %v prints it; anything else prints as JSON. */
function scalar(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Collects describe lines; `line(level, text)` indents by two spaces per level. */
class PrefixWriter {
  text = '';
  line(level: number, text: string): void {
    this.text += '  '.repeat(level) + text + '\n';
  }
}

function labelsMultiline(
  w: PrefixWriter,
  level: number,
  title: string,
  map: Record<string, string> | undefined,
  skip: readonly string[] = [],
): void {
  const keys = Object.keys(map ?? {})
    .filter((k) => !skip.includes(k))
    .sort();
  if (keys.length === 0) {
    w.line(level, `${title}:\t<none>`);
    return;
  }
  keys.forEach((k, i) => {
    const v = `${k}=${map?.[k] ?? ''}`;
    if (i === 0) w.line(level, `${title}:\t${v}`);
    else w.line(level, `\t${v}`);
  });
}

/** kubectl describe's maxAnnotationLen: longer values go on their own, shortened lines. */
const MAX_ANNOTATION_LEN = 140;

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '...' : s;
}

/**
 * printAnnotationsMultiline: `key: value` (not `key=value` as for labels), sorted, without
 * last-applied-configuration; long or multi-line values move below their key.
 */
function annotationsMultiline(
  w: PrefixWriter,
  level: number,
  title: string,
  map: Record<string, string> | undefined,
): void {
  const keys = Object.keys(map ?? {})
    .filter((k) => k !== LAST_APPLIED_ANNOTATION)
    .sort();
  if (keys.length === 0) {
    w.line(level, `${title}:\t<none>`);
    return;
  }
  keys.forEach((key, i) => {
    const lead = i === 0 ? `${title}:\t` : '\t';
    const value = (map?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.line(level, `${lead}${key}:`);
      for (const part of value.split('\n'))
        w.line(level, `\t  ${shorten(part, MAX_ANNOTATION_LEN - 2)}`);
    } else {
      w.line(level, `${lead}${key}: ${value}`);
    }
  });
}

function tolerationText(t: Toleration): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s;
}

function tolerationsMultiline(
  w: PrefixWriter,
  level: number,
  title: string,
  list: readonly Toleration[] | undefined,
): void {
  const items = list ?? [];
  if (items.length === 0) {
    w.line(level, `${title}:\t<none>`);
    return;
  }
  items.forEach((t, i) =>
    w.line(level, i === 0 ? `${title}:\t${tolerationText(t)}` : `\t${tolerationText(t)}`),
  );
}

function describeState(w: PrefixWriter, name: string, state: ContainerState): void {
  if (state.running) {
    w.line(2, `${name}:\tRunning`);
    w.line(3, `Started:\t${rfc1123z(state.running.startedAt)}`);
  } else if (state.waiting) {
    w.line(2, `${name}:\tWaiting`);
    if (state.waiting.reason) w.line(3, `Reason:\t${state.waiting.reason}`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.line(2, `${name}:\tTerminated`);
    if (t.reason) w.line(3, `Reason:\t${t.reason}`);
    if (t.message) w.line(3, `Message:\t${t.message}`);
    w.line(3, `Exit Code:\t${t.exitCode}`);
    if (t.startedAt) w.line(3, `Started:\t${rfc1123z(t.startedAt)}`);
    if (t.finishedAt) w.line(3, `Finished:\t${rfc1123z(t.finishedAt)}`);
  } else {
    w.line(2, `${name}:\tWaiting`);
  }
}

function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space: string,
): void {
  if (containers.length === 0) {
    w.line(0, `${space}${label}: <none>`);
    return;
  }
  w.line(0, `${space}${label}:`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const c of containers) {
    const status = statuses?.find((s) => s.name === c.name);
    w.line(1, `${nameIndent}${c.name}:`);
    if (status) w.line(2, `Container ID:\t${status.containerID ?? ''}`);
    w.line(2, `Image:\t${c.image ?? ''}`);
    if (status) w.line(2, `Image ID:\t${status.imageID}`);
    const ports = (c.ports ?? []).map(
      (p) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`,
    );
    const hostPorts = (c.ports ?? []).map(
      (p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`,
    );
    const portText = ports.join(', ');
    const hostText = hostPorts.join(', ');
    w.line(2, portText.includes(',') ? `Ports:\t${portText}` : `Port:\t${portText || '<none>'}`);
    w.line(
      2,
      hostText.includes(',') ? `Host Ports:\t${hostText}` : `Host Port:\t${hostText || '<none>'}`,
    );
    if (c.command && c.command.length > 0) {
      w.line(2, 'Command:');
      for (const part of c.command) w.line(3, part);
    }
    if (c.args && c.args.length > 0) {
      w.line(2, 'Args:');
      for (const part of c.args) w.line(3, part);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState.terminated) describeState(w, 'Last State', status.lastState);
      w.line(2, `Ready:\t${status.ready ? 'True' : 'False'}`);
      w.line(2, `Restart Count:\t${status.restartCount}`);
    }
    for (const [title, map] of [
      ['Limits', c.resources?.limits],
      ['Requests', c.resources?.requests],
    ] as const) {
      const keys = Object.keys(map ?? {}).sort();
      if (keys.length === 0) continue;
      w.line(2, `${title}:`);
      for (const k of keys) w.line(3, `${k}:\t${map?.[k] ?? ''}`);
    }
    const env = c.env ?? [];
    if (env.length === 0) w.line(2, 'Environment:\t<none>');
    else {
      w.line(2, 'Environment:');
      for (const e of env) w.line(3, `${e.name}:\t${e.value ?? ''}`);
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
      a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
    );
    w.line(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.line(3, `${m.mountPath} from ${m.name} (${flags.join(',')})`);
    }
  }
}

function describeVolumes(
  w: PrefixWriter,
  volumes: readonly Volume[] | undefined,
  space: string,
): void {
  const list = volumes ?? [];
  if (list.length === 0) {
    w.line(0, `${space}Volumes:\t<none>`);
    return;
  }
  w.line(0, `${space}Volumes:`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const v of list) {
    w.line(1, `${nameIndent}${v.name}:`);
    if (v.persistentVolumeClaim) {
      w.line(
        2,
        'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
      );
      w.line(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}`);
      w.line(2, `ReadOnly:\t${String(v.persistentVolumeClaim.readOnly ?? false)}`);
    } else if (v.emptyDir) {
      w.line(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
      w.line(2, `Medium:\t${String((v.emptyDir as { medium?: string }).medium ?? '')}`);
      w.line(
        2,
        `SizeLimit:\t${String((v.emptyDir as { sizeLimit?: string }).sizeLimit ?? '<unset>')}`,
      );
    } else if (v['projected']) {
      w.line(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)');
      const sources = ((v['projected'] as { sources?: unknown[] }).sources ?? []) as Record<
        string,
        Record<string, unknown> | undefined
      >[];
      for (const s of sources) {
        if (s['serviceAccountToken'])
          w.line(
            2,
            `TokenExpirationSeconds:\t${scalar(s['serviceAccountToken']['expirationSeconds'])}`,
          );
        else if (s['configMap']) {
          w.line(2, `ConfigMapName:\t${scalar(s['configMap']['name'])}`);
          w.line(2, `Optional:\t${scalar(s['configMap']['optional'] ?? false)}`);
        } else if (s['downwardAPI']) w.line(2, 'DownwardAPI:\ttrue');
      }
    } else if (v.configMap) {
      w.line(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)');
      w.line(2, `Name:\t${v.configMap.name}`);
      w.line(2, 'Optional:\tfalse');
    }
  }
}

function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec): void {
  w.line(0, 'Pod Template:');
  labelsMultiline(w, 1, 'Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0)
    annotationsMultiline(w, 1, 'Annotations', template.metadata?.annotations);
  if (template.spec.serviceAccountName)
    w.line(1, `Service Account:\t${template.spec.serviceAccountName}`);
  if ((template.spec.initContainers ?? []).length > 0)
    describeContainers(w, 'Init Containers', template.spec.initContainers ?? [], undefined, '  ');
  describeContainers(w, 'Containers', template.spec.containers, undefined, '  ');
  describeVolumes(w, template.spec.volumes, '  ');
  labelsMultiline(w, 1, 'Node-Selectors', template.spec.nodeSelector);
  tolerationsMultiline(w, 1, 'Tolerations', template.spec.tolerations);
}

/** Events as describe lists them: oldest first, with `(xN over D)` for repeated events. */
function describeEvents(
  w: PrefixWriter,
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  // kubectl omits the section when events were not requested (--show-events=false).
  if (events === undefined) return '';
  if (events.length === 0) {
    w.line(0, 'Events:\t<none>');
    return '';
  }
  // kubectl flushes its tabwriter before the events table, so it aligns on its own.
  const before = w.text;
  w.text = '';
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => fromRfc3339(a.e.lastTimestamp) - fromRfc3339(b.e.lastTimestamp) || a.i - b.i)
    .map((x) => x.e);
  w.text += 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n';
  w.line(1, '----\t------\t----\t----\t-------');
  for (const e of sorted) {
    const first = age(e.firstTimestamp, now);
    const interval =
      e.count > 1 ? `${age(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    const source = e.source.component || e.reportingComponent;
    w.line(1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${e.message.trim()}`);
  }
  return before;
}

function finish(w: PrefixWriter, flushedBefore: string): string {
  return tabulate(flushedBefore, DESCRIBE_TABWRITER) + tabulate(w.text, DESCRIBE_TABWRITER);
}

/** `kubectl describe statefulset`. */
export function describeStatefulSet(
  sts: StatefulSet,
  pods: readonly Pod[],
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.line(0, `Name:\t${sts.metadata.name}`);
  w.line(0, `Namespace:\t${sts.metadata.namespace ?? ''}`);
  w.line(0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}`);
  w.line(0, `Selector:\t${formatLabelSelector(sts.spec.selector)}`);
  labelsMultiline(w, 0, 'Labels', sts.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', sts.metadata.annotations);
  w.line(0, `Replicas:\t${sts.spec.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total`);
  w.line(0, `Update Strategy:\t${sts.spec.updateStrategy?.type ?? ''}`);
  const ru = sts.spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined) {
    w.line(1, `Partition:\t${ru.partition}`);
    if (ru.maxUnavailable !== undefined) w.line(2, `MaxUnavailable:\t${String(ru.maxUnavailable)}`);
  }
  const count = (phase: string): number => pods.filter((p) => p.status?.phase === phase).length;
  w.line(
    0,
    `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`,
  );
  describePodTemplate(w, sts.spec.template);
  const templates = sts.spec.volumeClaimTemplates ?? [];
  if (templates.length === 0) w.line(0, 'Volume Claims:\t<none>');
  else {
    w.line(0, 'Volume Claims:');
    for (const t of templates) {
      w.line(1, `Name:\t${t.metadata.name}`);
      w.line(1, `StorageClass:\t${t.spec.storageClassName ?? ''}`);
      labelsMultiline(w, 1, 'Labels', t.metadata.labels);
      labelsMultiline(w, 1, 'Annotations', t.metadata.annotations);
      w.line(1, `Capacity:\t${t.spec.resources?.requests?.['storage'] ?? '<default>'}`);
      w.line(1, `Access Modes:\t[${(t.spec.accessModes ?? []).join(' ')}]`);
    }
  }
  const before = describeEvents(w, events, now);
  return finish(w, before);
}

/** `kubectl describe pod`. */
export function describePod(
  pod: Pod,
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const status = pod.status ?? {};
  w.line(0, `Name:\t${pod.metadata.name}`);
  w.line(0, `Namespace:\t${pod.metadata.namespace ?? ''}`);
  if (pod.spec.priority !== undefined) w.line(0, `Priority:\t${pod.spec.priority}`);
  if (pod.spec.serviceAccountName) w.line(0, `Service Account:\t${pod.spec.serviceAccountName}`);
  w.line(
    0,
    pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${status.hostIP ?? ''}` : 'Node:\t<none>',
  );
  if (status.startTime) w.line(0, `Start Time:\t${rfc1123z(status.startTime)}`);
  labelsMultiline(w, 0, 'Labels', pod.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', pod.metadata.annotations);
  if (
    pod.metadata.deletionTimestamp !== undefined &&
    status.phase !== 'Failed' &&
    status.phase !== 'Succeeded'
  ) {
    w.line(0, `Status:\tTerminating (lasts ${age(pod.metadata.deletionTimestamp, now)})`);
    w.line(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s`);
  } else {
    w.line(0, `Status:\t${status.phase ?? ''}`);
  }
  if (status.reason) w.line(0, `Reason:\t${status.reason}`);
  if (status.message) w.line(0, `Message:\t${status.message}`);
  w.line(0, `IP:\t${status.podIP ?? ''}`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) w.line(0, 'IPs:\t<none>');
  else {
    w.line(0, 'IPs:');
    for (const ip of ips) w.line(1, `IP:\t${ip.ip}`);
  }
  const owner = (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if ((pod.spec.initContainers ?? []).length > 0)
    describeContainers(w, 'Init Containers', pod.spec.initContainers ?? [], undefined, '');
  describeContainers(w, 'Containers', pod.spec.containers, status.containerStatuses, '');
  const conditions = status.conditions ?? [];
  if (conditions.length > 0) {
    w.text += 'Conditions:\n  Type\tStatus\n';
    for (const c of conditions) w.line(1, `${c.type} \t${c.status} `);
  }
  describeVolumes(w, pod.spec.volumes, '');
  w.line(0, `QoS Class:\t${status.qosClass ?? 'BestEffort'}`);
  labelsMultiline(w, 0, 'Node-Selectors', pod.spec.nodeSelector);
  tolerationsMultiline(w, 0, 'Tolerations', pod.spec.tolerations);
  const before = describeEvents(w, events, now);
  return finish(w, before);
}

/** A short describe for kinds without a dedicated describer: metadata and events. */
export function describeGeneric(
  obj: KubeObject,
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.line(0, `Name:\t${obj.metadata.name}`);
  if (obj.metadata.namespace !== undefined) w.line(0, `Namespace:\t${obj.metadata.namespace}`);
  labelsMultiline(w, 0, 'Labels', obj.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', obj.metadata.annotations);
  const before = describeEvents(w, events, now);
  return finish(w, before);
}
