/**
 * The files the kubelet and the container runtime put into every container, and the lookups
 * that read them:
 *
 * - `/etc/hosts`: kubernetes/kubernetes pkg/kubelet/kubelet_pods.go `managedHostsFileContent`
 *   (header `# Kubernetes-managed hosts file.`, localhost and IPv6 lines, then
 *   `IP<TAB>hostname.domain<TAB>hostname` when the pod has a subdomain, else `IP<TAB>hostname`);
 *   hostname and domain as `GeneratePodHostNameAndDomain` derives them (spec.hostname or the pod
 *   name; `<subdomain>.<namespace>.svc.<cluster domain>`).
 * - `/etc/resolv.conf`: containerd CRI `parseDNSOptions` (`search …`, `nameserver …`,
 *   `options …`) with the DNS config the kubelet computes for dnsPolicy ClusterFirst
 *   (pkg/kubelet/network/dns): search `<ns>.svc.cluster.local svc.cluster.local cluster.local`,
 *   the cluster DNS Service IP, `options ndots:5`.
 * - `/etc/hostname`: the pod's hostname and a newline.
 *
 * `hostname -f/-s/-d/-i` (busybox networking/hostname.c: gethostbyname of the hostname, which
 * the managed /etc/hosts answers) and the reverse (PTR) lookups of CoreDNS's kubernetes plugin
 * (plugin/kubernetes/reverse.go `serviceRecordForIP`, v1.12.1+) live here too.
 */
import type { Cluster, Pod } from '../sim/index.ts';
import type { ContainerWorld } from './container.ts';

/** The cluster domain the kubelet is configured with (kind/kubeadm default). */
export const CLUSTER_DOMAIN = 'cluster.local';
/** The kube-dns Service's ClusterIP (kubeadm/kind default) that resolv.conf names. */
export const CLUSTER_DNS_IP = '10.96.0.10';
/** The name CoreDNS answers for a PTR query of the kube-dns ClusterIP. */
export const CLUSTER_DNS_NAME = `kube-dns.kube-system.svc.${CLUSTER_DOMAIN}`;

/** kubelet_pods.go `managedHostsHeader`. */
const MANAGED_HOSTS_HEADER = '# Kubernetes-managed hosts file.\n';

/** GeneratePodHostNameAndDomain: the pod's hostname and its domain (empty without subdomain). */
export function podHostAndDomain(pod: Pod): { hostname: string; domain: string } {
  // GUESS: the kubelet truncates a pod name longer than 63 characters; pod names here are short.
  const hostname = pod.spec.hostname ?? pod.metadata.name;
  const ns = pod.metadata.namespace ?? 'default';
  const sub = pod.spec.subdomain;
  return { hostname, domain: sub ? `${sub}.${ns}.svc.${CLUSTER_DOMAIN}` : '' };
}

function podIPs(pod: Pod): string[] {
  const list = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip) => ip !== '');
  if (list.length > 0) return list;
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

/** managedHostsFileContent for the pod (no hostAliases, no hostNetwork in the simulator). */
export function managedHostsFile(pod: Pod): string {
  const { hostname, domain } = podHostAndDomain(pod);
  let text =
    MANAGED_HOSTS_HEADER +
    '127.0.0.1\tlocalhost\n' +
    '::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\n' +
    'fe00::0\tip6-mcastprefix\n' +
    'fe00::1\tip6-allnodes\n' +
    'fe00::2\tip6-allrouters\n';
  for (const ip of podIPs(pod))
    text += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  return text;
}

/** The resolv.conf a ClusterFirst pod in `namespace` gets. */
export function resolvConf(namespace: string): string {
  // GUESS: the simulated kind node's own resolv.conf adds no search domains (a real node
  // appends its host's search list after the cluster ones).
  return (
    `search ${namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\n` +
    `nameserver ${CLUSTER_DNS_IP}\n` +
    'options ndots:5\n'
  );
}

/**
 * The text of a kubelet/runtime-managed file at absolute `path` in the container, or undefined
 * when `path` is not one of them (or the pod is gone).
 */
export function managedEtcFile(
  cluster: Cluster,
  world: ContainerWorld,
  path: string,
): string | undefined {
  if (path !== '/etc/hosts' && path !== '/etc/resolv.conf' && path !== '/etc/hostname')
    return undefined;
  const got = cluster.get('Pod', world.namespace, world.pod);
  if (!got.ok) return undefined;
  const pod = got.object;
  if (path === '/etc/hosts') return managedHostsFile(pod);
  if (path === '/etc/hostname') return `${podHostAndDomain(pod).hostname}\n`;
  // GUESS: dnsPolicy Default/None are not modelled; every pod gets the ClusterFirst file.
  return resolvConf(world.namespace);
}

/**
 * The name CoreDNS answers for a PTR query of `ip` (reverse.go `serviceRecordForIP`): a Service
 * whose ClusterIP is `ip` → `<svc>.<ns>.svc.<zone>`; otherwise every ready EndpointSlice
 * endpoint with that address → `<hostname>.<svc>.<ns>.svc.<zone>`, where an endpoint without a
 * hostname is named by its dashed IP (`endpointHostname`: `10-244-1-5`). busybox's getnameinfo
 * keeps the first answer. Undefined when CoreDNS answers NXDOMAIN.
 */
export function reverseLookup(cluster: Cluster, ip: string): string | undefined {
  const services = cluster.list('Service');
  if (services.ok) {
    for (const s of services.object) {
      if (s.spec.clusterIP === ip)
        return `${s.metadata.name}.${s.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}`;
    }
  }
  if (ip === CLUSTER_DNS_IP) return CLUSTER_DNS_NAME;
  const slices = cluster.list('EndpointSlice');
  if (!slices.ok) return undefined;
  const named: string[] = [];
  const dashed: string[] = [];
  for (const slice of slices.object) {
    const svc = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (svc === undefined) continue;
    const zone = `${svc}.${slice.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}`;
    for (const e of slice.endpoints ?? []) {
      // object/endpoint.go: only ready endpoints (nil counts as ready) are indexed.
      if (e.conditions?.ready === false || !e.addresses.includes(ip)) continue;
      if (e.hostname) named.push(`${e.hostname}.${zone}`);
      else dashed.push(`${ip.replace(/\./g, '-')}.${zone}`);
    }
  }
  // GUESS: with several answers the order is the informer index's; a hostname record first
  // is what a StatefulSet lesson expects from its governing Service.
  return named[0] ?? dashed[0];
}

/** True for a dotted-quad IPv4 literal (what getaddrinfo takes without asking DNS). */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/**
 * `hostname [-f|-s|-d|-i]` as busybox 1.28's applet runs it: without options the kernel
 * hostname; with one of them, gethostbyname(hostname), which /etc/hosts answers with the line
 * `IP  FQDN  hostname` (h_name = the FQDN for a pod with a subdomain, else the hostname).
 * `-f` prints h_name, `-s` it up to the first dot, `-d` what follows the first dot (nothing when
 * there is no dot), `-i` the addresses separated by spaces. Option letters may be bundled and
 * spelled `--fqdn`/`--domain`; the first of f, s, d, i in that order of checks wins.
 */
export function hostnameCommand(
  cluster: Cluster,
  world: ContainerWorld,
  args: readonly string[],
  out: (text: string) => void,
  err: (text: string) => void,
): number {
  const got = cluster.get('Pod', world.namespace, world.pod);
  const pod = got.ok ? got.object : undefined;
  const hostname = pod ? podHostAndDomain(pod).hostname : world.pod;
  const flags = new Set<string>();
  for (const a of args) {
    if (a === '--fqdn') flags.add('f');
    else if (a === '--domain') flags.add('d');
    else if (/^-[dfis]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
    else {
      // Setting the hostname needs CAP_SYS_ADMIN, which a pod's container does not have.
      // GUESS: the exact busybox wording for an unknown option is not reproduced.
      err(
        a.startsWith('-')
          ? `hostname: unrecognized option '${a}'\n`
          : 'hostname: sethostname: Operation not permitted\n',
      );
      return 1;
    }
  }
  if (flags.size === 0) {
    out(`${hostname}\n`);
    return 0;
  }
  const domain = pod ? podHostAndDomain(pod).domain : '';
  const canonical = domain ? `${hostname}.${domain}` : hostname;
  if (flags.has('f')) out(`${canonical}\n`);
  else if (flags.has('s')) out(`${canonical.split('.')[0] ?? ''}\n`);
  else if (flags.has('d')) {
    const dot = canonical.indexOf('.');
    if (dot >= 0) out(`${canonical.slice(dot + 1)}\n`);
  } else out(`${(pod ? podIPs(pod) : []).join(' ')}\n`);
  return 0;
}
