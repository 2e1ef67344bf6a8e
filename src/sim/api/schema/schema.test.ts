import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findDecodeProblems, findKindSchema, kindSchemas, manifestJsonSchema } from './index.ts';

const dbClusterYaml = readFileSync(
  new URL('../../../../content/files/db-cluster.yaml', import.meta.url),
  'utf8',
);
const dbCluster = parseAllDocuments(dbClusterYaml).map(
  (doc) => doc.toJS() as Record<string, unknown>,
);
const [service, statefulSet] = dbCluster as [Record<string, unknown>, Record<string, unknown>];

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(manifestJsonSchema());

/** Validation errors as "path message" strings. */
function errorsOf(document: unknown): string[] {
  validate(document);
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** A deep copy of the db-cluster StatefulSet with one change applied. */
function statefulSetWith(change: (sts: { spec: Record<string, unknown> }) => void): unknown {
  const copy = structuredClone(statefulSet) as { spec: Record<string, unknown> };
  change(copy);
  return copy;
}

describe('the editor schema', () => {
  it('accepts both documents of db-cluster.yaml', () => {
    expect(errorsOf(service)).toEqual([]);
    expect(errorsOf(statefulSet)).toEqual([]);
  });

  it('flags a misspelled field where it is', () => {
    const errors = errorsOf(statefulSetWith((sts) => (sts.spec['replicass'] = 3)));
    expect(errors).toContain('/spec must NOT have additional properties');
  });

  it('flags a value outside an enum', () => {
    const errors = errorsOf(
      statefulSetWith((sts) => (sts.spec['podManagementPolicy'] = 'Sequential')),
    );
    expect(errors).toContain(
      '/spec/podManagementPolicy must be equal to one of the allowed values',
    );
  });

  it('flags a string where a number belongs', () => {
    expect(errorsOf(statefulSetWith((sts) => (sts.spec['replicas'] = 'three')))).toContain(
      '/spec/replicas must be integer',
    );
  });

  it('flags an unknown kind and a missing apiVersion', () => {
    expect(errorsOf({ apiVersion: 'v1', kind: 'Potato', metadata: { name: 'x' } })).toContain(
      '/kind must be equal to one of the allowed values',
    );
    expect(errorsOf({ kind: 'Service', metadata: { name: 'x' } })).toContain(
      " must have required property 'apiVersion'",
    );
  });

  it('accepts status pasted from kubectl get -o yaml', () => {
    expect(errorsOf({ ...service, status: { loadBalancer: {} } })).toEqual([]);
  });

  it('documents every field it knows', () => {
    const missing: string[] = [];
    const visit = (field: (typeof kindSchemas)[number]['root'], path: string): void => {
      if (field.description.trim().length < 10) missing.push(path);
      for (const [name, child] of Object.entries(field.properties ?? {}))
        visit(child, `${path}.${name}`);
      if (field.items) visit(field.items, `${path}[]`);
    };
    for (const schema of kindSchemas) visit(schema.root, schema.kind);
    expect(missing).toEqual([]);
  });
});

describe('strict decoding', () => {
  const stsSchema = findKindSchema('apps/v1', 'StatefulSet');

  it('knows the writable kinds by apiVersion and kind', () => {
    expect(stsSchema?.kind).toBe('StatefulSet');
    expect(findKindSchema('v1', 'StatefulSet')).toBeUndefined();
    expect(findKindSchema('v1', 'PersistentVolumeClaim')?.group).toBe('');
  });

  it('finds nothing wrong in db-cluster', () => {
    expect(stsSchema && findDecodeProblems(stsSchema, statefulSet)).toEqual([]);
  });

  it('reports unknown fields in document order, with the API server’s path syntax', () => {
    const broken = statefulSetWith((sts) => {
      sts.spec['replicass'] = 3;
      const template = sts.spec['template'] as { spec: { containers: Record<string, unknown>[] } };
      const first = template.spec.containers[0];
      if (first) first['imagee'] = 'x';
    });
    expect(stsSchema && findDecodeProblems(stsSchema, broken)).toEqual([
      { kind: 'unknown-field', path: 'spec.template.spec.containers[0].imagee' },
      { kind: 'unknown-field', path: 'spec.replicass' },
    ]);
  });

  it('reports a wrong type with the Go types involved', () => {
    const broken = statefulSetWith((sts) => (sts.spec['replicas'] = 'three'));
    expect(stsSchema && findDecodeProblems(stsSchema, broken)).toEqual([
      {
        kind: 'wrong-type',
        path: 'spec.replicas',
        found: 'string',
        expected: 'int32',
        parentType: 'StatefulSetSpec',
      },
    ]);
  });

  it('accepts label values only as strings', () => {
    const broken = { ...service, metadata: { name: 'db-service', labels: { tier: 3 } } };
    const serviceSchema = findKindSchema('v1', 'Service');
    expect(serviceSchema && findDecodeProblems(serviceSchema, broken)).toMatchObject([
      { kind: 'wrong-type', path: 'metadata.labels.tier', found: 'number', expected: 'string' },
    ]);
  });
});
