import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../sim/index.ts';
import { deriveClusterView } from './cluster-view.ts';
import { readClusterObjects } from './cluster-store.ts';
import { componentName, explainStatefulSets } from './why.ts';

const manifest = parseAllDocuments(
  readFileSync(new URL('../../../content/files/db-cluster.yaml', import.meta.url), 'utf8'),
).map((document) => document.toJS() as unknown);

const podStatus = () => ({ status: 'Running', ready: '1/1' });

describe('explainStatefulSets', () => {
  it('says what the controller is waiting for while db-cluster starts', () => {
    const cluster = createCluster({ seed: 2 });
    cluster.apply(manifest);
    // Run until db-cluster-0 exists but is not Ready yet.
    while (cluster.step()) {
      const pod = cluster.get('Pod', 'default', 'db-cluster-0');
      if (pod.ok) break;
    }
    cluster.advance(300);
    const view = deriveClusterView(readClusterObjects(cluster), podStatus);
    const [why] = explainStatefulSets(view.statefulSets, cluster.trace());
    expect(why?.settled).toBe(false);
    expect(why?.text).toBe(
      'Waiting: not creating db-cluster-1: db-cluster-0 is not Running and Ready (OrderedReady)',
    );
  });

  it('calls a set with everything it wants settled', () => {
    const cluster = createCluster({ seed: 2 });
    cluster.apply(manifest);
    cluster.runUntilIdle();
    const view = deriveClusterView(readClusterObjects(cluster), podStatus);
    const [why] = explainStatefulSets(view.statefulSets, cluster.trace());
    expect(why?.settled).toBe(true);
    expect(why?.text).toMatch(
      /^db-cluster is settled: all 3 pods are Running and Ready at revision db-cluster-[4-9bcdf]+\. The controller has nothing to do\.$/,
    );
  });

  it('shortens a provisioner identity to its name', () => {
    expect(componentName('rancher.io/local-path_local-path-provisioner-6ms7_0a9e')).toBe(
      'rancher.io/local-path',
    );
    expect(componentName('statefulset-controller')).toBe('statefulset-controller');
  });
});
