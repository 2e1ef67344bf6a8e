import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import type { ApplyResult, Status } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { must } from './helpers.ts';

function failure(r: ApplyResult | { ok: boolean; status?: Status } | undefined): Status {
  if (r === undefined || r.ok || r.status === undefined) throw new Error('expected a failure');
  return r.status;
}

/** The db-cluster StatefulSet with an extra field in its spec. */
function withSpecField(name: string, value: unknown): Record<string, unknown> {
  const sts = dbStatefulSet();
  (sts['spec'] as Record<string, unknown>)[name] = value;
  return sts;
}

describe('strict field validation (kubectl 1.35 sends fieldValidation=Strict)', () => {
  it('refuses an unknown field on create with the decoder error, wrapped as the API server does', () => {
    const c = createCluster({ seed: 1 });
    const status = failure(c.apply([withSpecField('replicass', 3)])[0]);
    expect(status.reason).toBe('BadRequest');
    expect(status.code).toBe(400);
    expect(status.message).toBe(
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.replicass"',
    );
    expect(must(c.list('StatefulSet', { namespace: 'default' }))).toEqual([]);
  });

  it('lists several unknown fields comma-joined, with list indexes in the path', () => {
    const c = createCluster({ seed: 1 });
    const sts = dbStatefulSet();
    const spec = sts['spec'] as { template: { spec: { containers: Record<string, unknown>[] } } };
    const container = spec.template.spec.containers[0];
    if (container) container['imagee'] = 'nginx';
    (sts['spec'] as Record<string, unknown>)['replicass'] = 3;
    const status = failure(c.create(sts));
    expect(status.message).toBe(
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec.template.spec.containers[0].imagee", unknown field "spec.replicass"',
    );
  });

  it('refuses a wrong type with Go’s unmarshal error (no list index, innermost struct type)', () => {
    const c = createCluster({ seed: 1 });
    expect(failure(c.apply([withSpecField('replicas', 'three')])[0]).message).toBe(
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32',
    );
    const sts = dbStatefulSet();
    const spec = sts['spec'] as {
      template: { spec: { containers: { ports: Record<string, unknown>[] }[] } };
    };
    const port = spec.template.spec.containers[0]?.ports[0];
    if (port) port['containerPort'] = '3306';
    expect(failure(c.create(sts)).message).toBe(
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
  });

  it('reports a number among labels at the map field, and a type error before unknown fields', () => {
    const c = createCluster({ seed: 1 });
    const svc = dbService();
    (svc['metadata'] as Record<string, unknown>)['labels'] = { version: 2 };
    (svc['spec'] as Record<string, unknown>)['clusterIp'] = 'None';
    expect(failure(c.create(svc)).message).toBe(
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });

  it('checks Services, claims, pods and Deployments too', () => {
    const c = createCluster({ seed: 1 });
    const pvc = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessMode: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    };
    expect(failure(c.create(pvc)).message).toBe(
      'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field "spec.accessMode"',
    );
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labells: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    };
    expect(failure(c.create(pod)).message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.labells"',
    );
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replica: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      },
    };
    expect(failure(c.create(deploy)).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"',
    );
  });

  it('accepts what the server wrote: a replace of an object read back succeeds', () => {
    const c = createCluster({ seed: 1 });
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      },
    };
    for (const r of c.apply([dbService(), dbStatefulSet(), deployment])) expect(r.ok).toBe(true);
    c.runUntilIdle();
    for (const kind of [
      'Pod',
      'Service',
      'StatefulSet',
      'PersistentVolumeClaim',
      'Deployment',
    ] as const) {
      for (const obj of must(c.list(kind, { namespace: 'default' }))) {
        const res = c.update(obj);
        expect(res.ok ? 'ok' : res.status.message).toBe('ok');
      }
    }
  });

  it('refuses an unknown field in a re-apply as the patch handler does (422, empty kind)', () => {
    const c = createCluster({ seed: 1 });
    for (const r of c.apply([dbService(), dbStatefulSet()])) expect(r.ok).toBe(true);
    const status = failure(c.apply([withSpecField('replicass', 3)])[0]);
    expect(status.reason).toBe('Invalid');
    expect(status.code).toBe(422);
    expect(
      status.message.startsWith(
        ' "" is invalid: patch: Invalid value: "map[metadata:map[annotations:map[kubectl.kubernetes.io/last-applied-configuration:{\\"apiVersion\\":\\"apps/v1\\"',
      ),
    ).toBe(true);
    expect(
      status.message.endsWith(
        ' spec:map[replicass:3]]": strict decoding error: unknown field "spec.replicass"',
      ),
    ).toBe(true);
    expect(status.details?.causes?.[0]?.field).toBe('patch');
    expect(must(c.get('StatefulSet', 'default', 'db-cluster')).spec.replicas).toBe(3);
  });

  it('refuses an unknown field in kubectl patch, but not fields the object already had', () => {
    const c = createCluster({ seed: 1 });
    for (const r of c.apply([dbService(), dbStatefulSet()])) expect(r.ok).toBe(true);
    const status = failure(
      c.patch('StatefulSet', 'default', 'db-cluster', { spec: { replicaz: 2 } }),
    );
    expect(status.message).toBe(
      ' "" is invalid: patch: Invalid value: "map[spec:map[replicaz:2]]": strict decoding error: unknown field "spec.replicaz"',
    );
    expect(c.patch('StatefulSet', 'default', 'db-cluster', { spec: { replicas: 2 } }).ok).toBe(
      true,
    );
    expect(
      failure(c.patch('StatefulSet', 'default', 'db-cluster', { spec: { replicas: 'two' } }))
        .message,
    ).toBe(
      'json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32',
    );
  });
});

describe('strict decoding of PodDisruptionBudgets (policy/v1)', () => {
  const pdb = (spec: Record<string, unknown>): Record<string, unknown> => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-pdb', namespace: 'default' },
    spec,
  });

  it('refuses unknown fields, also inside the selector, and creates nothing', () => {
    const c = createCluster({ seed: 1 });
    const status = failure(
      c.apply([
        pdb({ minAvailabel: 1, selector: { matchLabels: { app: 'nginx' }, matchLabel: {} } }),
      ])[0],
    );
    expect(status.code).toBe(400);
    expect(status.message).toBe(
      'PodDisruptionBudget in version "v1" cannot be handled as a PodDisruptionBudget: strict decoding error: unknown field "spec.minAvailabel", unknown field "spec.selector.matchLabel"',
    );
    expect(must(c.list('PodDisruptionBudget', { namespace: 'default' }))).toEqual([]);
  });

  it('accepts every documented field, and a status written back', () => {
    const c = createCluster({ seed: 1 });
    const ok = c.apply([
      {
        ...pdb({
          maxUnavailable: '50%',
          selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['nginx'] }] },
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
        }),
        status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
      },
    ])[0];
    expect(ok?.ok).toBe(true);
  });
});
