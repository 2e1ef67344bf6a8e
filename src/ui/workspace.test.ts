import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FrameScheduler } from './driver.ts';
import {
  createWorkspaceSession,
  formatVirtualTime,
  prepareScenario,
  type WorkspaceSession,
} from './workspace.ts';
import { SCENARIOS } from '../lessons/scenarios.ts';

const dbCluster = readFileSync(
  new URL('../../content/files/db-cluster.yaml', import.meta.url),
  'utf8',
);

/** Animation frames the test runs by hand, 100 ms of real time apart. */
function manualFrames(): FrameScheduler & { run(count: number): void } {
  const waiting = new Map<number, (t: number) => void>();
  let next = 1;
  let time = 0;
  return {
    request(callback) {
      const handle = next++;
      waiting.set(handle, callback);
      return handle;
    },
    cancel(handle) {
      waiting.delete(handle);
    },
    run(count) {
      for (let i = 0; i < count; i++) {
        time += 100;
        const callbacks = [...waiting.values()];
        waiting.clear();
        for (const callback of callbacks) callback(time);
      }
    },
  };
}

function session(): { s: WorkspaceSession; frames: ReturnType<typeof manualFrames> } {
  const frames = manualFrames();
  const s = createWorkspaceSession({
    seed: 1,
    files: (name) => (name === 'db-cluster.yaml' ? dbCluster : undefined),
    frames,
  });
  s.driver.setSpeed(20);
  s.driver.play();
  return { s, frames };
}

/** What a learner sees of the pods: names, phases and readiness. */
function pods(s: WorkspaceSession): string {
  const result = s.cluster.list('Pod', { namespace: 'default' });
  if (!result.ok) return '';
  return JSON.stringify(
    result.object.map((pod) => [pod.metadata.name, pod.metadata.uid, pod.status?.phase]),
  );
}

describe('rewinding a workspace', () => {
  it('goes back to an exact earlier moment and lets the learner fork from there', async () => {
    const { s, frames } = session();
    await s.kubectl(['apply', '-f', 'db-cluster.yaml']);
    // Run until db-cluster-1 exists, and remember that moment.
    while (!pods(s).includes('db-cluster-1')) frames.run(1);
    const moment = s.cluster.now();
    const then = pods(s);
    s.store.flushNow();
    const activityThen = s.store.activity.get().map((line) => `${line.atMs} ${line.text}`);
    frames.run(200);
    await s.kubectl(['scale', 'sts', 'db-cluster', '--replicas=5']);
    frames.run(300);
    expect(pods(s)).toContain('db-cluster-4');

    expect(s.rewindTo(moment)).toBe(true);
    expect(s.cluster.now()).toBe(moment);
    expect(s.driver.playing.get()).toBe(false);
    expect(s.driver.now.get()).toBe(moment);
    expect(pods(s)).toBe(then);
    expect(s.store.activity.get().map((line) => `${line.atMs} ${line.text}`)).toEqual(activityThen);
    expect(s.store.view.get().statefulSets[0]?.desiredReplicas).toBe(3);
    const rows = s.store.timeline.podRows().map((row) => row.name);
    expect(rows).toEqual(['db-cluster-0', 'db-cluster-1']);

    // Fork: a different command from that moment on, and the old future is gone.
    await s.kubectl(['scale', 'sts', 'db-cluster', '--replicas=2']);
    s.driver.play();
    frames.run(300);
    expect(pods(s)).not.toContain('db-cluster-2');
    expect(s.store.view.get().statefulSets[0]?.readyReplicas).toBe(2);
    expect(s.rewindTo(s.cluster.now() + 1000)).toBe(false);
    s.dispose();
  });

  it('cannot go back before the first moment it recorded', () => {
    const { s } = session();
    expect(s.rewindTo(-1)).toBe(false);
    s.dispose();
  });
});

describe('formatVirtualTime', () => {
  it.each([
    [0, '0:00.0'],
    [7_400, '0:07.4'],
    [723_050, '12:03.0'],
    [3_723_900, '1:02:03.9'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatVirtualTime(ms)).toBe(text);
  });
  it.each([
    [7_412, '0:07.412'],
    [723_005, '12:03.005'],
    [3_723_900, '1:02:03.900'],
  ])('%d ms is %s to the millisecond', (ms, text) => {
    expect(formatVirtualTime(ms, 'ms')).toBe(text);
  });
});

describe('lesson scenarios', () => {
  it('db-cluster-running starts with three Ready pods, built through kubectl and kept in history', async () => {
    const { s } = session();
    s.driver.pause();
    const note = await prepareScenario(s, SCENARIOS['db-cluster-running']);
    expect(note).toMatch(/^# This lesson starts with db-cluster running/);
    const sts = s.cluster.get('StatefulSet', 'default', 'db-cluster');
    expect(sts.ok && sts.object.status?.readyReplicas).toBe(3);
    expect(s.cluster.now()).toBeGreaterThan(0);
    // The apply is in the history: going back to the start shows the empty cluster.
    await Promise.resolve();
    expect(s.rewindTo(0)).toBe(true);
    expect(pods(s)).toBe('[]');
  });

  it('an empty cluster needs no setup', async () => {
    const { s } = session();
    expect(await prepareScenario(s, SCENARIOS['empty-cluster'])).toBe('');
    expect(s.cluster.now()).toBe(0);
  });
});
