/**
 * The system workloads of a kind cluster (kind v0.31-ish node image for Kubernetes 1.35): the
 * control plane's static pods (their mirror pods), kubeadm's CoreDNS Deployment and kube-proxy
 * DaemonSet with the `kube-dns` Service, kind's kindnet DaemonSet, and the local-path
 * provisioner Deployment in `local-path-storage`.
 *
 * Sources: kubeadm `cmd/kubeadm/app/phases/addons/dns/manifests.go` (CoreDNS: 2 replicas, label
 * `k8s-app: kube-dns`, requests cpu 100m memory 70Mi, limit memory 170Mi, tolerations
 * CriticalAddonsOnly and the control-plane taint; Service ports 53/UDP, 53/TCP, 9153/TCP),
 * `addons/proxy/manifests.go` (kube-proxy: `k8s-app: kube-proxy`, hostNetwork, tolerates
 * everything, no resources), `phases/controlplane/manifests.go` (`ComponentResources("250m")`
 * for the API server, 200m controller manager, 100m scheduler) and `phases/etcd/local.go` (etcd
 * requests cpu 100m memory 100Mi); kind `pkg/build/nodeimage/const_cni.go` (kindnet: labels
 * `app`/`k8s-app: kindnet`, `tier: node`, selector `app: kindnet`, hostNetwork, tolerates
 * everything, requests = limits cpu 100m memory 50Mi) and `const_storage.go` (local-path
 * provisioner: `app: local-path-provisioner`, control-plane toleration, no resources).
 */
import type { DaemonSet, Deployment, KubeObject, Namespace, Pod, Service } from '../api/types.ts';

/**
 * When, relative to the nodes' creation time, the system manifests are applied: just before it, so
 * that every system pod shows the cluster's age (10d), as on a kind cluster whose nodes and pods
 * came up within the same minute or two.
 */
export const SYSTEM_START_MS = -120_000;

/** Namespaces whose objects are the cluster's own (their work draws from the system stream). */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set([
  'kube-system',
  'local-path-storage',
]);

/** Whether an object belongs to the cluster's system workloads (by namespace). */
export function isSystemObject(obj: { metadata: { namespace?: string } }): boolean {
  const ns = obj.metadata.namespace;
  return ns !== undefined && SYSTEM_NAMESPACES.has(ns);
}

/** Whether a task key (`namespace/name`) names a system object. */
export function isSystemKey(key: string): boolean {
  const slash = key.indexOf('/');
  return slash > 0 && SYSTEM_NAMESPACES.has(key.slice(0, slash));
}

/** The images of the system pods. */
export const SYSTEM_IMAGES = {
  // GUESS: kubeadm 1.35's CoreDNS tag.
  coredns: 'registry.k8s.io/coredns/coredns:v1.12.1',
  // GUESS: kubeadm 1.35's etcd tag.
  etcd: 'registry.k8s.io/etcd:3.6.5-0',
  apiserver: 'registry.k8s.io/kube-apiserver:v1.35.4',
  controllerManager: 'registry.k8s.io/kube-controller-manager:v1.35.4',
  scheduler: 'registry.k8s.io/kube-scheduler:v1.35.4',
  proxy: 'registry.k8s.io/kube-proxy:v1.35.4',
  // GUESS: the kindnetd tag of a kind v0.31 node image.
  kindnet: 'docker.io/kindest/kindnetd:v20251010-4b2a3d1f',
  // GUESS: the provisioner and helper tags of a kind v0.31 node image.
  localPath: 'docker.io/kindest/local-path-provisioner:v20251010-5e2a06a0',
  localPathHelper: 'docker.io/kindest/local-path-helper:v20251010-5e2a06a0',
} as const;

/** The Namespace kind's storage manifest creates. */
export function localPathNamespace(): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: 'local-path-storage',
      labels: { 'kubernetes.io/metadata.name': 'local-path-storage' },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

const hostPath = (name: string, path: string, type?: string): Record<string, unknown> => ({
  name,
  hostPath: { path, ...(type !== undefined ? { type } : {}) },
});

/** kind's kindnet DaemonSet (const_cni.go). */
export function kindnetDaemonSet(): DaemonSet {
  const labels = { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kindnet', namespace: 'kube-system', labels: { ...labels } },
    spec: {
      selector: { matchLabels: { app: 'kindnet' } },
      template: {
        metadata: { labels: { ...labels } },
        spec: {
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          serviceAccountName: 'kindnet',
          containers: [
            {
              name: 'kindnet-cni',
              image: SYSTEM_IMAGES.kindnet,
              env: [
                { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                { name: 'POD_SUBNET', value: '10.244.0.0/16' },
              ],
              volumeMounts: [
                { name: 'cni-cfg', mountPath: '/etc/cni/net.d' },
                { name: 'xtables-lock', mountPath: '/run/xtables.lock', readOnly: false },
                { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
              ],
              resources: {
                requests: { cpu: '100m', memory: '50Mi' },
                limits: { cpu: '100m', memory: '50Mi' },
              },
            },
          ],
          volumes: [
            hostPath('cni-cfg', '/etc/cni/net.d'),
            hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
            hostPath('lib-modules', '/lib/modules'),
          ] as Pod['spec']['volumes'],
        },
      },
    },
  } as DaemonSet;
}

/** kubeadm's kube-proxy DaemonSet (addons/proxy/manifests.go). */
export function kubeProxyDaemonSet(): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      updateStrategy: { type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          priorityClassName: 'system-node-critical',
          priority: 2000001000,
          containers: [
            {
              name: 'kube-proxy',
              image: SYSTEM_IMAGES.proxy,
              imagePullPolicy: 'IfNotPresent',
              command: [
                '/usr/local/bin/kube-proxy',
                '--config=/var/lib/kube-proxy/config.conf',
                '--hostname-override=$(NODE_NAME)',
              ],
              env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
              volumeMounts: [
                { name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' },
                { name: 'xtables-lock', mountPath: '/run/xtables.lock', readOnly: false },
                { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
              ],
            },
          ],
          hostNetwork: true,
          serviceAccountName: 'kube-proxy',
          volumes: [
            { name: 'kube-proxy', configMap: { name: 'kube-proxy' } },
            hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
            hostPath('lib-modules', '/lib/modules'),
          ] as Pod['spec']['volumes'],
          tolerations: [{ operator: 'Exists' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
        },
      },
    },
  } as DaemonSet;
}

/** kubeadm's CoreDNS Deployment (addons/dns/manifests.go). */
export function corednsDeployment(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          priority: 2000000000,
          serviceAccountName: 'coredns',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [
            {
              name: 'coredns',
              image: SYSTEM_IMAGES.coredns,
              imagePullPolicy: 'IfNotPresent',
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              args: ['-conf', '/etc/coredns/Corefile'],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              livenessProbe: {
                httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                initialDelaySeconds: 60,
                timeoutSeconds: 5,
                successThreshold: 1,
                failureThreshold: 5,
              },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
            },
          ],
          dnsPolicy: 'Default',
          volumes: [
            {
              name: 'config-volume',
              configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] },
            },
          ] as Pod['spec']['volumes'],
        },
      },
    },
  } as Deployment;
}

/** kind's local-path provisioner Deployment (const_storage.go). */
export function localPathDeployment(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'local-path-provisioner', namespace: 'local-path-storage' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'local-path-provisioner' } },
      template: {
        metadata: { labels: { app: 'local-path-provisioner' } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            {
              key: 'node-role.kubernetes.io/control-plane',
              operator: 'Equal',
              effect: 'NoSchedule',
            },
            { key: 'node-role.kubernetes.io/master', operator: 'Equal', effect: 'NoSchedule' },
          ],
          serviceAccountName: 'local-path-provisioner-service-account',
          containers: [
            {
              name: 'local-path-provisioner',
              image: SYSTEM_IMAGES.localPath,
              imagePullPolicy: 'IfNotPresent',
              command: [
                'local-path-provisioner',
                '--debug',
                'start',
                '--helper-image',
                SYSTEM_IMAGES.localPathHelper,
                '--config',
                '/etc/config/config.json',
              ],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/config/' }],
              env: [
                {
                  name: 'POD_NAMESPACE',
                  valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } },
                },
              ],
            },
          ],
          volumes: [
            { name: 'config-volume', configMap: { name: 'local-path-config' } },
          ] as Pod['spec']['volumes'],
        },
      },
    },
  } as Deployment;
}

/** kubeadm's kube-dns Service (addons/dns/manifests.go). */
export function kubeDnsService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
    },
  };
}

/** The control plane's static pods (kubeadm), by component name. */
export const STATIC_POD_COMPONENTS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
] as const;

/** One static pod component. */
export type StaticPodComponent = (typeof STATIC_POD_COMPONENTS)[number];

const STATIC: Readonly<
  Record<
    StaticPodComponent,
    {
      image: string;
      cpu: string;
      memory?: string;
      command: string[];
      /** kubeadm's liveness probe: path, port, scheme; the API server also has /readyz. */
      probe: [path: string, port: number, scheme: string];
    }
  >
> = {
  etcd: {
    image: SYSTEM_IMAGES.etcd,
    cpu: '100m',
    memory: '100Mi',
    probe: ['/livez', 2381, 'HTTP'],
    command: [
      'etcd',
      '--advertise-client-urls=https://{ip}:2379',
      '--data-dir=/var/lib/etcd',
      '--listen-client-urls=https://127.0.0.1:2379,https://{ip}:2379',
      '--name={node}',
    ],
  },
  'kube-apiserver': {
    image: SYSTEM_IMAGES.apiserver,
    cpu: '250m',
    probe: ['/livez', 6443, 'HTTPS'],
    command: [
      'kube-apiserver',
      '--advertise-address={ip}',
      '--etcd-servers=https://127.0.0.1:2379',
      '--secure-port=6443',
      '--service-cluster-ip-range=10.96.0.0/16',
    ],
  },
  'kube-controller-manager': {
    image: SYSTEM_IMAGES.controllerManager,
    cpu: '200m',
    probe: ['/healthz', 10257, 'HTTPS'],
    command: [
      'kube-controller-manager',
      '--allocate-node-cidrs=true',
      '--cluster-cidr=10.244.0.0/16',
      '--leader-elect=true',
    ],
  },
  'kube-scheduler': {
    image: SYSTEM_IMAGES.scheduler,
    cpu: '100m',
    probe: ['/livez', 10259, 'HTTPS'],
    command: ['kube-scheduler', '--leader-elect=true'],
  },
};

/**
 * The mirror pod of a static pod: `<component>-<node>`, owned by the Node, with the kubelet's
 * config annotations (`hash` = `mirror`, `seen`, `source: file`) and kubeadm's labels.
 */
export function staticMirrorPod(
  component: StaticPodComponent,
  node: { name: string; uid: string; ip: string },
  hash: string,
  seen: string,
): Pod {
  const def = STATIC[component];
  const fill = (s: string): string => s.replaceAll('{ip}', node.ip).replaceAll('{node}', node.name);
  const annotations: Record<string, string> = {
    ...(component === 'etcd'
      ? { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${node.ip}:2379` }
      : {}),
    ...(component === 'kube-apiserver'
      ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${node.ip}:6443` }
      : {}),
    'kubernetes.io/config.hash': hash,
    'kubernetes.io/config.mirror': hash,
    'kubernetes.io/config.seen': seen,
    'kubernetes.io/config.source': 'file',
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node.name}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations,
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true },
      ],
    },
    spec: {
      containers: [
        {
          name: component,
          image: def.image,
          imagePullPolicy: 'IfNotPresent',
          command: def.command.map(fill),
          resources: {
            requests: { cpu: def.cpu, ...(def.memory !== undefined ? { memory: def.memory } : {}) },
          },
          livenessProbe: {
            httpGet: { path: def.probe[0], port: def.probe[1], scheme: def.probe[2] },
            initialDelaySeconds: 10,
            timeoutSeconds: 15,
            failureThreshold: 8,
          },
          ...(component === 'kube-apiserver'
            ? {
                readinessProbe: {
                  httpGet: { path: '/readyz', port: 6443, scheme: 'HTTPS' },
                  timeoutSeconds: 15,
                  periodSeconds: 1,
                  failureThreshold: 3,
                },
              }
            : {}),
        },
      ],
      hostNetwork: true,
      nodeName: node.name,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
  };
}

/** The objects of one kind's system manifests, in the order kubeadm and kind apply them. */
export function systemWorkloads(): KubeObject[] {
  return [
    kubeProxyDaemonSet(),
    corednsDeployment(),
    kubeDnsService(),
    kindnetDaemonSet(),
    localPathDeployment(),
  ];
}
