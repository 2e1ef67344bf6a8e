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
  EndpointSlice,
  KubeEvent,
  KubeObject,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  Service,
  DaemonSet,
  Deployment,
  LabelSelector,
  PodSpec,
  PodTemplateSpec,
  ReplicaSet,
  Probe,
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
export class PrefixWriter {
  text = '';
  line(level: number, text: string): void {
    this.text += '  '.repeat(level) + text + '\n';
  }
}

export function labelsMultiline(
  w: PrefixWriter,
  level: number,
  title: string,
  map: Record<string, string> | undefined,
  skip: readonly string[] = [],
  /** printLabelsMultilineWithIndent's initialIndent, repeated before continuation lines. */
  initialIndent = '',
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
    else w.line(0, `${initialIndent}\t${v}`);
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
export function annotationsMultiline(
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
    // Only the title line is indented; describe.go writes the rest with LEVEL_0.
    const lead = i === 0 ? `${'  '.repeat(level)}${title}:\t` : '\t';
    const value = (map?.[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.line(0, `${lead}${key}:`);
      for (const part of value.split('\n'))
        w.line(0, `\t  ${shorten(part, MAX_ANNOTATION_LEN - 2)}`);
    } else {
      w.line(0, `${lead}${key}: ${value}`);
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
  // printTolerationsMultilineWithIndent sorts by key (sort.Slice; equal keys keep their order here).
  [...items]
    .sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0))
    .forEach((t, i) =>
      i === 0
        ? w.line(level, `${title}:\t${tolerationText(t)}`)
        : w.line(0, `\t${tolerationText(t)}`),
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

/** describe.go DescribeProbe. */
function probeText(p: Probe): string {
  // GUESS: a probe without these fields shows the API server's defaults (1s, 10s, 1, 3).
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet as { path?: string; port: number | string; scheme?: string; host?: string };
    const host = g.host ?? '';
    const port = String(g.port);
    // url.URL.String(): scheme://host:port/path (JoinHostPort brackets IPv6 hosts)
    const hostPort = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    return `http-get ${(g.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${g.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) {
    const t = p.tcpSocket as { port: number | string; host?: string };
    return `tcp-socket ${t.host ?? ''}:${String(t.port)} ${attrs}`;
  }
  return `unknown ${attrs}`;
}

/** Resolves a fieldRef for describe (EnvValueRetriever); undefined for pod templates. */
type EnvResolver = ((fieldPath: string) => string) | undefined;

/** describeContainerEnvVars: one variable (multi-line values continue under the first line). */
function envLines(
  w: PrefixWriter,
  e: { name: string; value?: string },
  resolve: EnvResolver,
): void {
  const from = (e as { valueFrom?: Record<string, Record<string, unknown> | undefined> }).valueFrom;
  if (from === undefined) {
    (e.value ?? '').split('\n').forEach((l, i) => {
      if (i === 0) w.line(3, `${e.name}:\t${l}`);
      else w.line(3, `\t${l}`);
    });
    return;
  }
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const fieldRef = from['fieldRef'];
  const resourceRef = from['resourceFieldRef'];
  const secretRef = from['secretKeyRef'];
  const configRef = from['configMapKeyRef'];
  if (fieldRef) {
    const path = str(fieldRef['fieldPath']);
    const value = resolve ? resolve(path) : '';
    w.line(3, `${e.name}:\t${value} (${str(fieldRef['apiVersion']) || 'v1'}:${path})`);
  } else if (resourceRef) {
    // GUESS: the container's resource value is not computed; limits print as node allocatable.
    const res = str(resourceRef['resource']);
    const value = res === 'limits.cpu' || res === 'limits.memory' ? 'node allocatable' : '';
    w.line(3, `${e.name}:\t${value} (${res})`);
  } else if (secretRef) {
    w.line(
      3,
      `${e.name}:\t<set to the key '${str(secretRef['key'])}' in secret '${str(secretRef['name'])}'>\tOptional: ${String(secretRef['optional'] === true)}`,
    );
  } else if (configRef) {
    w.line(
      3,
      `${e.name}:\t<set to the key '${str(configRef['key'])}' of config map '${str(configRef['name'])}'>\tOptional: ${String(configRef['optional'] === true)}`,
    );
  }
}

/** EnvValueRetriever's fieldpath.ExtractFieldPathAsString for the common pod fields. */
function podFieldResolver(pod: Pod): EnvResolver {
  return (path) => {
    const label = /^metadata\.labels\['(.*)'\]$/.exec(path);
    if (label) return pod.metadata.labels?.[label[1] ?? ''] ?? '';
    const annotation = /^metadata\.annotations\['(.*)'\]$/.exec(path);
    if (annotation) return pod.metadata.annotations?.[annotation[1] ?? ''] ?? '';
    switch (path) {
      case 'metadata.name':
        return pod.metadata.name;
      case 'metadata.namespace':
        return pod.metadata.namespace ?? '';
      case 'metadata.uid':
        return pod.metadata.uid ?? '';
      case 'spec.nodeName':
        return pod.spec.nodeName ?? '';
      case 'spec.serviceAccountName':
        return pod.spec.serviceAccountName ?? '';
      case 'status.podIP':
        return pod.status?.podIP ?? '';
      case 'status.hostIP':
        return pod.status?.hostIP ?? '';
      default:
        return '';
    }
  };
}

function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  space: string,
  resolve: EnvResolver = undefined,
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
    // describeContainerCommand: each line of a multi-line word on its own line.
    if (c.command && c.command.length > 0) {
      w.line(2, 'Command:');
      for (const part of c.command) for (const l of part.split('\n')) w.line(3, l);
    }
    if (c.args && c.args.length > 0) {
      w.line(2, 'Args:');
      for (const part of c.args) for (const l of part.split('\n')) w.line(3, l);
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
    // describeContainerProbe
    if (c.livenessProbe) w.line(2, `Liveness:\t${probeText(c.livenessProbe)}`);
    if (c.readinessProbe) w.line(2, `Readiness:\t${probeText(c.readinessProbe)}`);
    const startup = (c as { startupProbe?: Probe }).startupProbe;
    if (startup) w.line(2, `Startup:\t${probeText(startup)}`);
    const env = c.env ?? [];
    if (env.length === 0) w.line(2, 'Environment:\t<none>');
    else {
      w.line(2, 'Environment:');
      for (const e of env) envLines(w, e, resolve);
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
    } else if (v['hostPath'] !== undefined) {
      // printHostPathVolumeSource; the API server defaults an omitted type to "".
      const hostPath = v['hostPath'] as { path?: string; type?: string };
      w.line(2, 'Type:\tHostPath (bare host directory volume)');
      w.line(2, `Path:\t${hostPath.path ?? ''}`);
      w.line(2, `HostPathType:\t${hostPath.type ?? ''}`);
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
  topologySpreadConstraints(w, template.spec, '  ');
  if (template.spec.priorityClassName)
    w.line(1, `Priority Class Name:\t${template.spec.priorityClassName}`);
  labelsMultiline(w, 1, 'Node-Selectors', template.spec.nodeSelector);
  tolerationsMultiline(w, 1, 'Tolerations', template.spec.tolerations);
}

interface TopologySpreadConstraint {
  maxSkew?: number;
  topologyKey?: string;
  whenUnsatisfiable?: string;
  labelSelector?: LabelSelector;
}

/** describeTopologySpreadConstraints: sorted by topologyKey, one constraint a line. */
function topologySpreadConstraints(w: PrefixWriter, spec: PodSpec, space: string): void {
  const list = (spec as { topologySpreadConstraints?: TopologySpreadConstraint[] })
    .topologySpreadConstraints;
  if (list === undefined || list.length === 0) return;
  const sorted = [...list].sort((a, b) =>
    (a.topologyKey ?? '') < (b.topologyKey ?? '')
      ? -1
      : (a.topologyKey ?? '') > (b.topologyKey ?? '')
        ? 1
        : 0,
  );
  sorted.forEach((c, i) => {
    let text = `${c.topologyKey ?? ''}:${c.whenUnsatisfiable ?? ''} when max skew ${c.maxSkew ?? 0} is exceeded`;
    if (c.labelSelector !== undefined)
      text += ` for selector ${formatLabelSelector(c.labelSelector)}`;
    w.line(0, i === 0 ? `${space}Topology Spread Constraints:\t${text}` : `${space}\t${text}`);
  });
}

/**
 * DescribePodTemplate written straight to a buffer, as `kubectl rollout history --revision=N`
 * prints it (history.go printTemplate: describe.NewPrefixWriter on a bytes.Buffer, no
 * tabwriter): `Key:<TAB>value` lines keep their raw tabs.
 */
export function describePodTemplateText(template: PodTemplateSpec): string {
  const w = new PrefixWriter();
  describePodTemplate(w, template);
  return w.text;
}

/** Events as describe lists them: oldest first, with `(xN over D)` for repeated events. */
export function describeEvents(
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

export function finish(w: PrefixWriter, flushedBefore: string): string {
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
      labelsMultiline(w, 1, 'Labels', t.metadata.labels, [], '  ');
      labelsMultiline(w, 1, 'Annotations', t.metadata.annotations, [], '  ');
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
  if (status.nominatedNodeName) w.line(0, `NominatedNodeName:\t${status.nominatedNodeName}`);
  if ((pod.spec.initContainers ?? []).length > 0)
    describeContainers(
      w,
      'Init Containers',
      pod.spec.initContainers ?? [],
      undefined,
      '',
      podFieldResolver(pod),
    );
  describeContainers(
    w,
    'Containers',
    pod.spec.containers,
    status.containerStatuses,
    '',
    podFieldResolver(pod),
  );
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

/** Pods of a controller by phase, as getPodStatusForController counts them. */
export interface PodPhaseCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

function podsStatusText(c: PodPhaseCounts): string {
  return `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
}

/** A LabelSelector as labels.Selector.String() prints it: empty when it selects everything. */
function selectorString(sel: LabelSelector | undefined): string {
  const text = formatLabelSelector(sel);
  return text === '<none>' ? '' : text;
}

/** IntOrString.String(): the number or the percentage text; `<nil>` when unset. */
function intOrString(v: number | string | undefined): string {
  return v === undefined ? '<nil>' : String(v);
}

/** Status conditions as the Deployment and ReplicaSet describers print them. */
function conditionsTable(
  w: PrefixWriter,
  conditions: readonly { type: string; status: string; reason?: string }[] | undefined,
): void {
  if (conditions === undefined || conditions.length === 0) return;
  w.text += 'Conditions:\n  Type\tStatus\tReason\n';
  w.line(1, '----\t------\t------');
  for (const c of conditions) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`);
}

/** printReplicaSetsByLabels: `name (current/desired replicas created)`, comma-separated. */
function replicaSetsText(list: readonly ReplicaSet[]): string {
  if (list.length === 0) return '<none>';
  return list
    .map(
      (rs) =>
        `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`,
    )
    .join(', ');
}

/** `kubectl describe deployment` (DeploymentDescriber). */
export function describeDeployment(
  d: Deployment,
  oldRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const st = d.status ?? {};
  w.line(0, `Name:\t${d.metadata.name}`);
  w.line(0, `Namespace:\t${d.metadata.namespace ?? ''}`);
  w.line(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}`);
  labelsMultiline(w, 0, 'Labels', d.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', d.metadata.annotations);
  w.line(0, `Selector:\t${selectorString(d.spec.selector)}`);
  w.line(
    0,
    `Replicas:\t${d.spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`,
  );
  w.line(0, `StrategyType:\t${d.spec.strategy?.type ?? ''}`);
  w.line(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}`);
  const ru = d.spec.strategy?.rollingUpdate;
  if (ru !== undefined)
    w.line(
      0,
      `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge`,
    );
  describePodTemplate(w, d.spec.template);
  conditionsTable(w, st.conditions);
  if (oldRSs.length > 0 || newRS !== undefined) {
    w.line(0, `OldReplicaSets:\t${replicaSetsText(oldRSs)}`);
    w.line(0, `NewReplicaSet:\t${replicaSetsText(newRS === undefined ? [] : [newRS])}`);
  }
  const before = describeEvents(w, events, now);
  return finish(w, before);
}

/** `kubectl describe replicaset` (ReplicaSetDescriber). */
export function describeReplicaSet(
  rs: ReplicaSet,
  pods: PodPhaseCounts,
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.line(0, `Name:\t${rs.metadata.name}`);
  w.line(0, `Namespace:\t${rs.metadata.namespace ?? ''}`);
  w.line(0, `Selector:\t${formatLabelSelector(rs.spec.selector)}`);
  labelsMultiline(w, 0, 'Labels', rs.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', rs.metadata.annotations);
  const owner = (rs.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  w.line(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired`);
  w.line(0, `Pods Status:\t${podsStatusText(pods)}`);
  describePodTemplate(w, rs.spec.template);
  // The simulator's ReplicaSet controller never sets ReplicaFailure; printed if an object has it.
  const conditions = (
    rs.status as { conditions?: { type: string; status: string; reason?: string }[] } | undefined
  )?.conditions;
  conditionsTable(w, conditions);
  const before = describeEvents(w, events, now);
  return finish(w, before);
}

/** `kubectl describe daemonset` (DaemonSetDescriber). */
export function describeDaemonSet(
  ds: DaemonSet,
  pods: PodPhaseCounts,
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  const st = ds.status;
  w.line(0, `Name:\t${ds.metadata.name}`);
  w.line(0, `Namespace:\t${ds.metadata.namespace ?? ''}`);
  w.line(0, `Selector:\t${selectorString(ds.spec.selector)}`);
  // labels.FormatLabels: sorted key=value pairs, `<none>` when empty.
  const nodeSelector = ds.spec.template.spec.nodeSelector ?? {};
  const ns = Object.keys(nodeSelector)
    .sort()
    .map((k) => `${k}=${nodeSelector[k] ?? ''}`)
    .join(',');
  w.line(0, `Node-Selector:\t${ns === '' ? '<none>' : ns}`);
  labelsMultiline(w, 0, 'Labels', ds.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', ds.metadata.annotations);
  w.line(0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}`);
  w.line(0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}`);
  w.line(0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}`);
  w.line(0, `Pods Status:\t${podsStatusText(pods)}`);
  describePodTemplate(w, ds.spec.template);
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

/** Pods as `Used By:` lists them (printPodsMultiline): names, one per line, or `<none>`. */
function podsMultiline(w: PrefixWriter, title: string, pods: readonly Pod[]): void {
  if (pods.length === 0) {
    w.line(0, `${title}:\t<none>`);
    return;
  }
  pods.forEach((p, i) =>
    w.line(0, i === 0 ? `${title}:\t${p.metadata.name}` : `\t${p.metadata.name}`),
  );
}

/** storageutil.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order. */
function accessModes(modes: readonly string[] | undefined): string {
  const short: readonly [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([m]) => (modes ?? []).includes(m))
    .map(([, s]) => s)
    .join(',');
}

/** Go's `%v` of a []string: `[a b]`. */
function goList(items: readonly string[] | undefined): string {
  return `[${(items ?? []).join(' ')}]`;
}

/** `kubectl describe pvc` (describePersistentVolumeClaim). */
export function describePersistentVolumeClaim(
  pvc: PersistentVolumeClaim,
  usedBy: readonly Pod[],
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.line(0, `Name:\t${pvc.metadata.name}`);
  w.line(0, `Namespace:\t${pvc.metadata.namespace ?? ''}`);
  w.line(0, `StorageClass:\t${pvc.spec.storageClassName ?? ''}`);
  if (pvc.metadata.deletionTimestamp !== undefined) {
    w.line(0, `Status:\tTerminating (lasts ${age(pvc.metadata.deletionTimestamp, now)})`);
  } else {
    w.line(0, `Status:\t${pvc.status?.phase ?? ''}`);
  }
  w.line(0, `Volume:\t${pvc.spec.volumeName ?? ''}`);
  labelsMultiline(w, 0, 'Labels', pvc.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', pvc.metadata.annotations);
  w.line(0, `Finalizers:\t${goList(pvc.metadata.finalizers)}`);
  const bound = (pvc.spec.volumeName ?? '') !== '';
  w.line(0, `Capacity:\t${bound ? (pvc.status?.capacity?.['storage'] ?? '') : ''}`);
  w.line(0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}`);
  if (pvc.spec.volumeMode !== undefined) w.line(0, `VolumeMode:\t${pvc.spec.volumeMode}`);
  podsMultiline(w, 'Used By', usedBy);
  const before = describeEvents(w, events, now);
  return finish(w, before);
}

/** `kubectl describe pv` (describePersistentVolume). */
export function describePersistentVolume(
  pv: PersistentVolume,
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.line(0, `Name:\t${pv.metadata.name}`);
  labelsMultiline(w, 0, 'Labels', pv.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', pv.metadata.annotations);
  w.line(0, `Finalizers:\t${goList(pv.metadata.finalizers)}`);
  w.line(0, `StorageClass:\t${pv.spec.storageClassName ?? ''}`);
  if (pv.metadata.deletionTimestamp !== undefined) {
    w.line(0, `Status:\tTerminating (lasts ${age(pv.metadata.deletionTimestamp, now)})`);
  } else {
    w.line(0, `Status:\t${pv.status?.phase ?? ''}`);
  }
  const ref = pv.spec.claimRef;
  w.line(0, `Claim:\t${ref ? `${ref.namespace}/${ref.name}` : ''}`);
  w.line(0, `Reclaim Policy:\t${pv.spec.persistentVolumeReclaimPolicy ?? ''}`);
  w.line(0, `Access Modes:\t${accessModes(pv.spec.accessModes)}`);
  if (pv.spec.volumeMode !== undefined) w.line(0, `VolumeMode:\t${pv.spec.volumeMode}`);
  w.line(0, `Capacity:\t${pv.spec.capacity?.['storage'] ?? '0'}`);
  const required = pv.spec.nodeAffinity?.required;
  if (required === undefined) w.line(0, 'Node Affinity:\t<none>');
  else {
    w.line(0, 'Node Affinity:\t');
    const terms = required.nodeSelectorTerms;
    if (terms.length === 0) w.line(1, 'Required Terms:\t<none>');
    else {
      w.line(1, 'Required Terms:\t');
      terms.forEach((term, i) => {
        const exprs = term.matchExpressions;
        if (exprs.length === 0) {
          w.line(2, `Term ${i}:\t<none>`);
          return;
        }
        exprs.forEach((e, j) => {
          let text = `${e.key} ${e.operator.toLowerCase()}`;
          if (e.values.length > 0) text += ` [${e.values.join(', ')}]`;
          w.line(2, j === 0 ? `Term ${i}:\t${text}` : `\t${text}`);
        });
      });
    }
  }
  w.line(0, 'Message:\t');
  w.line(0, 'Source:');
  if (pv.spec.hostPath !== undefined) {
    w.line(2, 'Type:\tHostPath (bare host directory volume)');
    w.line(2, `Path:\t${pv.spec.hostPath.path}`);
    w.line(2, `HostPathType:\t${pv.spec.hostPath.type ?? '<none>'}`);
  }
  const before = describeEvents(w, events, now);
  return finish(w, before);
}

/** The `Endpoints:` value of one port (formatEndpointSlices): three `ip:port`, then `+ N more...`. */
function endpointsText(slices: readonly EndpointSlice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  for (const s of slices) {
    const ports = s.ports ?? [];
    if (ports.length === 0) {
      for (const e of s.endpoints) {
        if (list.length < max) list.push(e.addresses[0] ?? '');
        count++;
      }
      continue;
    }
    for (const p of ports) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of s.endpoints) {
        if (list.length < max) list.push(`${e.addresses[0] ?? ''}:${p.port ?? 0}`);
        count++;
      }
    }
  }
  const text = list.join(',');
  return count > max ? `${text} + ${count - max} more...` : text;
}

/** `kubectl describe service` (describeService, endpoints from EndpointSlices as in 1.33+). */
export function describeService(
  svc: Service,
  slices: readonly EndpointSlice[],
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.line(0, `Name:\t${svc.metadata.name}`);
  w.line(0, `Namespace:\t${svc.metadata.namespace ?? ''}`);
  labelsMultiline(w, 0, 'Labels', svc.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', svc.metadata.annotations);
  const selector = Object.keys(svc.spec.selector ?? {})
    .sort()
    .map((k) => `${k}=${svc.spec.selector?.[k] ?? ''}`)
    .join(',');
  w.line(0, `Selector:\t${selector === '' ? '<none>' : selector}`);
  w.line(0, `Type:\t${svc.spec.type ?? ''}`);
  if (svc.spec.ipFamilyPolicy !== undefined) {
    w.line(0, `IP Family Policy:\t${svc.spec.ipFamilyPolicy}`);
  }
  const families = svc.spec.ipFamilies ?? [];
  w.line(0, `IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}`);
  w.line(0, `IP:\t${svc.spec.clusterIP ?? ''}`);
  const ips = svc.spec.clusterIPs ?? [];
  w.line(0, `IPs:\t${ips.length > 0 ? ips.join(',') : '<none>'}`);
  for (const p of svc.spec.ports ?? []) {
    const name = p.name === undefined || p.name === '' ? '<unset>' : p.name;
    const protocol = p.protocol ?? 'TCP';
    w.line(0, `Port:\t${name}\t${p.port}/${protocol}`);
    w.line(0, `TargetPort:\t${String(p.targetPort ?? p.port)}/${protocol}`);
    if (p.nodePort !== undefined && p.nodePort !== 0) {
      w.line(0, `NodePort:\t${name}\t${p.nodePort}/${protocol}`);
    }
    w.line(0, `Endpoints:\t${endpointsText(slices, p.name ?? '')}`);
  }
  w.line(0, `Session Affinity:\t${svc.spec.sessionAffinity ?? ''}`);
  if (svc.spec.internalTrafficPolicy !== undefined) {
    w.line(0, `Internal Traffic Policy:\t${svc.spec.internalTrafficPolicy}`);
  }
  const before = describeEvents(w, events, now);
  return finish(w, before);
}

/** A quantity sum as resource.Quantity prints it: millicores for CPU, binary suffixes for bytes. */
function cpuText(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

function bytesText(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [suffix, factor] of [
    ['Ei', 2 ** 60],
    ['Pi', 2 ** 50],
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (bytes % factor === 0) return `${bytes / factor}${suffix}`;
  }
  return String(bytes);
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.trunc((part / whole) * 100);
}

/** What describeNode needs besides the Node. */
export interface NodeExtras {
  /** Non-terminated Pods on the node, all namespaces. */
  readonly pods: readonly Pod[];
  /** Requests and limits of each pod: milli-CPU and bytes. */
  readonly usage: (pod: Pod) => {
    readonly cpuReq: number;
    readonly cpuLim: number;
    readonly memReq: number;
    readonly memLim: number;
  };
  /** The node lease's renew time (RFC 3339), or undefined when there is no lease. */
  readonly renewTime: string | undefined;
  /** Parses a resource quantity. */
  readonly quantity: (q: string | undefined) => number;
}

/** `kubectl describe node` (describeNode and describeNodeResource). */
export function describeNode(
  node: Node,
  extras: NodeExtras,
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.line(0, `Name:\t${node.metadata.name}`);
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .filter((r) => r !== '')
    .sort();
  w.line(0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}`);
  labelsMultiline(w, 0, 'Labels', node.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', node.metadata.annotations);
  w.line(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}`);
  const taints = node.spec.taints ?? [];
  if (taints.length === 0) w.line(0, 'Taints:\t<none>');
  else {
    taints.forEach((t, i) => {
      const text = `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
      w.line(0, i === 0 ? `Taints:\t${text}` : `\t${text}`);
    });
  }
  w.line(0, `Unschedulable:\t${node.spec.unschedulable === true ? 'true' : 'false'}`);
  w.line(0, 'Lease:');
  w.line(1, `HolderIdentity:\t${node.metadata.name}`);
  w.line(1, 'AcquireTime:\t<unset>');
  w.line(
    1,
    `RenewTime:\t${extras.renewTime === undefined ? '<unset>' : rfc1123z(extras.renewTime)}`,
  );
  const conditions = node.status.conditions;
  if (conditions.length > 0) {
    w.text +=
      'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n';
    w.line(1, '----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of conditions) {
      w.line(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason} \t${c.message}`,
      );
    }
  }
  w.line(0, 'Addresses:');
  for (const a of node.status.addresses) w.line(1, `${a.type}:\t${a.address}`);
  for (const [title, list] of [
    ['Capacity', node.status.capacity],
    ['Allocatable', node.status.allocatable],
  ] as const) {
    const keys = Object.keys(list).sort();
    if (keys.length === 0) continue;
    w.line(0, `${title}:`);
    for (const k of keys) w.line(1, `${k}:\t${list[k] ?? ''}`);
  }
  const info = node.status.nodeInfo;
  w.line(0, 'System Info:');
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ] as const) {
    w.line(1, `${label}:\t${info[key] ?? ''}`);
  }
  if (node.spec.podCIDR) w.line(0, `PodCIDR:\t${node.spec.podCIDR}`);
  if ((node.spec.podCIDRs ?? []).length > 0) {
    w.line(0, `PodCIDRs:\t${(node.spec.podCIDRs ?? []).join(',')}`);
  }
  if (node.spec.providerID) w.line(0, `ProviderID:\t${node.spec.providerID}`);
  const allocCpu = extras.quantity(node.status.allocatable['cpu']) * 1000;
  const allocMem = extras.quantity(node.status.allocatable['memory']);
  w.line(0, `Non-terminated Pods:\t(${extras.pods.length} in total)`);
  w.line(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.line(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  let cpuReq = 0;
  let cpuLim = 0;
  let memReq = 0;
  let memLim = 0;
  for (const p of extras.pods) {
    const u = extras.usage(p);
    cpuReq += u.cpuReq;
    cpuLim += u.cpuLim;
    memReq += u.memReq;
    memLim += u.memLim;
    w.line(
      1,
      `${p.metadata.namespace ?? ''}\t${p.metadata.name}\t\t${cpuText(u.cpuReq)} (${percent(u.cpuReq, allocCpu)}%)\t${cpuText(u.cpuLim)} (${percent(u.cpuLim, allocCpu)}%)\t${bytesText(u.memReq)} (${percent(u.memReq, allocMem)}%)\t${bytesText(u.memLim)} (${percent(u.memLim, allocMem)}%)\t${age(p.metadata.creationTimestamp, now)}`,
    );
  }
  w.text +=
    'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n';
  w.line(1, 'Resource\tRequests\tLimits');
  w.line(1, '--------\t--------\t------');
  w.line(
    1,
    `cpu\t${cpuText(cpuReq)} (${percent(cpuReq, allocCpu)}%)\t${cpuText(cpuLim)} (${percent(cpuLim, allocCpu)}%)`,
  );
  w.line(
    1,
    `memory\t${bytesText(memReq)} (${percent(memReq, allocMem)}%)\t${bytesText(memLim)} (${percent(memLim, allocMem)}%)`,
  );
  w.line(1, 'ephemeral-storage\t0 (0%)\t0 (0%)');
  for (const k of Object.keys(node.status.allocatable)
    .filter((r) => r.startsWith('hugepages-'))
    .sort()) {
    w.line(1, `${k}\t0 (0%)\t0 (0%)`);
  }
  const before = describeEvents(w, events, now);
  return finish(w, before);
}
