import { describe, expect, it } from 'vitest';
import type { Pod } from '../../sim/index.ts';
import { TABLES, podStatusCells } from './columns.ts';

const T0 = '2026-01-01T00:00:00Z';

function pod(status: Pod['status'], extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', creationTimestamp: T0, ...extra },
    spec: { containers: [{ name: 'nginx' }] },
    ...(status ? { status } : {}),
  };
}

function container(state: object, extra: object = {}) {
  return {
    name: 'nginx',
    image: 'nginx',
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state,
    lastState: {},
    ...extra,
  };
}

describe('podStatusCells (printPod)', () => {
  it('shows the phase while no container status exists', () => {
    expect(podStatusCells(pod({ phase: 'Pending' }), 0)).toEqual({
      ready: '0/1',
      status: 'Pending',
      restarts: '0',
    });
  });
  it('shows a waiting reason', () => {
    const p = pod({
      phase: 'Pending',
      containerStatuses: [container({ waiting: { reason: 'ContainerCreating' } })],
    });
    expect(podStatusCells(p, 0).status).toBe('ContainerCreating');
  });
  it('counts ready running containers', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [container({ running: { startedAt: T0 } }, { ready: true })],
    });
    expect(podStatusCells(p, 0)).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });
  it('shows Terminating for a deleted pod that is not terminal yet', () => {
    const p = pod(
      {
        phase: 'Running',
        containerStatuses: [container({ running: { startedAt: T0 } }, { ready: true })],
      },
      { deletionTimestamp: T0 },
    );
    expect(podStatusCells(p, 0).status).toBe('Terminating');
  });
  it('keeps Completed for a deleted pod the kubelet marked Succeeded', () => {
    const p = pod(
      {
        phase: 'Succeeded',
        containerStatuses: [container({ terminated: { exitCode: 0, reason: 'Completed' } })],
      },
      { deletionTimestamp: T0 },
    );
    expect(podStatusCells(p, 0)).toEqual({ ready: '0/1', status: 'Completed', restarts: '0' });
  });
  it('prints ExitCode:N when a terminated container has no reason', () => {
    const p = pod({
      phase: 'Failed',
      containerStatuses: [container({ terminated: { exitCode: 2 } })],
    });
    expect(podStatusCells(p, 0).status).toBe('ExitCode:2');
  });
  it('adds "(45s ago)" to RESTARTS when the last termination time is known', () => {
    const p = pod({
      phase: 'Running',
      containerStatuses: [
        container(
          { waiting: { reason: 'CrashLoopBackOff' } },
          {
            restartCount: 3,
            lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:01:00Z' } },
          },
        ),
      ],
    });
    expect(podStatusCells(p, 105_000)).toEqual({
      ready: '0/1',
      status: 'CrashLoopBackOff',
      restarts: '3 (45s ago)',
    });
  });
});

describe('endpoints table (formatEndpoints)', () => {
  it('lists up to three ip:port pairs and counts the rest', () => {
    const ep = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'db-service', creationTimestamp: T0 },
      subsets: [
        {
          addresses: ['10.244.1.2', '10.244.2.2', '10.244.3.2', '10.244.1.3', '10.244.2.3'].map(
            (ip) => ({ ip }),
          ),
          ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }],
        },
      ],
    };
    expect(TABLES['Endpoints']?.row(ep, 5000)).toEqual([
      'db-service',
      '10.244.1.2:3306,10.244.2.2:3306,10.244.3.2:3306 + 2 more...',
      '5s',
    ]);
  });
  it('shows <none> without ready addresses', () => {
    const ep = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'x', creationTimestamp: T0 },
    };
    expect(TABLES['Endpoints']?.row(ep, 0)[1]).toBe('<none>');
  });
});
