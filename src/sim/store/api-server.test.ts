import { describe, expect, it } from 'vitest';
import { IdSource } from '../clock/ids.ts';
import { Random } from '../clock/random.ts';
import type { Pod, Service } from '../api/types.ts';
import { ApiServer } from './api-server.ts';
import { ObjectStore } from './object-store.ts';
import type { WatchEvent } from './object-store.ts';

function setup(): {
  api: ApiServer;
  store: ObjectStore;
  events: WatchEvent[];
  time: { now: number };
} {
  const ids = new IdSource(new Random(1));
  const store = new ObjectStore(ids);
  const time = { now: 0 };
  const api = new ApiServer(store, ids, () => time.now);
  api.create(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
    { internal: true },
  );
  const events: WatchEvent[] = [];
  store.onChange((e) => events.push(e));
  return { api, store, events, time };
}

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'x' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra },
});

describe('ApiServer', () => {
  it('creates with uid, resourceVersion, generation, defaults and a frozen result', () => {
    const { api, events } = setup();
    const res = api.create(pod('p'));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const p = res.object as Pod;
    expect(p.metadata.namespace).toBe('default');
    expect(p.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(p.metadata.generation).toBe(1);
    expect(p.spec.restartPolicy).toBe('Always');
    expect(p.spec.containers[0]?.imagePullPolicy).toBe('Always');
    expect(p.status?.phase).toBe('Pending');
    expect(Object.isFrozen(p.spec)).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['ADDED']);
  });

  it('bumps resourceVersion on every write and rejects stale writes with Conflict', () => {
    const { api } = setup();
    const created = api.create(pod('p'));
    if (!created.ok) throw new Error();
    const stale = JSON.parse(JSON.stringify(created.object)) as Pod;
    const r1 = api.patch('Pod', 'default', 'p', { metadata: { labels: { app: 'y' } } });
    expect(r1.ok && r1.object.metadata.resourceVersion).not.toBe(
      created.object.metadata.resourceVersion,
    );
    const r2 = api.update(stale);
    expect(r2.ok ? '' : r2.status.reason).toBe('Conflict');
  });

  it('deletes an unscheduled pod at once and a scheduled one gracefully', () => {
    const { api, store, time } = setup();
    api.create(pod('a'));
    expect(api.delete('Pod', 'default', 'a').ok).toBe(true);
    expect(store.get('Pod', 'default', 'a')).toBeUndefined();
    api.create(pod('b', { nodeName: 'kind-worker' }));
    time.now = 1000;
    const r = api.delete('Pod', 'default', 'b', { gracePeriodSeconds: 10 });
    expect(r.ok && r.object.metadata.deletionTimestamp).toBe('2026-01-01T00:00:11Z');
    expect(store.get('Pod', 'default', 'b')).toBeDefined();
    expect(api.delete('Pod', 'default', 'b', { gracePeriodSeconds: 0 }).ok).toBe(true);
    expect(store.get('Pod', 'default', 'b')).toBeUndefined();
  });

  it('waits for finalizers and completes the deletion when the last one is removed', () => {
    const { api, store } = setup();
    api.create({ ...pod('f'), metadata: { name: 'f', finalizers: ['example.com/hold'] } });
    api.delete('Pod', 'default', 'f');
    const held = store.get('Pod', 'default', 'f');
    expect(held?.metadata.deletionTimestamp).toBeDefined();
    api.patch('Pod', 'default', 'f', { metadata: { finalizers: null } }, 'merge', {
      internal: true,
    });
    expect(store.get('Pod', 'default', 'f')).toBeUndefined();
  });

  it('reports NotFound for a missing namespace and validation errors as Invalid', () => {
    const { api } = setup();
    const r = api.create({ ...pod('p'), metadata: { name: 'p', namespace: 'nope' } });
    expect(r.ok ? '' : r.status.message).toBe('namespaces "nope" not found');
    const bad = api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'Bad_Name' },
      spec: { containers: [{ name: 'c' }] },
    });
    expect(bad.ok ? [] : bad.status.details?.causes?.map((c) => c.field)).toEqual([
      'metadata.name',
      'spec.containers[0].image',
    ]);
  });

  it('allocates a ClusterIP for normal services and keeps None for headless ones', () => {
    const { api } = setup();
    const svc = (name: string, clusterIP?: string) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { ...(clusterIP ? { clusterIP } : {}), ports: [{ port: 80 }] },
    });
    const a = api.create(svc('a'));
    const b = api.create(svc('b', 'None'));
    expect(a.ok && (a.object as Service).spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(b.ok && (b.object as Service).spec.clusterIP).toBe('None');
    expect(b.ok && (b.object as Service).spec.ports?.[0]).toEqual({
      port: 80,
      protocol: 'TCP',
      targetPort: 80,
    });
  });
});
