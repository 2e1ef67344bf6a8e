/**
 * Cluster DNS as kube-dns/CoreDNS answers it for Services (docs/specification.md of
 * kubernetes/dns): a ClusterIP Service name resolves to its ClusterIP; a headless Service name to
 * the IPs of its ready endpoints; `<hostname>.<service>` to one pod's IP, only while that pod is
 * a ready endpoint (unless publishNotReadyAddresses). Search paths follow a pod's resolv.conf.
 */
import type { ObjectStore } from '../store/object-store.ts';

/** The cluster domain. */
export const CLUSTER_DOMAIN = 'cluster.local';

/** An answer: the fully qualified name and its A records, or NXDOMAIN. */
export type DnsAnswer =
  | { readonly ok: true; readonly name: string; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly name: string };

/**
 * Resolves `query` as a pod in `namespace` would (search path `<ns>.svc.cluster.local`,
 * `svc.cluster.local`, `cluster.local`); names with a trailing dot are absolute.
 */
export function resolveName(store: ObjectStore, query: string, namespace = 'default'): DnsAnswer {
  const absolute = query.endsWith('.');
  const base = absolute ? query.slice(0, -1) : query;
  const candidates = absolute
    ? [base]
    : [
        `${base}.${namespace}.svc.${CLUSTER_DOMAIN}`,
        `${base}.svc.${CLUSTER_DOMAIN}`,
        `${base}.${CLUSTER_DOMAIN}`,
        base,
      ];
  for (const fqdn of candidates) {
    const addresses = lookup(store, fqdn);
    if (addresses !== undefined && addresses.length > 0) return { ok: true, name: fqdn, addresses };
  }
  return { ok: false, name: base };
}

function lookup(store: ObjectStore, fqdn: string): string[] | undefined {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length === 2) {
    const [svcName, ns] = parts as [string, string];
    const svc = store.get('Service', ns, svcName);
    if (svc === undefined) return undefined;
    if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') return [svc.spec.clusterIP];
    const ep = store.get('Endpoints', ns, svcName);
    return (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
  }
  if (parts.length === 3) {
    const [host, svcName, ns] = parts as [string, string, string];
    const ep = store.get('Endpoints', ns, svcName);
    return (ep?.subsets ?? []).flatMap((s) =>
      (s.addresses ?? []).filter((a) => a.hostname === host).map((a) => a.ip),
    );
  }
  return undefined;
}
