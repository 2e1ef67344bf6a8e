// Transcript-level tests of the shell: each test runs lines as a learner types them and checks
// what the terminal would show (stdout and stderr in order) and the exit codes.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { createShell } from '../../src/shell/index.ts';
import { typedSession, type TypedSession } from './session.ts';

type Session = TypedSession;

function session(): Session {
  return typedSession({ listFiles: () => ['db-cluster.yaml'] });
}

async function withDatabase(): Promise<Session> {
  const s = session();
  await s.run('kubectl apply -f db-cluster.yaml');
  await s.run('kubectl rollout status sts/db-cluster');
  return s;
}

describe('shell language', () => {
  it('expands variables inside and outside double quotes, not inside single quotes', async () => {
    const s = session();
    expect(await s.type('i=2; echo "web-$i" ${i}x \'$i\' web-$i')).toBe(
      '$ i=2; echo "web-$i" ${i}x \'$i\' web-$i\nweb-2 2x $i web-2\n',
    );
  });

  it('keeps $? from the last command and honours && and ||', async () => {
    const s = session();
    expect(
      await s.type('false; echo $?', 'true && echo yes || echo no', 'false && echo yes || echo no'),
    ).toBe(
      '$ false; echo $?\n1\n$ true && echo yes || echo no\nyes\n$ false && echo yes || echo no\nno\n',
    );
  });

  it('runs a one-line for loop and a loop typed over several lines with the > prompt', async () => {
    const s = session();
    expect(await s.type('for i in 0 1 2; do echo "web-$i"; done')).toBe(
      '$ for i in 0 1 2; do echo "web-$i"; done\nweb-0\nweb-1\nweb-2\n',
    );
    expect(await s.type('for i in a b', 'do', 'echo $i', 'done')).toBe(
      '$ for i in a b\n> do\n> echo $i\n> done\na\nb\n',
    );
  });

  it('substitutes command output and splits it into words for a loop', async () => {
    const s = await withDatabase();
    expect(await s.type('for p in $(kubectl get pods -o name); do echo "[$p]"; done')).toBe(
      '$ for p in $(kubectl get pods -o name); do echo "[$p]"; done\n[pod/db-cluster-0]\n[pod/db-cluster-1]\n[pod/db-cluster-2]\n',
    );
  });

  it('pipes kubectl into grep, head, tail, wc and sort', async () => {
    const s = await withDatabase();
    expect((await s.run('kubectl get pods | grep -v NAME | wc -l')).stdout).toBe('3\n');
    expect((await s.run('kubectl get pods -o name | grep -E "cluster-(0|2)"')).stdout).toBe(
      'pod/db-cluster-0\npod/db-cluster-2\n',
    );
    expect((await s.run('kubectl get pods -o name | grep -i DB-CLUSTER-1')).stdout).toBe(
      'pod/db-cluster-1\n',
    );
    expect((await s.run('kubectl get pods -o name | sort -r | head -n 1')).stdout).toBe(
      'pod/db-cluster-2\n',
    );
    expect((await s.run('kubectl get pods -o name | tail -n 2')).stdout).toBe(
      'pod/db-cluster-1\npod/db-cluster-2\n',
    );
    const miss = await s.run('kubectl get pods | grep nothing');
    expect(miss).toEqual({ stdout: '', stderr: '', exitCode: 1 });
  });

  it('collects a here-document with the > prompt and feeds it to kubectl apply -f -', async () => {
    const s = session();
    const screen = await s.type(
      'cat <<EOF | kubectl apply -f -',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: nginx',
      'spec:',
      '  clusterIP: None',
      '  ports:',
      '  - port: 80',
      'EOF',
    );
    expect(screen).toBe(
      '$ cat <<EOF | kubectl apply -f -\n> apiVersion: v1\n> kind: Service\n> metadata:\n>   name: nginx\n> spec:\n>   clusterIP: None\n>   ports:\n>   - port: 80\n> EOF\nservice/nginx created\n',
    );
    expect(s.shell.prompt()).toBe('$ ');
    expect(s.cluster.get('Service', 'default', 'nginx').ok).toBe(true);
  });

  it('expands variables in an unquoted here-document but not in a quoted one', async () => {
    const s = session();
    await s.run('name=web');
    expect(
      await s.type('cat <<EOF', 'hello $name', 'EOF', "cat <<'EOF'", 'hello $name', 'EOF'),
    ).toBe(
      "$ cat <<EOF\n> hello $name\n> EOF\nhello web\n$ cat <<'EOF'\n> hello $name\n> EOF\nhello $name\n",
    );
  });

  it('writes host files with > and >>, and lists them with ls', async () => {
    const s = session();
    expect(
      await s.type('echo one > notes.txt', 'echo two >> notes.txt', 'cat notes.txt', 'ls'),
    ).toBe(
      '$ echo one > notes.txt\n$ echo two >> notes.txt\n$ cat notes.txt\none\ntwo\n$ ls\ndb-cluster.yaml  notes.txt\n',
    );
  });

  it('reports unknown commands like bash, syntax errors like sh, and never rejects', async () => {
    const s = session();
    expect(await s.run('foo bar')).toEqual({
      stdout: '',
      stderr: 'foo: command not found\n',
      exitCode: 127,
    });
    expect(await s.run('echo a ;; echo b')).toEqual({
      stdout: '',
      stderr: "sh: syntax error near unexpected token `;'\n",
      exitCode: 2,
    });
    expect((await s.run('kubectl get pods 2>/dev/null')).stderr).toBe('');
    expect((await s.run('kubectl get pods 2>&1')).stdout).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('runs a watch in the background while other commands move time, until kill %1', async () => {
    const s = session();
    await s.run('kubectl apply -f db-cluster.yaml');
    const started = await s.type('kubectl get pods -w &');
    expect(started).toBe('$ kubectl get pods -w &\n[1] 4242\n');
    const during = await s.type('sleep 15');
    expect(during).toMatch(
      /^\$ sleep 15\nNAME {11}READY {3}STATUS {4}RESTARTS {3}AGE\ndb-cluster-0 {3}0\/1 {5}Pending/,
    );
    expect(await s.type('jobs')).toBe(
      '$ jobs\n[1]+  Running                 kubectl get pods -w &\n',
    );
    expect(await s.type('kill %1')).toBe(
      '$ kill %1\n[1]+  Terminated              kubectl get pods -w\n',
    );
    // Once killed, the watch prints nothing more.
    expect(await s.type('sleep 30')).toBe('$ sleep 30\n');
    expect(await s.type('sleep 1 &', 'sleep 2')).toBe(
      '$ sleep 1 &\n[1] 4243\n$ sleep 2\n[1]+  Done                    sleep 1\n',
    );
  });

  it('prints the clear-screen sequence for clear', async () => {
    const s = session();
    expect((await s.run('clear')).stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
  });
});

describe('inside containers (kubectl exec)', () => {
  it('runs hostname, env and sh -c in the pod', async () => {
    const s = await withDatabase();
    expect(await s.type('kubectl exec db-cluster-1 -- hostname')).toBe(
      '$ kubectl exec db-cluster-1 -- hostname\ndb-cluster-1\n',
    );
    expect((await s.run('kubectl exec sts/db-cluster -- hostname')).stdout).toBe('db-cluster-0\n');
    expect((await s.run('kubectl exec svc/db-service -- hostname')).stdout).toBe('db-cluster-0\n');
    expect((await s.run('kubectl exec -c nope db-cluster-0 -- hostname')).stderr).toBe(
      'Error from server (BadRequest): container nope is not valid for pod db-cluster-0\n',
    );
    expect((await s.run('kubectl exec db-cluster-0 -- env')).stdout).toContain(
      'HOSTNAME=db-cluster-0\n',
    );
    expect(
      (await s.run(`kubectl exec db-cluster-2 -- sh -c 'echo $HOSTNAME; exit 4'`)).stderr,
    ).toBe('command terminated with exit code 4\n');
  });

  it('keeps data on the PVC across pod deletion, and loses files outside it', async () => {
    const s = await withDatabase();
    await s.run(
      `kubectl exec db-cluster-0 -- sh -c 'echo kept > /var/lib/database/a.txt; echo lost > /tmp/b.txt'`,
    );
    expect((await s.run('kubectl exec db-cluster-0 -- cat /tmp/b.txt')).stdout).toBe('lost\n');
    await s.run('kubectl delete pod db-cluster-0');
    await s.run('kubectl rollout status sts/db-cluster');
    expect(
      await s.type('kubectl exec db-cluster-0 -- cat /var/lib/database/a.txt /tmp/b.txt'),
    ).toBe(
      '$ kubectl exec db-cluster-0 -- cat /var/lib/database/a.txt /tmp/b.txt\nkept\ncat: /tmp/b.txt: No such file or directory\ncommand terminated with exit code 1\n',
    );
    expect((await s.run('kubectl exec db-cluster-0 -- ls /var/lib/database')).stdout).toBe(
      'a.txt\n',
    );
  });

  it('fails like kubectl for a missing pod, a pod not running yet, and an unknown program', async () => {
    const s = await withDatabase();
    expect(await s.run('kubectl exec nope -- ls')).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
    expect((await s.run('kubectl exec db-cluster-0 -- foo')).stderr).toBe(
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n',
    );
    expect((await s.run('kubectl exec db-cluster-0 hostname')).stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    await s.run('kubectl delete pod db-cluster-1 --wait=false');
    // Let the replacement appear and be scheduled, but not start.
    for (let i = 0; i < 10_000; i++) {
      const p = s.cluster.get('Pod', 'default', 'db-cluster-1');
      if (p.ok && p.object.metadata.deletionTimestamp === undefined && p.object.spec.nodeName)
        break;
      s.cluster.step();
    }
    expect((await s.run('kubectl exec db-cluster-1 -- hostname')).stderr).toBe(
      'error: unable to upgrade connection: container not found ("database")\n',
    );
  });

  it('opens an interactive shell with -it and leaves it with exit', async () => {
    const s = await withDatabase();
    expect(
      await s.type(
        'kubectl exec -it db-cluster-0 -- sh',
        'hostname',
        'echo hi > /tmp/x; cat /tmp/x',
        'exit',
      ),
    ).toBe(
      '$ kubectl exec -it db-cluster-0 -- sh\n# hostname\ndb-cluster-0\n# echo hi > /tmp/x; cat /tmp/x\nhi\n# exit\n',
    );
    expect(s.shell.prompt()).toBe('$ ');
    expect(await s.type('kubectl exec -it db-cluster-0 -- bash', 'nslookup', 'exit 2')).toContain(
      'root@db-cluster-0:/# exit 2\ncommand terminated with exit code 2\n',
    );
  });

  it('serves index.html from the html volume with curl http://localhost/', async () => {
    const s = session();
    await s.run('kubectl apply -f web.yaml');
    await s.run('kubectl rollout status sts/web');
    await s.run(
      `for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done`,
    );
    expect((await s.run('kubectl exec web-1 -- curl http://localhost/')).stdout).toBe('web-1\n');
    expect((await s.run('kubectl exec web-0 -- curl -s web-1.nginx')).stdout).toBe('web-1\n');
  });
});

describe('kubectl run with busybox', () => {
  it('answers nslookup from the cluster DNS and removes the pod with --rm', async () => {
    const s = session();
    await s.run('kubectl apply -f web.yaml');
    await s.run('kubectl rollout status sts/web');
    const ip = (await s.run(`kubectl get pod web-0 -o jsonpath='{.status.podIP}'`)).stdout;
    const screen = await s.type(
      'kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm -- nslookup web-0.nginx',
    );
    expect(screen).toBe(
      `$ kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm -- nslookup web-0.nginx
All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.
If you don't see a command prompt, try pressing enter.
Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      web-0.nginx
Address 1: ${ip} web-0.nginx.default.svc.cluster.local
pod "dns-test" deleted from default namespace
`,
    );
    expect(s.cluster.get('Pod', 'default', 'dns-test').ok).toBe(false);
  });

  it('gives a busybox prompt for -it without a command, and deletes the pod after exit', async () => {
    const s = session();
    const screen = await s.type(
      'kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm',
      'nslookup web-9.nginx',
      'exit',
    );
    expect(screen).toBe(`$ kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm
All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.
If you don't see a command prompt, try pressing enter.
/ # nslookup web-9.nginx
Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

nslookup: can't resolve 'web-9.nginx'
/ # exit
pod "dns-test" deleted from default namespace
pod default/dns-test terminated (Error)
`);
    // `exit` keeps the status of the failed lookup, so the container ends in Error.
  });

  it('creates a pod without attaching', async () => {
    const s = session();
    expect(
      await s.run('kubectl run box --image=busybox:1.28 --restart=Never -- sleep 3600'),
    ).toEqual({
      stdout: 'pod/box created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(await s.run('kubectl run box2 --image=busybox --rm -- sh')).toEqual({
      stdout: '',
      stderr:
        "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n",
      exitCode: 1,
    });
  });
});

describe('hostile input', () => {
  it('ends an unterminated backquote inside a quoted string instead of looping (found by the fuzz test)', async () => {
    const shell = createShell({ cluster: createCluster({ seed: 9 }) });
    await shell.run('spb"/`');
    const result = await shell.run('[ywUL"SNe1');
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toContain('command not found');
  });
});
