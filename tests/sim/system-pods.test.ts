// The system pods of a kind cluster: what a fresh cluster has, that they draw nothing from the
// main generator, and how the DaemonSet controller, the node lifecycle controller and the
// kubelet's mirror pods treat them.
import { describe, expect, it } from 'vitest';
import { createCluster, restoreCluster } from '../../src/sim/index.ts';
import type { Cluster, ClusterSnapshot, KubeObject, Pod } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { must } from './helpers.ts';

const WORKERS = ['kind-worker', 'kind-worker2', 'kind-worker3'];
const NODE_IP: Record<string, string> = {
  'kind-control-plane': '172.18.0.2',
  'kind-worker': '172.18.0.3',
  'kind-worker2': '172.18.0.4',
  'kind-worker3': '172.18.0.5',
};

function systemPods(c: Cluster, prefix?: string): Pod[] {
  return must(c.list('Pod', { namespace: 'kube-system' })).filter(
    (p) => prefix === undefined || p.metadata.name.startsWith(prefix),
  );
}

function ready(p: Pod): string | undefined {
  return p.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

describe('a fresh cluster’s system pods', () => {
  const c = createCluster({ seed: 1 });

  it('has the control plane’s mirror pods, CoreDNS and the local-path provisioner on it', () => {
    const cp = systemPods(c).filter((p) => p.spec.nodeName === 'kind-control-plane');
    const patterns = [
      /^coredns-[a-z0-9]{8,10}-[a-z0-9]{5}$/,
      /^coredns-[a-z0-9]{8,10}-[a-z0-9]{5}$/,
      /^etcd-kind-control-plane$/,
      /^kindnet-[a-z0-9]{5}$/,
      /^kube-apiserver-kind-control-plane$/,
      /^kube-controller-manager-kind-control-plane$/,
      /^kube-proxy-[a-z0-9]{5}$/,
      /^kube-scheduler-kind-control-plane$/,
    ];
    expect(cp).toHaveLength(patterns.length);
    cp.forEach((p, i) => expect(p.metadata.name).toMatch(patterns[i] ?? /^$/));
    for (const p of systemPods(c, 'coredns-')) expect(p.status?.podIP).toMatch(/^10\.244\.0\.\d+$/);
    const etcd = must(c.get('Pod', 'kube-system', 'etcd-kind-control-plane'));
    expect(etcd.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Node',
      name: 'kind-control-plane',
      uid: must(c.get('Node', undefined, 'kind-control-plane')).metadata.uid,
    });
    expect(etcd.metadata.annotations?.['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(etcd.status?.podIP).toBe('172.18.0.2');
    expect(etcd.spec.containers[0]?.resources?.requests).toEqual({ cpu: '100m', memory: '100Mi' });
    const provisioner = must(c.list('Pod', { namespace: 'local-path-storage' }));
    expect(
      provisioner.map((p) => [p.spec.nodeName, p.status?.podIP?.startsWith('10.244.0.')]),
    ).toEqual([['kind-control-plane', true]]);
  });

  it('runs kindnet and kube-proxy on every node, with the node’s address (hostNetwork)', () => {
    for (const ds of ['kindnet-', 'kube-proxy-']) {
      const ps = systemPods(c, ds);
      expect(ps.map((p) => p.spec.nodeName).sort()).toEqual(['kind-control-plane', ...WORKERS]);
      for (const p of ps) {
        expect(p.status?.podIP).toBe(NODE_IP[p.spec.nodeName ?? '']);
        expect(p.status?.phase).toBe('Running');
        expect(p.metadata.ownerReferences?.[0]?.kind).toBe('DaemonSet');
      }
    }
    const kindnet = systemPods(c, 'kindnet-')[0];
    expect(kindnet?.spec.containers[0]?.resources).toEqual({
      requests: { cpu: '100m', memory: '50Mi' },
      limits: { cpu: '100m', memory: '50Mi' },
    });
    expect(kindnet?.status?.qosClass).toBe('Guaranteed');
    const ds = must(c.get('DaemonSet', 'kube-system', 'kube-proxy'));
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      numberReady: 4,
    });
  });

  it('serves kube-dns at 10.96.0.10 with the CoreDNS pods as endpoints', () => {
    const svc = must(c.get('Service', 'kube-system', 'kube-dns'));
    expect(svc.spec.clusterIP).toBe('10.96.0.10');
    expect(svc.spec.ports?.map((p) => `${p.port}/${p.protocol ?? 'TCP'}`)).toEqual([
      '53/UDP',
      '53/TCP',
      '9153/TCP',
    ]);
    const ips = systemPods(c, 'coredns-')
      .map((p) => p.status?.podIP)
      .sort();
    const ep = must(c.get('Endpoints', 'kube-system', 'kube-dns'));
    expect(ep.subsets?.[0]?.addresses?.map((a) => a.ip).sort()).toEqual(ips);
  });

  it('is the same for the same seed, and loads without moving the clock or the revisions', () => {
    const again = createCluster({ seed: 1 });
    const names = (x: Cluster) => systemPods(x).map((p) => p.metadata.uid);
    expect(names(again)).toEqual(names(c));
    expect(names(createCluster({ seed: 2 }))).not.toEqual(names(c));
    expect(again.now()).toBe(0);
    expect(again.pendingTasks()).toBe(0);
    // The bootstrap objects keep the revisions they had without system pods.
    expect(again.resourceVersion()).toBe('11');
  });
});

describe('system work draws from its own generator', () => {
  /** A user flow's ids and placements, after `before` did something to the system pods. */
  function userFlow(before: (c: Cluster) => void): unknown {
    const c = createCluster({ seed: 7 });
    before(c);
    c.runUntilIdle();
    c.apply([dbService(), dbStatefulSet({ replicas: 3 })]);
    c.runUntilIdle();
    return must(c.list('Pod', { namespace: 'default' })).map((p) => [
      p.metadata.name,
      p.metadata.uid,
      p.spec.nodeName,
      p.status?.podIP,
    ]);
  }

  it('leaves a later user flow’s uids, nodes and IPs as they would have been', () => {
    const plain = userFlow(() => undefined);
    const kindnet = userFlow((c) => {
      const p = systemPods(c, 'kindnet-').find((x) => x.spec.nodeName === 'kind-worker');
      must(c.delete('Pod', 'kube-system', p?.metadata.name ?? ''));
    });
    const mirror = userFlow((c) => {
      must(c.delete('Pod', 'kube-system', 'kube-scheduler-kind-control-plane'));
    });
    expect(kindnet).toEqual(plain);
    expect(mirror).toEqual(plain);
  });
});

describe('the DaemonSet controller', () => {
  it('replaces a deleted kindnet pod on the same node', () => {
    const c = createCluster({ seed: 1 });
    const old = systemPods(c, 'kindnet-').find((p) => p.spec.nodeName === 'kind-worker2');
    must(c.delete('Pod', 'kube-system', old?.metadata.name ?? ''));
    c.runUntilIdle();
    const now = systemPods(c, 'kindnet-').filter((p) => p.spec.nodeName === 'kind-worker2');
    expect(now).toHaveLength(1);
    expect(now[0]?.metadata.name).not.toBe(old?.metadata.name);
    expect(now[0]?.status?.phase).toBe('Running');
    expect(now[0]?.status?.podIP).toBe('172.18.0.4');
    expect(ready(now[0] as Pod)).toBe('True');
    const created = c
      .events({ kind: 'DaemonSet', name: 'kindnet' })
      .find((e) => e.reason === 'SuccessfulCreate');
    expect(created?.message).toBe(`Created pod: ${now[0]?.metadata.name ?? ''}`);
    expect(must(c.get('DaemonSet', 'kube-system', 'kindnet')).status?.numberReady).toBe(4);
  });

  it('keeps daemon pods on a cordoned node and on a stopped one (they tolerate the taints)', () => {
    const c = createCluster({ seed: 1 });
    c.apply([dbService(), dbStatefulSet({ replicas: 3 })]);
    c.runUntilIdle();
    const before = systemPods(c).map((p) => p.metadata.uid);
    must(c.patch('Node', undefined, 'kind-worker', { spec: { unschedulable: true } }));
    c.runUntilIdle();
    expect(systemPods(c).map((p) => p.metadata.uid)).toEqual(before);
    c.injectFault({ kind: 'node-down', node: 'kind-worker2' });
    c.advance(400_000);
    c.runUntilIdle();
    expect(systemPods(c).map((p) => p.metadata.uid)).toEqual(before);
    const onDown = systemPods(c).filter((p) => p.spec.nodeName === 'kind-worker2');
    expect(onDown.map((p) => [p.metadata.deletionTimestamp, ready(p)])).toEqual([
      [undefined, 'False'],
      [undefined, 'False'],
    ]);
    // The user pod on that node was evicted after its 300 s toleration (and stays Terminating).
    const users = must(c.list('Pod', { namespace: 'default' }));
    expect(
      users
        .filter((p) => p.spec.nodeName === 'kind-worker2')
        .map((p) => p.metadata.deletionTimestamp),
    ).toEqual([expect.any(String)]);
    expect(must(c.get('DaemonSet', 'kube-system', 'kindnet')).status).toMatchObject({
      numberReady: 3,
      numberUnavailable: 1,
    });
    c.clearFault({ kind: 'node-down', node: 'kind-worker2' });
    c.runUntilIdle();
    expect(
      systemPods(c)
        .filter((p) => p.spec.nodeName === 'kind-worker2')
        .map(ready),
    ).toEqual(['True', 'True']);
    expect(must(c.get('DaemonSet', 'kube-system', 'kindnet')).status?.numberReady).toBe(4);
  });
});

describe('mirror pods', () => {
  it('come back when deleted (the kubelet recreates them), with a new uid', () => {
    const c = createCluster({ seed: 1 });
    const old = must(c.get('Pod', 'kube-system', 'kube-apiserver-kind-control-plane'));
    must(c.delete('Pod', 'kube-system', 'kube-apiserver-kind-control-plane'));
    c.runUntilIdle();
    const now = must(c.get('Pod', 'kube-system', 'kube-apiserver-kind-control-plane'));
    expect(now.metadata.uid).not.toBe(old.metadata.uid);
    expect(now.status?.phase).toBe('Running');
    expect(now.metadata.annotations?.['kubernetes.io/config.hash']).toBe(
      old.metadata.annotations?.['kubernetes.io/config.hash'],
    );
  });
});

describe('capacity', () => {
  it('counts the daemon pods against a node’s pods and cpu', () => {
    const c = createCluster({ seed: 1, nodes: 1, nodeResources: { pods: '3' } });
    for (const name of ['a', 'b'])
      must(
        c.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name },
          spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
        }),
      );
    c.runUntilIdle();
    const placed = must(c.list('Pod', { namespace: 'default' })).filter((p) => p.spec.nodeName);
    expect(placed).toHaveLength(1);
  });
});

describe('snapshots', () => {
  it('restores a snapshot taken before system pods existed (it simply has none)', () => {
    const c = createCluster({ seed: 3 });
    const snap = c.snapshot();
    const isSystem = (o: KubeObject): boolean =>
      o.metadata.namespace === 'kube-system' ||
      o.metadata.namespace === 'local-path-storage' ||
      (o.kind === 'Namespace' && o.metadata.name === 'local-path-storage');
    const old = { ...snap, objects: snap.objects.filter((o) => !isSystem(o)) } as ClusterSnapshot;
    delete (old as { system?: unknown }).system;
    const r = restoreCluster(JSON.parse(JSON.stringify(old)) as ClusterSnapshot);
    expect(must(r.list('Pod'))).toEqual([]);
    r.apply([dbService(), dbStatefulSet({ replicas: 2 })]);
    r.runUntilIdle();
    expect(must(r.list('Pod', { namespace: 'default' })).map((p) => p.status?.phase)).toEqual([
      'Running',
      'Running',
    ]);
  });

  it('continues a restored cluster’s system work exactly', () => {
    const c = createCluster({ seed: 4 });
    const p = systemPods(c, 'kindnet-')[1];
    must(c.delete('Pod', 'kube-system', p?.metadata.name ?? ''));
    const r = restoreCluster(JSON.parse(JSON.stringify(c.snapshot())) as ClusterSnapshot);
    c.runUntilIdle();
    r.runUntilIdle();
    expect(JSON.stringify(r.snapshot())).toBe(JSON.stringify(c.snapshot()));
  });
});
