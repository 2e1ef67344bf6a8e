/**
 * What a command sees inside a container: the pod's hostname, files on its volumes (through the
 * simulator's writeFile/readFile/listFiles, so data on a PVC mount outlives the pod and data
 * elsewhere dies with it), the cluster DNS (`nslookup`, `dig`), `curl` to the pod itself, and
 * `env`. Messages follow the image's userland: busybox for busybox images, GNU coreutils and
 * dash/bash for the Debian-based nginx and database images.
 */
import type { Cluster, Pod } from '../sim/index.ts';
import { CLUSTER_DNS_IP, isIPv4, managedEtcFile, reverseLookup } from './etc-files.ts';

/** The DNS service a pod's resolv.conf names (kubeadm/kind default). */
export const DNS_SERVER = CLUSTER_DNS_IP;

/** A container the shell runs commands in. */
export interface ContainerWorld {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** True for busybox images (busybox applets and `sh`). */
  readonly busybox: boolean;
  /** The shell program (`sh` or `bash`), for error messages and the prompt. */
  readonly shell: 'sh' | 'bash';
}

/** Describes the container of `pod` the shell will run in. */
export function containerWorld(pod: Pod, container: string, command: string): ContainerWorld {
  const image = pod.spec.containers.find((c) => c.name === container)?.image ?? '';
  const busybox = /(^|\/)busybox(:|@|$)/.test(image);
  const program = command.split('/').pop() ?? command;
  return {
    namespace: pod.metadata.namespace ?? 'default',
    pod: pod.metadata.name,
    container,
    busybox,
    shell: program === 'bash' ? 'bash' : 'sh',
  };
}

/** The interactive prompt of the container's shell. */
export function containerPrompt(world: ContainerWorld, hostname: string): string {
  if (world.shell === 'bash') return `root@${hostname}:/# `;
  return world.busybox ? '/ # ' : '# ';
}

/** The message a shell prints for an unknown command in the container. */
export function containerNotFound(world: ContainerWorld, cmd: string): string {
  if (world.shell === 'bash') return `bash: ${cmd}: command not found\n`;
  // busybox ash names no line number; dash (Debian's sh) does.
  return world.busybox ? `sh: ${cmd}: not found\n` : `sh: 1: ${cmd}: not found\n`;
}

/** The pod's hostname: spec.hostname when set (StatefulSet pods), else the pod name. */
export function podHostname(pod: Pod): string {
  return pod.spec.hostname ?? pod.metadata.name;
}

/** The file-operation outcome as a message for `cmd` on `path`, or undefined when ok. */
function fileError(world: ContainerWorld, cmd: string, path: string, code: string): string {
  if (code === 'NoSuchFile') {
    if (cmd === 'cat' && world.busybox)
      return `cat: can't open '${path}': No such file or directory\n`;
    if (cmd === 'ls' && !world.busybox)
      return `ls: cannot access '${path}': No such file or directory\n`;
    return `${cmd}: ${path}: No such file or directory\n`;
  }
  if (code === 'VolumeNotBound') return `${cmd}: ${path}: Input/output error\n`;
  return `${cmd}: ${path}: No such device or address\n`;
}

/** Resolves a path against the container's working directory `/`. */
export function absolute(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

/** Reads a file in the container; an error message when it cannot. */
export function readContainerFile(
  cluster: Cluster,
  world: ContainerWorld,
  cmd: string,
  path: string,
): { ok: true; text: string } | { ok: false; message: string } {
  const res = cluster.readFile(world.namespace, world.pod, absolute(path), {
    container: world.container,
  });
  if (res.ok) return { ok: true, text: res.value };
  // /etc/hosts, /etc/resolv.conf and /etc/hostname are mounted by the kubelet and the runtime.
  const managed =
    res.code === 'NoSuchFile' ? managedEtcFile(cluster, world, absolute(path)) : undefined;
  if (managed !== undefined) return { ok: true, text: managed };
  return { ok: false, message: fileError(world, cmd, path, res.code) };
}

/** Writes (or appends to) a file in the container; an error message when it cannot. */
export function writeContainerFile(
  cluster: Cluster,
  world: ContainerWorld,
  path: string,
  text: string,
  append: boolean,
): string | undefined {
  const res = cluster.writeFile(world.namespace, world.pod, absolute(path), text, {
    container: world.container,
    append,
  });
  if (res.ok) return undefined;
  const prefix = world.shell === 'bash' ? 'bash' : world.busybox ? 'sh' : 'sh: 1';
  return `${prefix}: can't create ${path}: ${res.code === 'VolumeNotBound' ? 'Input/output error' : 'nonexistent directory'}\n`;
}

/**
 * The directories every image has at `/` (the simulator stores only files written in the
 * session, so the top level of a root filesystem is listed from this fixed set).
 */
const ROOT_DIRS = ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];

/** `ls [DIR|FILE]...`: names one per line (or in a row on a terminal). */
export function listContainer(
  cluster: Cluster,
  world: ContainerWorld,
  args: readonly string[],
  tty: boolean,
  out: (text: string) => void,
  err: (text: string) => void,
): number {
  const operands = args.filter((a) => !a.startsWith('-'));
  const targets = operands.length === 0 ? ['/'] : operands;
  let code = 0;
  targets.forEach((target, index) => {
    const path = absolute(target);
    const listed = cluster.listFiles(world.namespace, world.pod, path, {
      container: world.container,
    });
    if (!listed.ok) {
      err(fileError(world, 'ls', target, listed.code));
      code = world.busybox ? 1 : 2;
      return;
    }
    let names = listed.value;
    if (path === '/') names = [...new Set([...ROOT_DIRS, ...names])].sort();
    if (names.length === 0) {
      // A plain file lists as itself; an unknown path is an error.
      const file = cluster.readFile(world.namespace, world.pod, path, {
        container: world.container,
      });
      if (file.ok) names = [target];
      else if (!isKnownDirectory(cluster, world, path)) {
        err(fileError(world, 'ls', target, 'NoSuchFile'));
        code = world.busybox ? 1 : 2;
        return;
      }
    }
    if (targets.length > 1) out(`${index > 0 ? '\n' : ''}${target}:\n`);
    if (names.length > 0) out(tty ? `${names.join('  ')}\n` : names.map((n) => `${n}\n`).join(''));
  });
  return code;
}

/** True for mount points of the container and the fixed top-level directories. */
function isKnownDirectory(cluster: Cluster, world: ContainerWorld, path: string): boolean {
  if (ROOT_DIRS.some((d) => path === `/${d}`)) return true;
  const pod = cluster.get('Pod', world.namespace, world.pod);
  if (!pod.ok) return false;
  const c = pod.object.spec.containers.find((x) => x.name === world.container);
  const clean = path.replace(/\/+$/, '');
  return (c?.volumeMounts ?? []).some(
    (m) => m.mountPath.replace(/\/+$/, '') === clean || m.mountPath.startsWith(`${clean}/`),
  );
}

/**
 * `nslookup NAME` against the cluster DNS. busybox 1.28 (the pre-1.29 applet, read in its
 * networking/nslookup.c): `%-10s %s` lines for `Server:` and `Name:`, `Address N: IP PTR-NAME`,
 * a blank line after the server, and `nslookup: can't resolve 'NAME'` on stderr with exit 1.
 * Other images print the bind9 layout (not verified; a guess).
 */
export function nslookup(
  cluster: Cluster,
  world: ContainerWorld,
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): number {
  // busybox 1.28's applet takes HOST [SERVER] and no options: `!argv[1] || argv[1][0] == '-' ||
  // argc > 3` shows the usage (so `nslookup -type=srv NAME` prints it too).
  const name = world.busybox
    ? args.length >= 1 && args.length <= 2 && !(args[0] ?? '').startsWith('-')
      ? args[0]
      : undefined
    : args.find((a) => !a.startsWith('-'));
  if (name === undefined) {
    err(
      world.busybox
        ? 'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n'
        : 'Usage: nslookup [HOST] [SERVER]\n',
    );
    return 1;
  }
  // getaddrinfo returns an IP literal as it is, so `nslookup 10.244.1.5` is a reverse lookup
  // only through the PTR name printed after the address.
  const answer = isIPv4(name)
    ? { ok: true as const, name, addresses: [name] }
    : cluster.resolveDns(name, world.namespace);
  if (world.busybox) {
    const server = reverseLookup(cluster, DNS_SERVER);
    out(`Server:    ${DNS_SERVER}\nAddress 1: ${DNS_SERVER}${server ? ` ${server}` : ''}\n\n`);
    if (!answer.ok) {
      err(`nslookup: can't resolve '${name}'\n`);
      return 1;
    }
    out(`Name:      ${name}\n`);
    answer.addresses.forEach((ip, i) => {
      const ptr = reverseLookup(cluster, ip);
      out(`Address ${i + 1}: ${ip}${ptr === undefined ? '' : ` ${ptr}`}\n`);
    });
    return 0;
  }
  out(`Server:\t\t${DNS_SERVER}\nAddress:\t${DNS_SERVER}#53\n\n`);
  if (isIPv4(name)) {
    // GUESS (bind9 layout, not verified): a reverse query of the in-addr.arpa name.
    const arpa = `${name.split('.').reverse().join('.')}.in-addr.arpa`;
    const ptr = reverseLookup(cluster, name);
    if (ptr === undefined) {
      out(`** server can't find ${arpa}: NXDOMAIN\n\n`);
      return 1;
    }
    out(`${arpa}\tname = ${ptr}.\n\n`);
    return 0;
  }
  if (!answer.ok) {
    out(`** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  for (const ip of answer.addresses) out(`Name:\t${answer.name}\nAddress: ${ip}\n`);
  out('\n');
  return 0;
}

/** `dig NAME` reduced to `dig +short NAME`'s answer lines (the full layout is not simulated). */
export function dig(
  cluster: Cluster,
  world: ContainerWorld,
  args: readonly string[],
  out: (text: string) => void,
): number {
  const name = args.find((a) => !a.startsWith('+') && !a.startsWith('-') && a !== 'A');
  if (name === undefined) return 0;
  const answer = cluster.resolveDns(name, world.namespace);
  if (answer.ok) for (const ip of answer.addresses) out(`${ip}\n`);
  return 0;
}

/** `curl URL`: the pod answers for localhost, other pods by IP or DNS name. */
export function curl(
  cluster: Cluster,
  world: ContainerWorld,
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): number {
  const silent = args.some((a) => /^-[a-zA-Z]*s/.test(a));
  const url = args.find((a) => !a.startsWith('-'));
  if (url === undefined) {
    err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const m = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (m === null) {
    if (!silent) err(`curl: (3) URL using bad/illegal format or missing URL\n`);
    return 3;
  }
  const host = m[1] ?? '';
  const port = Number(m[2] ?? '80');
  const path = m[3] ?? '/';
  let targetPod: string | undefined;
  if (host === 'localhost' || host === '127.0.0.1') targetPod = world.pod;
  else {
    const ip = /^\d+\.\d+\.\d+\.\d+$/.test(host)
      ? host
      : (() => {
          const a = cluster.resolveDns(host, world.namespace);
          return a.ok ? a.addresses[0] : undefined;
        })();
    if (ip === undefined) {
      if (!silent) err(`curl: (6) Could not resolve host: ${host}\n`);
      return 6;
    }
    const pods = cluster.list('Pod');
    const pod = pods.ok ? pods.object.find((p) => p.status?.podIP === ip) : undefined;
    targetPod = pod?.metadata.name;
    if (targetPod === undefined) {
      if (!silent)
        err(
          `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`,
        );
      return 7;
    }
  }
  const res = cluster.httpGet(world.namespace, targetPod, path, port);
  if (!res.ok) {
    if (!silent)
      err(
        `curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`,
      );
    return 7;
  }
  out(res.value.body);
  return 0;
}

/** `env`: the container's environment as the kubelet sets it up (service variables abridged). */
export function environment(cluster: Cluster, world: ContainerWorld, hostname: string): string[] {
  const lines = [
    'KUBERNETES_SERVICE_PORT=443',
    'KUBERNETES_PORT=tcp://10.96.0.1:443',
    `HOSTNAME=${hostname}`,
    'HOME=/root',
    'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'KUBERNETES_PORT_443_TCP_PORT=443',
    'KUBERNETES_PORT_443_TCP_PROTO=tcp',
    'KUBERNETES_SERVICE_PORT_HTTPS=443',
    'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
    'KUBERNETES_SERVICE_HOST=10.96.0.1',
    'PWD=/',
  ];
  const pod = cluster.get('Pod', world.namespace, world.pod);
  const c = pod.ok ? pod.object.spec.containers.find((x) => x.name === world.container) : undefined;
  for (const e of c?.env ?? []) lines.push(`${e.name}=${e.value ?? ''}`);
  return lines;
}
