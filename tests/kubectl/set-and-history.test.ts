// kubectl set image / set env and `rollout history --revision=N`, at transcript level. The
// expected texts come from kubectl release-1.35 sources: pkg/cmd/set/{set,set_image,set_env,
// helper}.go, set/env/env_parse.go, pkg/cmd/util/helpers.go (checkErr, GetResourcesAndPairs,
// ParsePairs), cli-runtime builder.go, pkg/polymorphichelpers/history.go (printTemplate) and
// pkg/describe/describe.go (DescribePodTemplate and the helpers it calls).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import type { StatefulSet } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import { readBuiltin } from '../../src/cli/builtin-files.ts';

const WEB = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: front
      annotations:
        example.com/note: hello
    spec:
      nodeSelector:
        disk: ssd
      tolerations:
        - key: dedicated
          operator: Equal
          value: web
          effect: NoSchedule
      initContainers:
        - name: init
          image: busybox:1.36
          command: ['sh', '-c', 'echo hi']
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
              name: http
            - containerPort: 443
              name: https
          env:
            - name: MODE
              value: prod
          readinessProbe:
            httpGet:
              path: /
              port: 80
            periodSeconds: 5
`;

const FILES: Record<string, string> = { 'web.yaml': WEB };

async function ready() {
  const cluster = createCluster({ seed: 1 });
  const readFile = (p: string) => (Object.hasOwn(FILES, p) ? FILES[p] : readBuiltin(p));
  const env = { cluster, readFile };
  const k = (line: string) => runKubectl(line.split(' '), env);
  await k('apply -f db-cluster.yaml');
  await k('rollout status sts/db-cluster');
  return { cluster, k };
}

function stsOf(cluster: ReturnType<typeof createCluster>, name: string): StatefulSet {
  const got = cluster.get('StatefulSet', 'default', name);
  if (!got.ok) throw new Error(`no StatefulSet ${name}`);
  return got.object;
}

function imageOf(cluster: ReturnType<typeof createCluster>, name = 'db-cluster'): string {
  return stsOf(cluster, name).spec.template.spec.containers[0]?.image ?? '';
}

const MISSING_RESOURCE =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";

describe('kubectl set image', () => {
  it('updates the named container through every way of naming the object', async () => {
    const { cluster, k } = await ready();
    // NewPrintFlags("image updated"): the name printer's `kind.group/name operation`
    expect(await k('set image statefulset/db-cluster database=my-database-image:v2')).toEqual({
      stdout: 'statefulset.apps/db-cluster image updated\n',
      stderr: '',
      exitCode: 0,
    });
    expect(imageOf(cluster)).toBe('my-database-image:v2');
    expect((await k('set image sts db-cluster database=my-database-image:v3')).stdout).toBe(
      'statefulset.apps/db-cluster image updated\n',
    );
    expect((await k('set image sts.apps/db-cluster database=my-database-image:v4')).stdout).toBe(
      'statefulset.apps/db-cluster image updated\n',
    );
    expect(imageOf(cluster)).toBe('my-database-image:v4');
    // the controller rolls the change out as a new revision
    await k('rollout status sts/db-cluster');
    const s = stsOf(cluster, 'db-cluster').status;
    expect(s?.updatedReplicas).toBe(3);
    expect(s?.currentRevision).toBe(s?.updateRevision);
  });

  it('prints nothing when the image is already set (CalculatePatches skips an empty patch)', async () => {
    const { k } = await ready();
    expect(await k('set image sts/db-cluster database=my-database-image:latest')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
  });

  it('reports containers it cannot find after updating the ones it can', async () => {
    const { cluster, k } = await ready();
    expect(await k('set image sts/db-cluster nope=x')).toEqual({
      stdout: '',
      stderr: 'error: unable to find container named "nope"\n',
      exitCode: 1,
    });
    // several errors: MultipleErrors, one line each, no prefix added (they carry their own)
    expect(await k('set image sts/db-cluster database=my-database-image:v2 a=x b=y')).toEqual({
      stdout: 'statefulset.apps/db-cluster image updated\n',
      stderr:
        'error: unable to find container named "a"\nerror: unable to find container named "b"\n',
      exitCode: 1,
    });
    expect(imageOf(cluster)).toBe('my-database-image:v2');
  });

  it('sets every container and init container with *', async () => {
    const { cluster, k } = await ready();
    await k('apply -f web.yaml');
    expect((await k('set image sts/web *=busybox:1.37')).stdout).toBe(
      'statefulset.apps/web image updated\n',
    );
    const spec = stsOf(cluster, 'web').spec.template.spec;
    expect(spec.containers[0]?.image).toBe('busybox:1.37');
    expect(spec.initContainers?.[0]?.image).toBe('busybox:1.37');
    // an init container is found by name too
    expect((await k('set image sts/web init=busybox:1.38')).stdout).toBe(
      'statefulset.apps/web image updated\n',
    );
    expect(stsOf(cluster, 'web').spec.template.spec.initContainers?.[0]?.image).toBe(
      'busybox:1.38',
    );
  });

  it('words argument errors as set_image.go and the resource builder do', async () => {
    const { k } = await ready();
    expect((await k('set image sts/db-cluster')).stderr).toBe(
      'error: at least one image update is required\n',
    );
    expect((await k('set image')).stderr).toBe(MISSING_RESOURCE);
    expect((await k('set image database=x')).stderr).toBe(MISSING_RESOURCE);
    expect((await k('set image sts database=x')).stderr).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
    expect((await k('set image sts/db-cluster database-')).stderr).toBe(
      'error: invalid image format: database-\n',
    );
    expect((await k('set image database=x sts/db-cluster')).stderr).toBe(
      'error: all resources must be specified before image changes: sts/db-cluster\n',
    );
    expect((await k('set image sts/db-cluster *=a database=b')).stderr).toBe(
      'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n',
    );
    // Validate aggregates: several problems print one per line without a prefix
    expect((await k('set image sts --all -l app=database')).stderr).toBe(
      'cannot set --all and --selector at the same time\nat least one image update is required\n',
    );
    expect((await k('set image sts/nope database=x')).stderr).toBe(
      'Error from server (NotFound): statefulsets.apps "nope" not found\n',
    );
    expect((await k('set image svc/db-service database=x')).stderr).toBe(
      'error: services/db-service the object is not a pod or does not have a pod template: *v1.Service\n',
    );
    expect((await k('set image sts/db-cluster database=x -o wide')).stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml\n',
    );
    expect((await k('set image sts/db-cluster database=x --dry-run=maybe')).stderr).toBe(
      'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n',
    );
    expect((await k('set image sts/db-cluster database=x --local')).stderr).toBe(
      "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n",
    );
    expect((await k('set image sts/db-cluster database=x --list')).stderr).toBe(
      "error: unknown flag: --list\nSee 'kubectl set image --help' for usage.\n",
    );
    expect(await k('set image sts/db-cluster database=x --bogus')).toEqual({
      stdout: '',
      stderr: "error: unknown flag: --bogus\nSee 'kubectl set image --help' for usage.\n",
      exitCode: 1,
    });
  });

  it('changes nothing when one of the named objects is missing (Infos fails first)', async () => {
    const { cluster, k } = await ready();
    expect(await k('set image sts db-cluster nope other database=x')).toEqual({
      stdout: '',
      stderr:
        'Error from server (NotFound): statefulsets.apps "nope" not found\nError from server (NotFound): statefulsets.apps "other" not found\n',
      exitCode: 1,
    });
    expect(imageOf(cluster)).toBe('my-database-image:latest');
  });

  it('rejects an empty image with the API error wrapped by set_image.go', async () => {
    const { k } = await ready();
    expect((await k('set image sts/db-cluster database=')).stderr).toBe(
      'error: failed to patch image update to pod template: StatefulSet.apps "db-cluster" is invalid: spec.template.spec.containers[0].image: Required value\n',
    );
  });

  it('dry runs, -o name, -o yaml, -l and --all', async () => {
    const { cluster, k } = await ready();
    expect((await k('set image sts/db-cluster database=v2 --dry-run=client')).stdout).toBe(
      'statefulset.apps/db-cluster image updated (dry run)\n',
    );
    expect((await k('set image sts/db-cluster database=v2 --dry-run=server')).stdout).toBe(
      'statefulset.apps/db-cluster image updated (server dry run)\n',
    );
    expect(imageOf(cluster)).toBe('my-database-image:latest');
    expect((await k('set image sts/db-cluster database=v2 -o name')).stdout).toBe(
      'statefulset.apps/db-cluster\n',
    );
    const yaml = (await k('set image sts/db-cluster database=v3 -o yaml')).stdout;
    expect(yaml.startsWith('apiVersion: apps/v1\nkind: StatefulSet\n')).toBe(true);
    expect(yaml).toContain('      - image: v3\n');
    expect(
      (
        await k(
          'set image sts/db-cluster database=v4 -o jsonpath={.spec.template.spec.containers[0].image}',
        )
      ).stdout,
    ).toBe('v4');
    // -l filters on the objects' own labels: the StatefulSet has none, its pods have app=database
    expect(await k('set image sts -l app=database database=v5')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    expect((await k('set image pods -l app=database database=v5')).stdout).toBe(
      'pod/db-cluster-0 image updated\npod/db-cluster-1 image updated\npod/db-cluster-2 image updated\n',
    );
    expect((await k('set image sts --all database=v6')).stdout).toBe(
      'statefulset.apps/db-cluster image updated\n',
    );
    expect(imageOf(cluster)).toBe('v6');
  });

  it('sets the image of a pod and of the objects a file names', async () => {
    const { cluster, k } = await ready();
    expect((await k('set image pod/db-cluster-0 database=my-database-image:v2')).stdout).toBe(
      'pod/db-cluster-0 image updated\n',
    );
    const pod = cluster.get('Pod', 'default', 'db-cluster-0');
    expect(pod.ok && pod.object.spec.containers[0]?.image).toBe('my-database-image:v2');
    // -f: the live object (builder.Latest) is changed; the Service in the file has no pod template
    expect(await k('set image -f db-cluster.yaml database=my-database-image:v3')).toEqual({
      stdout: 'statefulset.apps/db-cluster image updated\n',
      stderr:
        'error: services/db-service the object is not a pod or does not have a pod template: *v1.Service\n',
      exitCode: 1,
    });
    expect(imageOf(cluster)).toBe('my-database-image:v3');
    // --local -f: printed, the server is not asked
    expect((await k('set image -f web.yaml web=nginx:1.28 --local -o name')).stdout).toBe(
      'statefulset.apps/web\n',
    );
    expect(cluster.get('StatefulSet', 'default', 'web').ok).toBe(false);
  });

  it('records the command with the deprecated --record flag', async () => {
    const { cluster, k } = await ready();
    expect(await k('set image sts/db-cluster database=my-database-image:v2 --record')).toEqual({
      stdout: 'statefulset.apps/db-cluster image updated\n',
      stderr: 'Flag --record has been deprecated, --record will be removed in the future\n',
      exitCode: 0,
    });
    expect(stsOf(cluster, 'db-cluster').metadata.annotations?.['kubernetes.io/change-cause']).toBe(
      'kubectl set image sts/db-cluster database=my-database-image:v2 --record=true',
    );
    await k('rollout status sts/db-cluster');
    expect((await k('rollout history sts/db-cluster')).stdout).toBe(
      'statefulset.apps/db-cluster \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image sts/db-cluster database=my-database-image:v2 --record=true\n\n',
    );
  });
});

describe('kubectl set (group) and help', () => {
  it('prints the group help to stderr without a subcommand, and the unknown-subcommand error', async () => {
    const { k } = await ready();
    const bare = await k('set');
    expect(bare.exitCode).toBe(1);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toBe(
      'Configure application resources.\n\n These commands help you make changes to existing application resources.\n\nAvailable Commands:\n' +
        '  env              Update environment variables on a pod template\n' +
        '  image            Update the image of a pod template\n' +
        '  resources        Update resource requests/limits on objects with pod templates\n' +
        '  selector         Set the selector on a resource\n' +
        '  serviceaccount   Update the service account of a resource\n' +
        '  subject          Update the user, group, or service account in a role binding or cluster role binding\n\n' +
        'Usage:\n  kubectl set SUBCOMMAND [options]\n\n' +
        'Use "kubectl set <command> --help" for more information about a given command.\n' +
        'Use "kubectl options" for a list of global command-line options (applies to all commands).\n',
    );
    expect((await k('set --help')).stdout).toBe(bare.stderr);
    expect(await k('set foo bar')).toEqual({
      stdout: '',
      stderr: 'error: unknown command "foo bar"\nSee \'kubectl set -h\' for help and examples\n',
      exitCode: 1,
    });
  });

  it('prints set image --help with its examples, options and usage', async () => {
    const { k } = await ready();
    const help = (await k('set image --help')).stdout;
    expect(help.startsWith('Update existing container image(s) of resources.\n\n')).toBe(true);
    expect(help).toContain('  kubectl set image daemonset abc *=nginx:1.9.1\n');
    expect(help).toContain(
      "    --field-manager='kubectl-set':\n\tName of the manager used to track field ownership.\n\n",
    );
    expect(help).not.toContain('--record');
    expect(
      help.endsWith(
        'Usage:\n  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
      ),
    ).toBe(true);
  });
});

describe('kubectl set env', () => {
  it('adds, lists, overwrites and removes variables', async () => {
    const { cluster, k } = await ready();
    expect((await k('set env sts/db-cluster MODE=replica TIER=db')).stdout).toBe(
      'statefulset.apps/db-cluster env updated\n',
    );
    expect((await k('set env sts/db-cluster --list')).stdout).toBe(
      '# StatefulSet db-cluster, container database\nMODE=replica\nTIER=db\n',
    );
    // --overwrite is on by default; replacing keeps the variable's place
    expect((await k('set env sts/db-cluster MODE=primary')).stdout).toBe(
      'statefulset.apps/db-cluster env updated\n',
    );
    expect(await k('set env sts/db-cluster TIER=x --overwrite=false')).toEqual({
      stdout: '',
      stderr:
        "error: statefulsets/db-cluster 'TIER' already has a value (db), and --overwrite is false\n",
      exitCode: 1,
    });
    expect((await k('set env sts/db-cluster MODE-')).stdout).toBe(
      'statefulset.apps/db-cluster env updated\n',
    );
    expect(stsOf(cluster, 'db-cluster').spec.template.spec.containers[0]?.env).toEqual([
      { name: 'TIER', value: 'db' },
    ]);
    // nothing changes: nothing printed
    expect((await k('set env sts/db-cluster MODE-')).stdout).toBe('');
    expect((await k('set env sts/db-cluster TIER-')).stdout).toBe(
      'statefulset.apps/db-cluster env updated\n',
    );
    expect(stsOf(cluster, 'db-cluster').spec.template.spec.containers[0]?.env).toBe(undefined);
  });

  it('selects containers with -c wildcards and warns when none match', async () => {
    const { k } = await ready();
    expect((await k('set env sts/db-cluster -c data* A=1')).stdout).toBe(
      'statefulset.apps/db-cluster env updated\n',
    );
    expect(await k('set env sts/db-cluster -c web B=1')).toEqual({
      stdout: '',
      stderr: 'Warning: StatefulSet/db-cluster does not have any containers matching "web"\n',
      exitCode: 0,
    });
  });

  it('words its errors as set_env.go and env_parse.go do', async () => {
    const { k } = await ready();
    expect((await k('set env sts/db-cluster 1BAD=x')).stderr).toBe(
      "error: \"1BAD\" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n",
    );
    expect((await k('set env sts/db-cluster A=1 A-')).stderr).toBe(
      'error: can not both modify and remove the same environment variable in the same command\n',
    );
    expect((await k('set env A=1 sts/db-cluster')).stderr).toBe(
      'error: all resources must be specified before environment changes: A=1 sts/db-cluster\n',
    );
    expect((await k('set env A=1')).stderr).toBe(
      'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n',
    );
    expect((await k('set env sts/db-cluster --list -o yaml')).stderr).toBe(
      'error: --list and --output may not be specified together\n',
    );
  });
});

describe('kubectl rollout history --revision', () => {
  it('prints the revision pod template through DescribePodTemplate, raw tabs and all', async () => {
    const { k } = await ready();
    await k('apply -f web.yaml');
    await k('rollout status sts/web');
    // history.go printTemplate writes to a plain buffer, so no tabwriter aligns the values; the
    // name printer adds the last newline (a blank line after Tolerations).
    expect(await k('rollout history sts/web --revision=1')).toEqual({
      stdout: [
        'statefulset.apps/web with revision #1',
        'Pod Template:',
        '  Labels:\tapp=web',
        '\ttier=front',
        '  Annotations:\texample.com/note: hello',
        '  Init Containers:',
        '   init:',
        '    Image:\tbusybox:1.36',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Command:',
        '      sh',
        '      -c',
        '      echo hi',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Containers:',
        '   web:',
        '    Image:\tnginx:1.27',
        '    Ports:\t80/TCP (http), 443/TCP (https)',
        '    Host Ports:\t0/TCP (http), 0/TCP (https)',
        '    Readiness:\thttp-get http://:80/ delay=0s timeout=1s period=5s #success=1 #failure=3',
        '    Environment:',
        '      MODE:\tprod',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\tdisk=ssd',
        '  Tolerations:\tdedicated=web:NoSchedule',
        '',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
  });

  it('shows each revision of db-cluster and the errors of unknown or negative revisions', async () => {
    const { k } = await ready();
    await k('set image sts/db-cluster database=my-database-image:v2');
    await k('rollout status sts/db-cluster');
    const template = (image: string): string =>
      'Pod Template:\n  Labels:\tapp=database\n  Containers:\n   database:\n' +
      `    Image:\t${image}\n    Port:\t3306/TCP (mysql)\n    Host Port:\t0/TCP (mysql)\n` +
      '    Environment:\t<none>\n    Mounts:\n      /var/lib/database from data-volume (rw)\n' +
      '  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n';
    expect((await k('rollout history sts/db-cluster --revision=1')).stdout).toBe(
      'statefulset.apps/db-cluster with revision #1\n' + template('my-database-image:latest'),
    );
    expect((await k('rollout history sts/db-cluster --revision=2')).stdout).toBe(
      'statefulset.apps/db-cluster with revision #2\n' + template('my-database-image:v2'),
    );
    expect(await k('rollout history sts/db-cluster --revision=7')).toEqual({
      stdout: '',
      stderr: 'error: unable to find the specified revision\n',
      exitCode: 1,
    });
    expect((await k('rollout history sts/db-cluster --revision=-1')).stderr).toBe(
      'error: revision must be a positive integer: -1\n',
    );
  });

  it('says when a set has no revisions yet', async () => {
    const cluster = createCluster({ seed: 1 });
    const env = { cluster, readFile: readBuiltin };
    const k = (line: string) => runKubectl(line.split(' '), env);
    await k('apply -f db-cluster.yaml');
    // printHistory returns "No rollout history found." before it looks for the revision
    expect((await k('rollout history sts/db-cluster --revision=3')).stdout).toBe(
      'statefulset.apps/db-cluster with revision #3\nNo rollout history found.\n',
    );
    expect((await k('rollout history sts/db-cluster')).stdout).toBe(
      'statefulset.apps/db-cluster \nNo rollout history found.\n',
    );
  });
});
