import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import type { ApplyResult } from '../../src/sim/index.ts';
import { dbService, dbStatefulSet } from './fixtures/db-cluster.ts';
import { dbCluster } from './helpers.ts';

function message(r: ApplyResult | undefined): string {
  if (r === undefined) return 'no result';
  return r.ok ? r.action : r.status.message;
}

function causes(r: ApplyResult | undefined): string[] {
  if (r === undefined || r.ok) return [];
  return (r.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);
}

describe('API validation (exact upstream messages)', () => {
  const c = createCluster({ seed: 1 });

  it('rejects an uppercase StatefulSet name', () => {
    const bad = dbStatefulSet();
    (bad['metadata'] as { name: string }).name = 'Web';
    const [r] = c.apply([bad]);
    expect(r?.ok).toBe(false);
    expect(causes(r)).toEqual([
      "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(message(r)).toMatch(
      /^StatefulSet\.apps "Web" is invalid: metadata\.name: Invalid value: "Web": a lowercase RFC 1123 label/,
    );
    if (r !== undefined && !r.ok) {
      expect(r.status.reason).toBe('Invalid');
      expect(r.status.code).toBe(422);
      expect(r.status.details?.kind).toBe('StatefulSet');
      expect(r.status.details?.group).toBe('apps');
    }
  });

  it('rejects negative replicas', () => {
    const [r] = c.apply([dbStatefulSet({ replicas: -1 })]);
    expect(message(r)).toBe(
      'StatefulSet.apps "db-cluster" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('rejects a selector that does not match the template labels (1.34+ JSON value rendering)', () => {
    const [r] = c.apply([dbStatefulSet({ selector: { matchLabels: { app: 'db2' } } })]);
    expect(causes(r)).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"database"}: `selector` does not match template `labels`',
    ]);
  });

  it('lists several problems as one bracketed message with one cause each', () => {
    const [r] = c.apply([dbStatefulSet({ replicas: -2, podManagementPolicy: 'Foo' })]);
    expect(causes(r)).toEqual([
      "spec.podManagementPolicy: Invalid value: \"Foo\": must be 'OrderedReady' or 'Parallel'",
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
    ]);
    expect(message(r)).toBe(
      'StatefulSet.apps "db-cluster" is invalid: [spec.podManagementPolicy: Invalid value: "Foo": must be \'OrderedReady\' or \'Parallel\', spec.replicas: Invalid value: -2: must be greater than or equal to 0]',
    );
  });

  it('rejects unsupported retention policies and restart policies', () => {
    const [r] = c.apply([
      dbStatefulSet({ persistentVolumeClaimRetentionPolicy: { whenScaled: 'Keep' } }),
    ]);
    expect(causes(r)).toEqual([
      'spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "Keep": supported values: "Retain", "Delete"',
    ]);
  });

  it('rejects rollingUpdate together with OnDelete', () => {
    const [r] = c.apply([
      dbStatefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 0 } } }),
    ]);
    expect(causes(r)).toEqual([
      'spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":0,"MaxUnavailable":null}: only allowed for updateStrategy \'RollingUpdate\'',
    ]);
  });

  it('renders struct values as json.Marshal of the internal types (1.34+ ErrorBody)', () => {
    const [strategy] = c.apply([
      dbStatefulSet({ updateStrategy: { type: 'Sometimes', rollingUpdate: { partition: 2 } } }),
    ]);
    expect(causes(strategy)).toEqual([
      'spec.updateStrategy: Invalid value: {"Type":"Sometimes","RollingUpdate":{"Partition":2,"MaxUnavailable":null}}: must be \'RollingUpdate\' or \'OnDelete\'',
    ]);
    // metav1.LabelSelector keeps its json tags and omitempty; a Go map's keys come out sorted.
    const [empty] = c.apply([dbStatefulSet({ selector: { matchLabels: {} } })]);
    expect(causes(empty)[0]).toBe(
      'spec.selector: Invalid value: {}: empty selector is invalid for statefulset',
    );
    const labels = dbStatefulSet({ selector: { matchLabels: { app: 'other' } } });
    const tpl = (labels['spec'] as { template: { metadata: { labels: Record<string, string> } } })
      .template;
    tpl.metadata.labels = { tier: 'db', app: 'database' };
    const [mismatch] = c.apply([labels]);
    expect(causes(mismatch)).toContain(
      'spec.template.metadata.labels: Invalid value: {"app":"database","tier":"db"}: `selector` does not match template `labels`',
    );
  });

  it('rejects unknown kinds and versions as data', () => {
    const [r] = c.apply([
      { apiVersion: 'apps/v1beta1', kind: 'StatefulSet', metadata: { name: 'x' } },
    ]);
    expect(message(r)).toBe('no matches for kind "StatefulSet" in version "apps/v1beta1"');
  });
});

describe('immutable StatefulSet fields', () => {
  it('forbids changing podManagementPolicy with the 1.35 message, and leaves the object alone', () => {
    const c = dbCluster();
    const [svc, sts] = c.apply([dbService(), dbStatefulSet({ podManagementPolicy: 'Parallel' })]);
    expect(message(svc)).toBe('unchanged');
    expect(message(sts)).toBe(
      "StatefulSet.apps \"db-cluster\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });

  it('reports configured for an allowed change and unchanged for a re-apply', () => {
    const c = dbCluster();
    expect(c.apply([dbService(), dbStatefulSet()]).map(message)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    expect(c.apply([dbService(), dbStatefulSet({ replicas: 4 })]).map(message)).toEqual([
      'unchanged',
      'configured',
    ]);
  });

  it('creates an already existing object with AlreadyExists', () => {
    const c = dbCluster();
    const r = c.create(dbService());
    expect(r.ok ? '' : `${r.status.reason}: ${r.status.message}`).toBe(
      'AlreadyExists: services "db-service" already exists',
    );
  });
});

describe('the long-name trap', () => {
  it('accepts a 60-character StatefulSet name but can never create its pods', () => {
    const c = createCluster({ seed: 3 });
    const name = 'a'.repeat(60);
    const sts = dbStatefulSet();
    (sts['metadata'] as { name: string }).name = name;
    const [r] = c.apply([sts]);
    expect(r?.ok).toBe(true);
    c.advance(5_000);
    expect(c.list('Pod', { namespace: 'default' })).toEqual({ ok: true, object: [] });
    const failed = c.events({ kind: 'StatefulSet' }).find((e) => e.reason === 'FailedCreate');
    expect(failed?.type).toBe('Warning');
    c.advance(120_000);
    const repeated = c.events({ kind: 'StatefulSet' }).find((e) => e.reason === 'FailedCreate');
    expect(repeated?.count).toBeGreaterThan(5);
    expect(c.list('Pod', { namespace: 'default' })).toEqual({ ok: true, object: [] });
    expect(failed?.message).toMatch(
      new RegExp(
        `^create Pod ${name}-0 in StatefulSet ${name} failed error: Pod "${name}-0" is invalid: metadata\\.labels: Invalid value: "${name}-[4-9bcdf]+": must be no more than 63 characters`,
      ),
    );
  });
});
