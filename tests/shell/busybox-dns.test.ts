// DNS and the kubelet-managed files as a busybox:1.28 pod (or `kubectl exec`) sees them:
// reverse lookups (`nslookup <pod IP>`, CoreDNS reverse.go), busybox 1.28's option-less
// nslookup applet, /etc/resolv.conf (containerd parseDNSOptions), /etc/hosts (kubelet
// managedHostsFileContent), `hostname -f`, and `kubectl run --rm -q` without the delete line.
import { describe, expect, it } from 'vitest';
import { typedSession, type TypedSession } from './session.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

type Session = TypedSession;

const CLIENT_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: db-client
spec:
  selector:
    app: database
  ports:
  - port: 3306
`;

async function withDatabase(): Promise<Session> {
  const s = typedSession({
    readFile: (p) => (p === 'client.yaml' ? CLIENT_SERVICE : readBuiltin(p)),
    listFiles: () => ['db-cluster.yaml'],
  });
  await s.run('kubectl apply -f db-cluster.yaml');
  await s.run('kubectl rollout status sts/db-cluster');
  return s;
}

function podIP(s: Session, name: string): string {
  const p = s.cluster.get('Pod', 'default', name);
  return p.ok ? (p.object.status?.podIP ?? '') : '';
}

const RUN = 'kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm';
const ATTACH =
  'All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n' +
  "If you don't see a command prompt, try pressing enter.\n";
const SERVER =
  'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n';

describe('busybox 1.28 nslookup', () => {
  it('answers a pod IP with the PTR name of its headless-Service record', async () => {
    const s = await withDatabase();
    const ip = podIP(s, 'db-cluster-1');
    expect(await s.type(RUN, `nslookup ${ip}`, 'exit')).toBe(
      `$ ${RUN}\n${ATTACH}/ # nslookup ${ip}\n${SERVER}` +
        `Name:      ${ip}\n` +
        `Address 1: ${ip} db-cluster-1.db-service.default.svc.cluster.local\n` +
        '/ # exit\npod "dns-test" deleted from default namespace\n',
    );
  });

  it('prints the bare address for an IP without PTR record, and exits 0', async () => {
    const s = await withDatabase();
    await s.type(RUN);
    // The dns-test pod is no Service's endpoint: CoreDNS answers NXDOMAIN for its PTR.
    const own = podIP(s, 'dns-test');
    expect(await s.type(`nslookup ${own}; echo "rc=$?"`)).toBe(
      `/ # nslookup ${own}; echo "rc=$?"\n${SERVER}Name:      ${own}\nAddress 1: ${own}\nrc=0\n`,
    );
  });

  it('names endpoints without hostname by their dashed IP, ClusterIPs by the Service', async () => {
    const s = await withDatabase();
    await s.run('kubectl apply -f client.yaml');
    await s.run('sleep 2');
    const svc = s.cluster.get('Service', 'default', 'db-client');
    const clusterIP = svc.ok ? (svc.object.spec.clusterIP ?? '') : '';
    expect(clusterIP).toMatch(/^10\.96\./);
    await s.type(RUN);
    expect(await s.type('nslookup db-client')).toBe(
      `/ # nslookup db-client\n${SERVER}Name:      db-client\n` +
        `Address 1: ${clusterIP} db-client.default.svc.cluster.local\n`,
    );
    // db-cluster-0 is an endpoint of both Services; the hostname record of db-service wins.
    const ip = podIP(s, 'db-cluster-0');
    expect((await s.run(`nslookup ${ip}`)).stdout).toContain(
      `Address 1: ${ip} db-cluster-0.db-service.default.svc.cluster.local\n`,
    );
    // Without the headless Service only db-client's dashed-IP record is left.
    await s.run('exit');
    await s.run('kubectl delete svc db-service');
    await s.run('sleep 2');
    await s.type(RUN);
    expect((await s.run(`nslookup ${ip}`)).stdout).toContain(
      `Address 1: ${ip} ${ip.replace(/\./g, '-')}.db-client.default.svc.cluster.local\n`,
    );
  });

  it('has no options: `-type=srv` prints the usage (exit 1)', async () => {
    const s = await withDatabase();
    await s.type(RUN);
    const r = await s.run('nslookup -type=srv _mysql._tcp.db-service');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\n' +
        'Usage: nslookup [HOST] [SERVER]\n\n' +
        'Query the nameserver for the IP address of the given HOST\n' +
        'optionally using a specified DNS server\n',
    );
    expect(r.exitCode).toBe(1);
    expect((await s.run('nslookup a b c')).exitCode).toBe(1);
  });
});

describe('nslookup in a Debian-based image', () => {
  it('answers a pod IP with an in-addr.arpa PTR line (bind9 layout, a guess)', async () => {
    const s = await withDatabase();
    const ip = podIP(s, 'db-cluster-2');
    const arpa = `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
    expect((await s.run(`kubectl exec db-cluster-0 -- nslookup ${ip}`)).stdout).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n' +
        `${arpa}\tname = db-cluster-2.db-service.default.svc.cluster.local.\n\n`,
    );
  });
});

describe('kubelet-managed files', () => {
  it('cat /etc/resolv.conf shows the ClusterFirst search path, cluster DNS and ndots:5', async () => {
    const s = await withDatabase();
    await s.type(RUN);
    expect((await s.run('cat /etc/resolv.conf')).stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\n' +
        'nameserver 10.96.0.10\n' +
        'options ndots:5\n',
    );
    expect((await s.run('grep nameserver /etc/resolv.conf')).stdout).toBe(
      'nameserver 10.96.0.10\n',
    );
  });

  it('/etc/hosts of a StatefulSet pod maps its IP to the FQDN and the hostname', async () => {
    const s = await withDatabase();
    const ip = podIP(s, 'db-cluster-0');
    const r = await s.run('kubectl exec db-cluster-0 -- cat /etc/hosts');
    expect(r.stdout).toBe(
      '# Kubernetes-managed hosts file.\n' +
        '127.0.0.1\tlocalhost\n' +
        '::1\tlocalhost ip6-localhost ip6-loopback\n' +
        'fe00::0\tip6-localnet\n' +
        'fe00::0\tip6-mcastprefix\n' +
        'fe00::1\tip6-allnodes\n' +
        'fe00::2\tip6-allrouters\n' +
        `${ip}\tdb-cluster-0.db-service.default.svc.cluster.local\tdb-cluster-0\n`,
    );
    await s.type(RUN);
    const own = podIP(s, 'dns-test');
    expect((await s.run('tail -n 1 /etc/hosts')).stdout).toBe(`${own}\tdns-test\n`);
    expect((await s.run('cat /etc/hostname')).stdout).toBe('dns-test\n');
  });

  it('hostname -f prints the FQDN of a StatefulSet pod; -s, -d and -i its parts', async () => {
    const s = await withDatabase();
    const ip = podIP(s, 'db-cluster-0');
    const run = async (args: string) =>
      (await s.run(`kubectl exec db-cluster-0 -- hostname ${args}`)).stdout;
    expect(await run('-f')).toBe('db-cluster-0.db-service.default.svc.cluster.local\n');
    expect(await run('--fqdn')).toBe('db-cluster-0.db-service.default.svc.cluster.local\n');
    expect(await run('-s')).toBe('db-cluster-0\n');
    expect(await run('-d')).toBe('db-service.default.svc.cluster.local\n');
    expect(await run('-i')).toBe(`${ip}\n`);
    expect(await run('')).toBe('db-cluster-0\n');
    await s.type(RUN);
    expect(await s.type('hostname -f', 'hostname -d')).toBe(
      '/ # hostname -f\ndns-test\n/ # hostname -d\n',
    );
  });
});

describe('kubectl run --rm -i -q', () => {
  it('prints only the command output: no attach lines and no delete line', async () => {
    const s = await withDatabase();
    const ip = podIP(s, 'db-cluster-0');
    const r = await s.run(
      'kubectl run dns-test --image=busybox:1.28 --restart=Never --rm -i -q -- nslookup db-cluster-0.db-service',
    );
    expect(r.stdout).toBe(
      `${SERVER}Name:      db-cluster-0.db-service\n` +
        `Address 1: ${ip} db-cluster-0.db-service.default.svc.cluster.local\n`,
    );
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(s.cluster.get('Pod', 'default', 'dns-test').ok).toBe(false);
    // Without -q the delete line is printed as before.
    const loud = await s.run(
      'kubectl run dns-test --image=busybox:1.28 --restart=Never --rm -i -- nslookup db-cluster-0.db-service',
    );
    expect(loud.stdout.endsWith('pod "dns-test" deleted from default namespace\n')).toBe(true);
  });
});
