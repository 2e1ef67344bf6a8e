// `kubectl describe` for Deployments, ReplicaSets and DaemonSets (kubectl 1.35
// pkg/describe/describe.go: DeploymentDescriber, ReplicaSetDescriber, DaemonSetDescriber, with
// DescribePodTemplate), against kind's system workloads and a learner's Deployment.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { runKubectl } from '../../src/kubectl/index.ts';
import type { KubectlEnv } from '../../src/kubectl/index.ts';
import type { Deployment } from '../../src/sim/index.ts';
import { describeDeployment } from '../../src/kubectl/printers/describe.ts';

function env(): KubectlEnv & { cluster: ReturnType<typeof createCluster> } {
  return { cluster: createCluster({ seed: 1 }) };
}

const WEB = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 2',
  '  selector:',
  '    matchLabels:',
  '      app: web',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: web',
  '    spec:',
  '      containers:',
  '      - name: nginx',
  '        image: nginx:1.27',
  '',
].join('\n');

/** The coredns pod template after its labels, as the Deployment and its ReplicaSet print it. */
const COREDNS_TEMPLATE_BODY = [
  '  Service Account:  coredns',
  '  Containers:',
  '   coredns:',
  '    Image:       registry.k8s.io/coredns/coredns:v1.12.1',
  '    Ports:       53/UDP (dns), 53/TCP (dns-tcp), 9153/TCP (metrics)',
  '    Host Ports:  0/UDP (dns), 0/TCP (dns-tcp), 0/TCP (metrics)',
  '    Args:',
  '      -conf',
  '      /etc/coredns/Corefile',
  '    Limits:',
  '      memory:  170Mi',
  '    Requests:',
  '      cpu:        100m',
  '      memory:     70Mi',
  '    Liveness:     http-get http://:8080/health delay=60s timeout=5s period=10s #success=1 #failure=5',
  '    Readiness:    http-get http://:8181/ready delay=0s timeout=1s period=10s #success=1 #failure=3',
  '    Environment:  <none>',
  '    Mounts:',
  '      /etc/coredns from config-volume (ro)',
  '  Volumes:',
  '   config-volume:',
  '    Type:               ConfigMap (a volume populated by a ConfigMap)',
  '    Name:               coredns',
  '    Optional:           false',
  '  Priority Class Name:  system-cluster-critical',
  '  Node-Selectors:       kubernetes.io/os=linux',
  '  Tolerations:          CriticalAddonsOnly op=Exists',
  '                        node-role.kubernetes.io/control-plane:NoSchedule',
];

const COREDNS =
  [
    'Name:                   coredns',
    'Namespace:              kube-system',
    'CreationTimestamp:      Sun, 21 Dec 2025 23:58:00 +0000',
    'Labels:                 k8s-app=kube-dns',
    'Annotations:            deployment.kubernetes.io/revision: 1',
    'Selector:               k8s-app=kube-dns',
    'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable',
    'StrategyType:           RollingUpdate',
    'MinReadySeconds:        0',
    'RollingUpdateStrategy:  1 max unavailable, 25% max surge',
    'Pod Template:',
    '  Labels:           k8s-app=kube-dns',
    ...COREDNS_TEMPLATE_BODY,
    'Conditions:',
    '  Type           Status  Reason',
    '  ----           ------  ------',
    '  Available      True    MinimumReplicasAvailable',
    '  Progressing    True    NewReplicaSetAvailable',
    'OldReplicaSets:  <none>',
    'NewReplicaSet:   coredns-5cf76b457f (2/2 replicas created)',
    'Events:          <none>',
  ].join('\n') + '\n';

const KINDNET =
  [
    'Name:           kindnet',
    'Namespace:      kube-system',
    'Selector:       app=kindnet',
    'Node-Selector:  kubernetes.io/os=linux',
    'Labels:         app=kindnet',
    '                k8s-app=kindnet',
    '                tier=node',
    'Annotations:    <none>',
    'Desired Number of Nodes Scheduled: 4',
    'Current Number of Nodes Scheduled: 4',
    'Number of Nodes Scheduled with Up-to-date Pods: 4',
    'Number of Nodes Scheduled with Available Pods: 4',
    'Number of Nodes Misscheduled: 0',
    'Pods Status:  4 Running / 0 Waiting / 0 Succeeded / 0 Failed',
    'Pod Template:',
    '  Labels:           app=kindnet',
    '                    k8s-app=kindnet',
    '                    tier=node',
    '  Service Account:  kindnet',
    '  Containers:',
    '   kindnet-cni:',
    '    Image:      docker.io/kindest/kindnetd:v20251010-4b2a3d1f',
    '    Port:       <none>',
    '    Host Port:  <none>',
    '    Limits:',
    '      cpu:     100m',
    '      memory:  50Mi',
    '    Requests:',
    '      cpu:     100m',
    '      memory:  50Mi',
    '    Environment:',
    '      HOST_IP:      (v1:status.hostIP)',
    '      POD_IP:       (v1:status.podIP)',
    '      POD_SUBNET:  10.244.0.0/16',
    '    Mounts:',
    '      /etc/cni/net.d from cni-cfg (rw)',
    '      /lib/modules from lib-modules (ro)',
    '      /run/xtables.lock from xtables-lock (rw)',
    '  Volumes:',
    '   cni-cfg:',
    '    Type:          HostPath (bare host directory volume)',
    '    Path:          /etc/cni/net.d',
    '    HostPathType:  ',
    '   xtables-lock:',
    '    Type:          HostPath (bare host directory volume)',
    '    Path:          /run/xtables.lock',
    '    HostPathType:  FileOrCreate',
    '   lib-modules:',
    '    Type:          HostPath (bare host directory volume)',
    '    Path:          /lib/modules',
    '    HostPathType:  ',
    '  Node-Selectors:  kubernetes.io/os=linux',
    '  Tolerations:     op=Exists',
    'Events:            <none>',
  ].join('\n') + '\n';

const COREDNS_RS =
  [
    'Name:           coredns-5cf76b457f',
    'Namespace:      kube-system',
    'Selector:       k8s-app=kube-dns,pod-template-hash=5cf76b457f',
    'Labels:         k8s-app=kube-dns',
    '                pod-template-hash=5cf76b457f',
    'Annotations:    deployment.kubernetes.io/desired-replicas: 2',
    '                deployment.kubernetes.io/max-replicas: 3',
    '                deployment.kubernetes.io/revision: 1',
    'Controlled By:  Deployment/coredns',
    'Replicas:       2 current / 2 desired',
    'Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
    'Pod Template:',
    '  Labels:           k8s-app=kube-dns',
    '                    pod-template-hash=5cf76b457f',
    ...COREDNS_TEMPLATE_BODY,
    'Events:                 <none>',
  ].join('\n') + '\n';

const WEB_CREATED =
  [
    'Name:                   web',
    'Namespace:              default',
    'CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000',
    'Labels:                 <none>',
    'Annotations:            deployment.kubernetes.io/revision: 1',
    'Selector:               app=web',
    'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable',
    'StrategyType:           RollingUpdate',
    'MinReadySeconds:        0',
    'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
    'Pod Template:',
    '  Labels:  app=web',
    '  Containers:',
    '   nginx:',
    '    Image:         nginx:1.27',
    '    Port:          <none>',
    '    Host Port:     <none>',
    '    Environment:   <none>',
    '    Mounts:        <none>',
    '  Volumes:         <none>',
    '  Node-Selectors:  <none>',
    '  Tolerations:     <none>',
    'Conditions:',
    '  Type           Status  Reason',
    '  ----           ------  ------',
    '  Available      True    MinimumReplicasAvailable',
    '  Progressing    True    NewReplicaSetAvailable',
    'OldReplicaSets:  <none>',
    'NewReplicaSet:   web-fc6f7c569 (2/2 replicas created)',
    'Events:',
    '  Type    Reason             Age   From                   Message',
    '  ----    ------             ----  ----                   -------',
    '  Normal  ScalingReplicaSet  7s    deployment-controller  Scaled up replica set web-fc6f7c569 from 0 to 2',
  ].join('\n') + '\n';

const WEB_ROLLED =
  [
    'Name:                   web',
    'Namespace:              default',
    'CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000',
    'Labels:                 <none>',
    'Annotations:            deployment.kubernetes.io/revision: 2',
    'Selector:               app=web',
    'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable',
    'StrategyType:           RollingUpdate',
    'MinReadySeconds:        0',
    'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
    'Pod Template:',
    '  Labels:  app=web',
    '  Containers:',
    '   nginx:',
    '    Image:         nginx:1.28',
    '    Port:          <none>',
    '    Host Port:     <none>',
    '    Environment:   <none>',
    '    Mounts:        <none>',
    '  Volumes:         <none>',
    '  Node-Selectors:  <none>',
    '  Tolerations:     <none>',
    'Conditions:',
    '  Type           Status  Reason',
    '  ----           ------  ------',
    '  Available      True    MinimumReplicasAvailable',
    '  Progressing    True    NewReplicaSetAvailable',
    'OldReplicaSets:  <none>',
    'NewReplicaSet:   web-594cf6b47d (2/2 replicas created)',
    'Events:',
    '  Type    Reason             Age   From                   Message',
    '  ----    ------             ----  ----                   -------',
    '  Normal  ScalingReplicaSet  24s   deployment-controller  Scaled up replica set web-fc6f7c569 from 0 to 2',
    '  Normal  ScalingReplicaSet  17s   deployment-controller  Scaled up replica set web-594cf6b47d from 0 to 1',
    '  Normal  ScalingReplicaSet  5s    deployment-controller  Scaled down replica set web-fc6f7c569 from 2 to 1',
    '  Normal  ScalingReplicaSet  4s    deployment-controller  Scaled up replica set web-594cf6b47d from 1 to 2',
    '  Normal  ScalingReplicaSet  2s    deployment-controller  Scaled down replica set web-fc6f7c569 from 1 to 0',
  ].join('\n') + '\n';

async function out(e: KubectlEnv, args: string[]): Promise<string> {
  const r = await runKubectl(args, e);
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('describe deployment, replicaset, daemonset', () => {
  it('describes the coredns Deployment: strategy, pod template, conditions, new ReplicaSet', async () => {
    const e = env();
    expect(await out(e, ['describe', 'deployment', 'coredns', '-n', 'kube-system'])).toBe(COREDNS);
  });

  it('describes the kindnet DaemonSet: node counts, pod phases, env from fields', async () => {
    const e = env();
    expect(await out(e, ['describe', 'daemonset', 'kindnet', '-n', 'kube-system'])).toBe(KINDNET);
  });

  it('describes the coredns ReplicaSet: Controlled By, current / desired, pod phases', async () => {
    const e = env();
    expect(await out(e, ['describe', 'rs', '-n', 'kube-system'])).toBe(COREDNS_RS);
  });

  it('describes a learner Deployment before and after a rollout, with its events', async () => {
    const e = env();
    await runKubectl(['apply', '-f', '-'], { ...e, stdin: WEB });
    e.cluster.runUntilIdle();
    expect(await out(e, ['describe', 'deploy', 'web'])).toBe(WEB_CREATED);
    await runKubectl(['set', 'image', 'deploy/web', 'nginx=nginx:1.28'], e);
    e.cluster.runUntilIdle();
    expect(await out(e, ['describe', 'deploy', 'web'])).toBe(WEB_ROLLED);
  });

  it('lists the old ReplicaSet mid-rollout and leaves out Events with --show-events=false', async () => {
    const e = env();
    await runKubectl(['apply', '-f', '-'], { ...e, stdin: WEB });
    e.cluster.runUntilIdle();
    await runKubectl(['set', 'image', 'deploy/web', 'nginx=nginx:1.28'], e);
    e.cluster.advance(10_000);
    const text = await out(e, ['describe', 'deploy', 'web', '--show-events=false']);
    const tail = text.slice(text.indexOf('Conditions:'));
    const rs = (await out(e, ['get', 'rs', '-o', 'name'])).trim().split('\n');
    const oldRS = rs.find((n) => n.includes('fc6f7c569'))?.replace('replicaset.apps/', '');
    const newRS = rs.find((n) => !n.includes('fc6f7c569'))?.replace('replicaset.apps/', '');
    expect(tail).toBe(
      [
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    ReplicaSetUpdated',
        `OldReplicaSets:  ${oldRS ?? ''} (2/2 replicas created)`,
        `NewReplicaSet:   ${newRS ?? ''} (1/1 replicas created)`,
        '',
      ].join('\n'),
    );
  });

  it('prints no OldReplicaSets/NewReplicaSet lines when the Deployment owns no ReplicaSet', async () => {
    const e = env();
    const d = await out(e, ['describe', 'deploy', 'coredns', '-n', 'kube-system']);
    expect(d).toContain('NewReplicaSet:');
    await runKubectl(['delete', 'rs', '--all', '-n', 'kube-system', '--cascade=orphan'], e);
    const after = await out(e, [
      'describe',
      'deploy',
      'coredns',
      '-n',
      'kube-system',
      '--show-events=false',
    ]);
    expect(after).not.toContain('NewReplicaSet:');
  });

  it('prints Recreate without RollingUpdateStrategy and topology spread constraints by key', () => {
    // The simulator's API rejects topologySpreadConstraints, so the printer is called directly.
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 't', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 't' } },
        strategy: { type: 'Recreate' },
        template: {
          metadata: { labels: { app: 't' } },
          spec: {
            containers: [{ name: 'c', image: 'nginx' }],
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'zone',
                whenUnsatisfiable: 'DoNotSchedule',
                labelSelector: { matchLabels: { app: 't' } },
              },
              {
                maxSkew: 2,
                topologyKey: 'kubernetes.io/hostname',
                whenUnsatisfiable: 'ScheduleAnyway',
              },
            ],
          },
        },
      },
    } as unknown as Deployment;
    expect(describeDeployment(d, [], undefined, undefined, 0)).toBe(
      [
        'Name:               t',
        'Namespace:          default',
        'CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000',
        'Labels:             <none>',
        'Annotations:        <none>',
        'Selector:           app=t',
        'Replicas:           1 desired | 0 updated | 0 total | 0 available | 0 unavailable',
        'StrategyType:       Recreate',
        'MinReadySeconds:    0',
        'Pod Template:',
        '  Labels:  app=t',
        '  Containers:',
        '   c:',
        '    Image:                      nginx',
        '    Port:                       <none>',
        '    Host Port:                  <none>',
        '    Environment:                <none>',
        '    Mounts:                     <none>',
        '  Volumes:                      <none>',
        '  Topology Spread Constraints:  kubernetes.io/hostname:ScheduleAnyway when max skew 2 is exceeded',
        '                                zone:DoNotSchedule when max skew 1 is exceeded for selector app=t',
        '  Node-Selectors:               <none>',
        '  Tolerations:                  <none>',
        '',
      ].join('\n'),
    );
  });
});
