import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { createCompleter } from './completion.ts';

const cluster = createCluster({ seed: 4 });
cluster.apply([
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db-service' },
    spec: {
      clusterIP: 'None',
      selector: { app: 'database' },
      ports: [{ name: 'mysql', port: 3306 }],
    },
  },
]);
const complete = createCompleter({ cluster, files: () => ['db-cluster.yaml', 'web.yaml'] });

describe('createCompleter', () => {
  it.each([
    ['kub', 'ectl ', []],
    ['kubectl sc', 'ale ', []],
    ['kubectl ge', 't ', []],
    ['kubectl get statefuls', 'et', []],
    ['kubectl get sts --rep', '', []],
    ['kubectl scale sts db --rep', 'licas=', []],
    ['kubectl apply -f d', 'b-cluster.yaml ', []],
    ['kubectl apply -f ', '', ['db-cluster.yaml', 'web.yaml']],
    ['kubectl get svc db', '-service ', []],
    ['kubectl describe service/d', 'b-service ', []],
    ['kubectl rollout st', 'atus ', []],
    ['cat w', 'eb.yaml ', []],
    ['nosuchcommand x', '', []],
    ['kubectl ex', '', ['exec', 'explain']],
    ['kubectl lo', 'gs ', []],
    ['kubectl get pods | gr', 'ep ', []],
    ['echo a; kubectl annot', 'ate ', []],
    ['kubectl explain statefuls', 'et', []],
  ])('%j completes with %j', (line, insert, candidates) => {
    expect(complete(line)).toEqual({ insert, candidates });
  });

  it('lists the resource types that share a prefix', () => {
    const { insert, candidates } = complete('kubectl get p');
    expect(insert).toBe('');
    expect(candidates).toEqual(expect.arrayContaining(['pods', 'pod', 'po', 'pvc', 'pv']));
  });

  it('completes pod names after exec and logs, and nothing after --', () => {
    const c = createCluster({ seed: 4 });
    c.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-0' },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    const completePods = createCompleter({ cluster: c, files: () => [] });
    expect(completePods('kubectl exec w')).toEqual({ insert: 'eb-0 ', candidates: [] });
    expect(completePods('kubectl logs -f w')).toEqual({ insert: 'eb-0 ', candidates: [] });
    expect(completePods('kubectl exec web-0 -- w')).toEqual({ insert: '', candidates: [] });
  });

  it('offers the flags of the verb', () => {
    const { candidates } = complete('kubectl delete --');
    expect(candidates).toEqual(
      expect.arrayContaining(['--cascade=', '--force', '--grace-period=', '--namespace=']),
    );
  });

  it('completes the new verbs, node names after cordon/uncordon/drain, and drain flags', () => {
    expect(complete('kubectl cor')).toEqual({ insert: 'don ', candidates: [] });
    expect(complete('kubectl unc')).toEqual({ insert: 'ordon ', candidates: [] });
    expect(complete('kubectl dr')).toEqual({ insert: 'ain ', candidates: [] });
    expect(complete('kubectl edi')).toEqual({ insert: 't ', candidates: [] });
    expect(complete('kubectl drain kind-worker')).toEqual({
      insert: '',
      candidates: ['kind-worker', 'kind-worker2', 'kind-worker3'],
    });
    expect(complete('kubectl cordon kind-c')).toEqual({
      insert: 'ontrol-plane ',
      candidates: [],
    });
    expect(complete('kubectl drain kind-worker --ignore-d')).toEqual({
      insert: 'aemonsets ',
      candidates: [],
    });
    expect(complete('kubectl get pods --output-w')).toEqual({
      insert: 'atch-events ',
      candidates: [],
    });
    expect(complete('kubectl edit sts/')).toEqual({ insert: '', candidates: [] });
  });
});
