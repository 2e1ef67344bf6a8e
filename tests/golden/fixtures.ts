/**
 * Extra files the golden scripts use (`kubectl apply -f bad-syntax.yaml`). They live here as
 * strings rather than as .yaml files because one of them is deliberately invalid YAML, which the
 * repository formatter would refuse to read.
 */

/** File name → content. */
export const GOLDEN_FILES: Readonly<Record<string, string>> = {
  'web-pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 3
  selector:
    matchLabels:
      app: nginx
`,
  'pdb-both.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: both
spec:
  minAvailable: 1
  maxUnavailable: 50%
  selector:
    matchLabels:
      app: nginx
`,
  'bad-syntax.yaml': `apiVersion: v1
kind: Service
metadata:
  name: broken
spec:
  ports:
  - port: 80
    name: web: http
`,
  'negative-replicas.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db-cluster
spec:
  serviceName: db-service
  replicas: -1
  selector:
    matchLabels:
      app: database
  template:
    metadata:
      labels:
        app: database
    spec:
      containers:
        - name: database
          image: my-database-image:latest
`,
  'no-kind.yaml': `metadata:
  name: nameless
spec:
  replicas: 1
`,
  'old-api.yaml': `apiVersion: apps/v1beta1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 1
`,
  'db-cluster-other-service.yaml': `# The db-cluster example: a headless Service that gives each database pod a
# stable DNS name, and the StatefulSet that runs three database replicas, each
# with its own persistent volume.
apiVersion: v1
kind: Service
metadata:
  name: db-service
  labels:
    app: database
spec:
  clusterIP: None
  selector:
    app: database
  ports:
    - name: mysql
      port: 3306
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db-cluster
spec:
  serviceName: other-service
  replicas: 3
  selector:
    matchLabels:
      app: database
  template:
    metadata:
      labels:
        app: database
    spec:
      containers:
        - name: database
          image: my-database-image:latest
          ports:
            - containerPort: 3306
              name: mysql
          volumeMounts:
            - name: data-volume
              mountPath: /var/lib/database
  volumeClaimTemplates:
    - metadata:
        name: data-volume
      spec:
        accessModes: ['ReadWriteOnce']
        resources:
          requests:
            storage: 1Gi
`,
  'pod-without-spec.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: p
`,
};
