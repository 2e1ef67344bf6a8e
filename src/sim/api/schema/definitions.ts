import { f, type FieldSchema, type KindSchema } from './field-schema.ts';

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

const apiVersion = (value: string): FieldSchema =>
  f.string(
    `The versioned schema of this object, as group/version ("${value}" here). The API server uses it together with kind to decide how to read the object.`,
    { enum: [value] },
  );

const kind = (value: string): FieldSchema =>
  f.string(`The type of object this document describes ("${value}" here), in CamelCase.`, {
    enum: [value],
  });

const ownerReference = f.object(
  'OwnerReference',
  'Points at the object that owns this one. When the owner is deleted, the garbage collector deletes the dependents too (unless they are orphaned).',
  {
    apiVersion: f.string('API version of the owner.'),
    kind: f.string('Kind of the owner, for example StatefulSet.'),
    name: f.string('Name of the owner.'),
    uid: f.string('UID of the owner: a reference only matches the very object it was made for.'),
    controller: f.boolean(
      'True when the owner is the managing controller. An object has at most one.',
    ),
    blockOwnerDeletion: f.boolean(
      'With foreground deletion, the owner is not removed before this dependent is gone.',
    ),
  },
  ['apiVersion', 'kind', 'name', 'uid'],
);

/** metadata, as users write it (system fields are accepted but documented as read-only). */
export const objectMeta = f.object(
  'ObjectMeta',
  'Standard object metadata: the name, the namespace, labels and annotations, and fields the system maintains.',
  {
    name: f.string(
      'The object\'s name, unique among objects of its kind in its namespace. Most kinds need a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit. Cannot be changed.',
    ),
    generateName: f.string(
      'A prefix from which the API server makes a unique name when name is empty, by appending random characters.',
    ),
    namespace: f.string(
      'The namespace the object lives in. Empty means the namespace of the request, usually "default". Cluster-scoped kinds have none.',
    ),
    labels: f.map(
      'Key/value pairs used to select and group objects. Selectors of Services, StatefulSets and kubectl -l match on them.',
    ),
    annotations: f.map(
      'Key/value pairs for tools and people; not used for selection. kubectl apply stores the last applied manifest here.',
    ),
    uid: f.string('A unique id the API server assigns at creation; never reused.', {
      readOnly: true,
    }),
    resourceVersion: f.string(
      'An opaque version the API server changes on every write; used for optimistic concurrency and watches.',
      { readOnly: true },
    ),
    generation: f.integer('Counts changes to the desired state (spec). Set by the system.', {
      readOnly: true,
    }),
    creationTimestamp: f.timestamp('When the object was created.'),
    deletionTimestamp: f.timestamp(
      'Set when deletion was requested; the object goes once its finalizers are done and, for pods, its containers have stopped.',
    ),
    deletionGracePeriodSeconds: f.integer('Seconds the object was given to terminate gracefully.', {
      readOnly: true,
    }),
    ownerReferences: f.array(ownerReference, 'The objects this object depends on.'),
    finalizers: f.array(
      f.string('A finalizer name.'),
      'Names of pending clean-up steps. While any remain, a deleted object stays, marked with a deletionTimestamp.',
    ),
  },
);

const labelSelector = f.object(
  'LabelSelector',
  'Selects objects by their labels. All conditions must hold. An empty selector matches everything; a missing one matches nothing.',
  {
    matchLabels: f.map('Labels that must be present with exactly these values.'),
    matchExpressions: f.array(
      f.object(
        'LabelSelectorRequirement',
        'One condition on a label.',
        {
          key: f.string('The label key.'),
          operator: f.enum(
            ['In', 'NotIn', 'Exists', 'DoesNotExist'],
            'How the key relates to the values.',
          ),
          values: f.array(
            f.string('One value to compare the label with.'),
            'Values for In and NotIn; must be empty for Exists and DoesNotExist.',
          ),
        },
        ['key', 'operator'],
      ),
      'Conditions on labels, all of which must hold.',
    ),
  },
);

// ---------------------------------------------------------------------------------------------
// Pods
// ---------------------------------------------------------------------------------------------

const probeHandlerPort = f.intOrString('Port number, or the name of a container port.');

const probe = (what: string): FieldSchema =>
  f.object('Probe', what, {
    exec: f.object('ExecAction', 'Run a command in the container; exit code 0 means success.', {
      command: f.array(
        f.string('An argument.'),
        'The command and its arguments. No shell is involved.',
      ),
    }),
    httpGet: f.object(
      'HTTPGetAction',
      'Send an HTTP GET to the container; a status from 200 to 399 means success.',
      {
        path: f.string('The path to request.'),
        port: probeHandlerPort,
        host: f.string("Host name to connect to; the pod's IP by default."),
        scheme: f.enum(['HTTP', 'HTTPS'], 'Scheme to use.', { default: 'HTTP' }),
      },
      ['port'],
    ),
    tcpSocket: f.object(
      'TCPSocketAction',
      'Open a TCP connection to the container; success if it connects.',
      {
        port: probeHandlerPort,
        host: f.string("Host name to connect to; the pod's IP by default."),
      },
      ['port'],
    ),
    initialDelaySeconds: f.integer('Seconds after the container starts before the first probe.', {
      default: 0,
      minimum: 0,
    }),
    periodSeconds: f.integer('Seconds between probes.', { default: 10, minimum: 1 }),
    timeoutSeconds: f.integer('Seconds after which a probe counts as failed.', {
      default: 1,
      minimum: 1,
    }),
    successThreshold: f.integer(
      'Consecutive successes needed after a failure. Must be 1 for liveness and startup probes.',
      {
        default: 1,
        minimum: 1,
      },
    ),
    failureThreshold: f.integer('Consecutive failures before the probe is considered failed.', {
      default: 3,
      minimum: 1,
    }),
    terminationGracePeriodSeconds: f.integer(
      "For liveness and startup probes: grace period for the restart a failure causes, overriding the pod's.",
    ),
  });

const resourceRequirements = f.object(
  'ResourceRequirements',
  'Compute resources the container asks for and may use.',
  {
    requests: f.map(
      'The amounts the scheduler reserves on a node, such as cpu: 250m and memory: 256Mi. A pod only fits on a node with that much unreserved.',
    ),
    limits: f.map(
      'The most the container may use. Going over the memory limit kills the container (OOMKilled).',
    ),
  },
);

const container = f.object(
  'Container',
  'One container of the pod: an image to run, with its ports, environment, volumes and health checks.',
  {
    name: f.string(
      'Name of the container, unique within the pod (a DNS-1123 label). Cannot be changed.',
    ),
    image: f.string(
      'The container image to run, for example registry.k8s.io/nginx-slim:0.24. A tag is advised; without one, latest is used.',
    ),
    imagePullPolicy: f.enum(
      ['Always', 'IfNotPresent', 'Never'],
      'When the kubelet pulls the image. Defaults to Always for the latest tag (or no tag), else IfNotPresent.',
    ),
    command: f.array(
      f.string('An argument.'),
      "Replaces the image's ENTRYPOINT. Not run in a shell; $(VAR) refers to an environment variable.",
    ),
    args: f.array(
      f.string('An argument.'),
      "Replaces the image's CMD: arguments to the entrypoint.",
    ),
    workingDir: f.string("The container's working directory; the image's by default."),
    ports: f.array(
      f.object(
        'ContainerPort',
        'A network port the container listens on.',
        {
          name: f.string(
            'A name for the port (a DNS-1123 label of at most 15 characters), which Services and probes can refer to.',
          ),
          containerPort: f.integer('The port number, from 1 to 65535.', { minimum: 1 }),
          protocol: f.enum(['TCP', 'UDP', 'SCTP'], 'The protocol.', { default: 'TCP' }),
          hostPort: f.integer("Also expose the port on the node's IP; rarely needed."),
        },
        ['containerPort'],
      ),
      'Ports the container exposes. Listing them is informational: a container can listen on any port.',
    ),
    env: f.array(
      f.object(
        'EnvVar',
        'An environment variable.',
        {
          name: f.string('The variable name.'),
          value: f.string('The value. $(OTHER) expands a variable defined earlier.'),
          valueFrom: f.opaque(
            'EnvVarSource',
            'Take the value from a field of the pod, a ConfigMap or a Secret.',
          ),
        },
        ['name'],
      ),
      'Environment variables to set in the container.',
    ),
    volumeMounts: f.array(
      f.object(
        'VolumeMount',
        "Mounts one of the pod's volumes into the container.",
        {
          name: f.string("The volume's name: a pod volume, or a StatefulSet volumeClaimTemplate."),
          mountPath: f.string('Where the volume appears in the container. Must not contain ":".'),
          readOnly: f.boolean('Mount read-only.', { default: false }),
          subPath: f.string('Mount only this path inside the volume instead of its root.'),
        },
        ['name', 'mountPath'],
      ),
      'Volumes to mount into the container.',
    ),
    readinessProbe: probe(
      'Checks whether the container is ready to serve. While it fails, the pod is not Ready: Services and DNS leave it out, and a StatefulSet with OrderedReady waits.',
    ),
    livenessProbe: probe(
      'Checks whether the container is alive. After enough failures the kubelet restarts it.',
    ),
    startupProbe: probe(
      'Checks whether the application has started. The other probes wait until it succeeds; after enough failures the container is restarted.',
    ),
    resources: resourceRequirements,
    terminationMessagePath: f.string('File whose contents become the termination message.', {
      default: '/dev/termination-log',
    }),
    terminationMessagePolicy: f.enum(
      ['File', 'FallbackToLogsOnError'],
      'Where the termination message comes from.',
      {
        default: 'File',
      },
    ),
    securityContext: f.opaque(
      'SecurityContext',
      'Security options of the container (user, capabilities, privilege).',
    ),
    stdin: f.boolean(
      'Keep a stdin buffer for the container, so that kubectl attach -i can write to its main process. Without it, reads from stdin see end-of-file.',
      { default: false },
    ),
    stdinOnce: f.boolean(
      'Close stdin after the first attach session ends (kubectl run -i sets it). The container keeps stdin closed until it restarts.',
      { default: false },
    ),
    tty: f.boolean(
      'Allocate a terminal for the container (needs stdin); kubectl attach then works in raw terminal mode.',
      { default: false },
    ),
  },
  ['name'],
);

const volume = f.object(
  'Volume',
  'A volume containers of the pod can mount. Set exactly one source.',
  {
    name: f.string('Name of the volume, unique within the pod; containers mount it by this name.'),
    persistentVolumeClaim: f.object(
      'PersistentVolumeClaimVolumeSource',
      'Use a PersistentVolumeClaim in the same namespace. A StatefulSet adds these for its volumeClaimTemplates.',
      {
        claimName: f.string('Name of the claim.'),
        readOnly: f.boolean('Mount read-only.', { default: false }),
      },
      ['claimName'],
    ),
    emptyDir: f.object(
      'EmptyDirVolumeSource',
      'A scratch directory that lives as long as the pod on its node.',
      {
        medium: f.string('"" for node storage, or Memory for a RAM-backed filesystem.'),
        sizeLimit: f.quantity('The most the directory may hold.'),
      },
    ),
    configMap: f.opaque('ConfigMapVolumeSource', 'Files from a ConfigMap.'),
    secret: f.opaque('SecretVolumeSource', 'Files from a Secret.'),
    hostPath: f.opaque('HostPathVolumeSource', "A path on the node's filesystem."),
    projected: f.opaque(
      'ProjectedVolumeSource',
      'Several sources (token, ConfigMaps, Secrets) in one directory.',
    ),
  },
  ['name'],
);

const toleration = f.object('Toleration', 'Allows the pod onto nodes with a matching taint.', {
  key: f.string('The taint key; empty with operator Exists matches every taint.'),
  operator: f.enum(['Exists', 'Equal'], 'How key and value are compared.', { default: 'Equal' }),
  value: f.string('The taint value, for Equal.'),
  effect: f.enum(
    ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
    'The taint effect to match; empty matches all.',
  ),
  tolerationSeconds: f.integer(
    'For NoExecute: how long the pod stays bound after the taint appears.',
  ),
});

/** core/v1 PodSpec. */
export const podSpec = f.object(
  'PodSpec',
  'What the pod runs: its containers and volumes, and how it is scheduled, restarted and stopped.',
  {
    containers: f.array(container, 'The containers of the pod. At least one; they start together.'),
    initContainers: f.array(
      container,
      'Containers that run one after another, each to completion, before the main containers start.',
    ),
    volumes: f.array(volume, 'Volumes the containers can mount.'),
    restartPolicy: f.enum(
      ['Always', 'OnFailure', 'Never'],
      'When the kubelet restarts containers that exit. Pods of StatefulSets and Deployments must use Always.',
      { default: 'Always' },
    ),
    terminationGracePeriodSeconds: f.integer(
      'Seconds the containers get to stop after SIGTERM before they are killed. 0 stops them at once.',
      { default: 30, minimum: 0 },
    ),
    activeDeadlineSeconds: f.integer('Seconds the pod may run before the kubelet ends it.', {
      minimum: 1,
    }),
    dnsPolicy: f.enum(
      ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
      'How the pod resolves names. ClusterFirst sends lookups to the cluster DNS, which knows Services and StatefulSet pods.',
      { default: 'ClusterFirst' },
    ),
    nodeSelector: f.map('Labels a node must have for the pod to be scheduled on it.'),
    nodeName: f.string('Run on this node, bypassing the scheduler. Usually left to the scheduler.'),
    affinity: f.opaque(
      'Affinity',
      'Rules that attract the pod to, or keep it away from, nodes and other pods.',
    ),
    tolerations: f.array(toleration, 'Taints the pod tolerates.'),
    serviceAccountName: f.string('The ServiceAccount the pod runs as.', { default: 'default' }),
    serviceAccount: f.string(
      'Deprecated alias of serviceAccountName; the API server fills it in with the same value.',
    ),
    priority: f.integer(
      "The pod's scheduling priority, filled in from its PriorityClass (0 without one).",
    ),
    preemptionPolicy: f.enum(
      ['PreemptLowerPriority', 'Never'],
      'Whether the pod may evict lower-priority pods to get scheduled. Filled in from its PriorityClass.',
      { default: 'PreemptLowerPriority' },
    ),
    hostname: f.string(
      "The pod's hostname; defaults to the pod name. A StatefulSet sets it to the pod name.",
    ),
    subdomain: f.string(
      'With a headless Service of this name in the namespace, the pod gets the DNS name <hostname>.<subdomain>.<namespace>.svc.cluster.local. A StatefulSet sets it to its serviceName.',
    ),
    schedulerName: f.string('The scheduler that places the pod.', { default: 'default-scheduler' }),
    priorityClassName: f.string("The PriorityClass that sets the pod's priority."),
    securityContext: f.opaque(
      'PodSecurityContext',
      'Security options for all containers of the pod.',
    ),
    enableServiceLinks: f.boolean('Put Service addresses into environment variables.', {
      default: true,
    }),
  },
  ['containers'],
);

const podTemplate = f.object(
  'PodTemplateSpec',
  'The pods to create: their labels and their spec. Changing it starts a rollout.',
  { metadata: objectMeta, spec: podSpec },
);

// ---------------------------------------------------------------------------------------------
// Claims
// ---------------------------------------------------------------------------------------------

const accessModes = f.array(
  f.enum(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'], 'An access mode.'),
  'How the volume may be mounted: ReadWriteOnce (read-write by one node), ReadOnlyMany, ReadWriteMany, ReadWriteOncePod (one pod).',
);

const pvcSpec = f.object('PersistentVolumeClaimSpec', 'The storage a claim asks for.', {
  accessModes,
  resources: f.object('VolumeResourceRequirements', 'How much storage the claim needs.', {
    requests: f.map('The minimum size, as storage: 1Gi.'),
    limits: f.map('The most storage the claim may use.'),
  }),
  storageClassName: f.string(
    'The StorageClass that provisions the volume. Left out, the cluster\'s default class is written in; "" asks for a volume with no class.',
  ),
  volumeMode: f.enum(
    ['Filesystem', 'Block'],
    'Mount a filesystem, or hand over a raw block device.',
    {
      default: 'Filesystem',
    },
  ),
  volumeName: f.string(
    'Bind to this PersistentVolume by name instead of finding or provisioning one.',
  ),
  selector: labelSelector,
});

const pvcTemplate = f.object(
  'PersistentVolumeClaim',
  'A template for one claim per pod. The claim for pod <set>-<ordinal> is named <template name>-<set>-<ordinal> and is created before the pod.',
  {
    apiVersion: f.string('Defaults to v1.'),
    kind: f.string('Defaults to PersistentVolumeClaim.'),
    metadata: objectMeta,
    spec: pvcSpec,
    status: f.opaque(
      'PersistentVolumeClaimStatus',
      'Ignored in a template; the API server writes phase: Pending here.',
    ),
  },
);

// ---------------------------------------------------------------------------------------------
// Kinds
// ---------------------------------------------------------------------------------------------

const statefulSetSpec = f.object(
  'StatefulSetSpec',
  'The desired state of a StatefulSet.',
  {
    replicas: f.integer('How many pods to run, numbered from ordinals.start (0 by default).', {
      default: 1,
      minimum: 0,
    }),
    selector: {
      ...labelSelector,
      description:
        "Which pods belong to the set. Must match the template's labels, and cannot be changed after creation.",
    },
    serviceName: f.string(
      'The headless Service that gives each pod a DNS name (<pod>.<serviceName>.<namespace>.svc.cluster.local). It must exist for the names to resolve; nothing checks that it does. Cannot be changed.',
    ),
    template: {
      ...podTemplate,
      description:
        'The pods to create. Every pod is made from it, named <set name>-<ordinal>. A change creates a new ControllerRevision and, with RollingUpdate, replaces pods from the highest ordinal down.',
    },
    volumeClaimTemplates: f.array(
      pvcTemplate,
      "Claims to create for each pod, each mounted under the template's name. Claims outlive their pods. Cannot be changed after creation.",
    ),
    podManagementPolicy: f.enum(
      ['OrderedReady', 'Parallel'],
      'OrderedReady creates pods one at a time in ordinal order, each Running and Ready before the next, and removes them in reverse. Parallel creates and deletes them all at once. Updates are one at a time either way. Cannot be changed.',
      { default: 'OrderedReady' },
    ),
    updateStrategy: f.object(
      'StatefulSetUpdateStrategy',
      'How pods are replaced after the template changes.',
      {
        type: f.enum(
          ['RollingUpdate', 'OnDelete'],
          'RollingUpdate replaces pods automatically, highest ordinal first. OnDelete only uses the new template for pods you delete.',
          { default: 'RollingUpdate' },
        ),
        rollingUpdate: f.object(
          'RollingUpdateStatefulSetStrategy',
          'Parameters of RollingUpdate.',
          {
            partition: f.integer(
              'Only pods with an ordinal at or above this number are updated; the rest keep the old template, even when recreated. Used for canaries and staged rollouts.',
              { default: 0, minimum: 0 },
            ),
            maxUnavailable: f.intOrString(
              'How many pods may be unavailable during the update (a number or a percentage). Honoured only where the MaxUnavailableStatefulSet feature is on; it is off by default in Kubernetes 1.35.4, so pods are updated one at a time.',
            ),
          },
        ),
      },
    ),
    revisionHistoryLimit: f.integer('How many old ControllerRevisions to keep for rollbacks.', {
      default: 10,
      minimum: 0,
    }),
    minReadySeconds: f.integer(
      'Seconds a new pod must stay Ready before it counts as available (and before OrderedReady moves on).',
      { default: 0, minimum: 0 },
    ),
    persistentVolumeClaimRetentionPolicy: f.object(
      'StatefulSetPersistentVolumeClaimRetentionPolicy',
      'Whether the claims from volumeClaimTemplates are deleted with the set or when it scales down.',
      {
        whenDeleted: f.enum(
          ['Retain', 'Delete'],
          'What happens to the claims when the StatefulSet is deleted.',
          {
            default: 'Retain',
          },
        ),
        whenScaled: f.enum(
          ['Retain', 'Delete'],
          'What happens to the claims of pods removed by a scale-down.',
          { default: 'Retain' },
        ),
      },
    ),
    ordinals: f.object('StatefulSetOrdinals', 'Where pod numbering starts.', {
      start: f.integer(
        'The first ordinal: with start 1 and 3 replicas, pods are <set>-1, <set>-2 and <set>-3.',
        {
          default: 0,
          minimum: 0,
        },
      ),
    }),
  },
  ['selector', 'template'],
);

const statefulSet: KindSchema = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  root: f.object(
    'StatefulSet',
    'Runs a set of pods with stable identities: each pod has a fixed name (<set>-<ordinal>), its own claims from volumeClaimTemplates, and a DNS name through the headless Service. Pods are created, scaled and updated in ordinal order.',
    {
      apiVersion: apiVersion('apps/v1'),
      kind: kind('StatefulSet'),
      metadata: objectMeta,
      spec: statefulSetSpec,
    },
    ['apiVersion', 'kind', 'metadata', 'spec'],
  ),
};

const servicePort = f.object(
  'ServicePort',
  'A port the Service exposes.',
  {
    name: f.string(
      'A name for the port; required when there are several. Named ports get DNS SRV records: _<name>._<protocol>.<service>.<namespace>.svc.cluster.local.',
    ),
    port: f.integer('The port the Service listens on.', { minimum: 1 }),
    targetPort: f.intOrString(
      'The port on the pods: a number, or the name of a container port. Defaults to port.',
    ),
    protocol: f.enum(['TCP', 'UDP', 'SCTP'], 'The protocol.', { default: 'TCP' }),
    nodePort: f.integer('For NodePort and LoadBalancer Services: the port opened on every node.'),
    appProtocol: f.string('The application protocol, as a hint for tools.'),
  },
  ['port'],
);

const service: KindSchema = {
  group: '',
  version: 'v1',
  kind: 'Service',
  root: f.object(
    'Service',
    "A stable name and address for a set of pods chosen by labels. A headless Service (clusterIP: None) has no address of its own: DNS answers with the pods' addresses, and each pod of a StatefulSet that names it gets its own DNS record.",
    {
      apiVersion: apiVersion('v1'),
      kind: kind('Service'),
      metadata: objectMeta,
      spec: f.object('ServiceSpec', 'How the Service selects pods and which ports it offers.', {
        selector: f.map('Pods with all of these labels receive the traffic and appear in DNS.'),
        ports: f.array(servicePort, 'The ports the Service exposes.'),
        clusterIP: f.string(
          'The virtual IP of the Service, assigned when left out. "None" makes a headless Service. Cannot be changed.',
        ),
        clusterIPs: f.array(
          f.string('An IP address, or "None".'),
          "The Service's IPs, one per IP family; the first is clusterIP. Filled in by the API server.",
        ),
        ipFamilies: f.array(
          f.enum(['IPv4', 'IPv6'], 'An IP family.'),
          'The IP families of the Service, filled in from the cluster (IPv4 here).',
        ),
        ipFamilyPolicy: f.enum(
          ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
          'How many IP families the Service gets.',
          { default: 'SingleStack' },
        ),
        internalTrafficPolicy: f.enum(
          ['Cluster', 'Local'],
          'Whether traffic from inside the cluster may go to pods on any node, or only on the same node.',
          { default: 'Cluster' },
        ),
        type: f.enum(
          ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
          'How the Service is exposed.',
          { default: 'ClusterIP' },
        ),
        publishNotReadyAddresses: f.boolean(
          'Publish DNS records for pods that are not Ready too. Peers of a database that must find each other while starting use it.',
          { default: false },
        ),
        sessionAffinity: f.enum(['None', 'ClientIP'], 'Send a client to the same pod each time.', {
          default: 'None',
        }),
        externalName: f.string('For ExternalName Services: the DNS name to return as a CNAME.'),
      }),
    },
    ['apiVersion', 'kind', 'metadata'],
  ),
};

const persistentVolumeClaim: KindSchema = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  root: f.object(
    'PersistentVolumeClaim',
    'A request for storage. A provisioner creates a PersistentVolume for it (or an existing one is bound), and pods mount the claim by name. A claim in use by a pod is not removed until the pod is gone.',
    {
      apiVersion: apiVersion('v1'),
      kind: kind('PersistentVolumeClaim'),
      metadata: objectMeta,
      spec: pvcSpec,
    },
    ['apiVersion', 'kind', 'metadata', 'spec'],
  ),
};

const pod: KindSchema = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  root: f.object(
    'Pod',
    'One or more containers scheduled together on a node, sharing a network address and volumes. Controllers such as StatefulSets create pods from their templates.',
    {
      apiVersion: apiVersion('v1'),
      kind: kind('Pod'),
      metadata: objectMeta,
      spec: podSpec,
    },
    ['apiVersion', 'kind', 'metadata', 'spec'],
  ),
};

const deployment: KindSchema = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  root: f.object(
    'Deployment',
    "Runs interchangeable pods through ReplicaSets. Pods get random name suffixes, share the template's volumes, and are replaced in any order: right for stateless apps, not for databases.",
    {
      apiVersion: apiVersion('apps/v1'),
      kind: kind('Deployment'),
      metadata: objectMeta,
      spec: f.object(
        'DeploymentSpec',
        'The desired state of a Deployment.',
        {
          replicas: f.integer('How many pods to run.', { default: 1, minimum: 0 }),
          selector: {
            ...labelSelector,
            description:
              "Which pods belong to the Deployment. Must match the template's labels; cannot be changed.",
          },
          template: podTemplate,
          strategy: f.object('DeploymentStrategy', 'How old pods are replaced by new ones.', {
            type: f.enum(
              ['RollingUpdate', 'Recreate'],
              'RollingUpdate replaces pods gradually; Recreate stops all old pods first.',
              { default: 'RollingUpdate' },
            ),
            rollingUpdate: f.object('RollingUpdateDeployment', 'Parameters of RollingUpdate.', {
              maxSurge: f.intOrString('How many pods above replicas may exist during the update.'),
              maxUnavailable: f.intOrString('How many pods may be unavailable during the update.'),
            }),
          }),
          minReadySeconds: f.integer(
            'Seconds a new pod must be Ready before it counts as available.',
            {
              default: 0,
              minimum: 0,
            },
          ),
          revisionHistoryLimit: f.integer('How many old ReplicaSets to keep for rollbacks.', {
            default: 10,
            minimum: 0,
          }),
          progressDeadlineSeconds: f.integer(
            'Seconds before a stalled rollout is reported as failed.',
            {
              default: 600,
            },
          ),
          paused: f.boolean('Stop rolling out template changes until unpaused.'),
        },
        ['selector', 'template'],
      ),
    },
    ['apiVersion', 'kind', 'metadata', 'spec'],
  ),
};

const podDisruptionBudget: KindSchema = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  root: f.object(
    'PodDisruptionBudget',
    'Limits voluntary disruptions of a group of pods: an eviction (what kubectl drain asks for) is refused while it would leave fewer healthy pods than the budget allows. Deleting a pod directly, or a node failing, is not stopped by it.',
    {
      apiVersion: apiVersion('policy/v1'),
      kind: kind('PodDisruptionBudget'),
      metadata: objectMeta,
      spec: f.object(
        'PodDisruptionBudgetSpec',
        'Which pods the budget protects and how many of them must stay healthy. Set minAvailable or maxUnavailable, not both.',
        {
          minAvailable: f.intOrString(
            'How many of the selected pods must still be healthy after an eviction: a number, or a percentage of the expected pods (rounded up). "100%" blocks every eviction.',
          ),
          maxUnavailable: f.intOrString(
            'How many of the selected pods may be unhealthy after an eviction: a number, or a percentage of the expected pods (rounded up). 0 blocks every eviction. Cannot be combined with minAvailable.',
          ),
          selector: {
            ...labelSelector,
            description:
              'Which pods the budget covers, in its own namespace. A missing selector covers no pods; an empty one ({}) covers them all.',
          },
          unhealthyPodEvictionPolicy: f.enum(
            ['AlwaysAllow', 'IfHealthyBudget'],
            'When pods that are running but not Ready may be evicted. IfHealthyBudget (used when unset) allows it only while the budget has its healthy pods; AlwaysAllow always does, so a broken application cannot block a node drain.',
          ),
        },
      ),
    },
    ['apiVersion', 'kind', 'metadata'],
  ),
};

/** Every kind a learner may write in the editor or apply, with its documentation. */
export const kindSchemas: readonly KindSchema[] = [
  statefulSet,
  service,
  persistentVolumeClaim,
  pod,
  deployment,
  podDisruptionBudget,
];

/** The schema of a kind, by apiVersion and kind; undefined when the kind is not writable here. */
export function findKindSchema(apiVersionValue: string, kindValue: string): KindSchema | undefined {
  return kindSchemas.find(
    (schema) =>
      schema.kind === kindValue &&
      (schema.group === '' ? schema.version : `${schema.group}/${schema.version}`) ===
        apiVersionValue,
  );
}
