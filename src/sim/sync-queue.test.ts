import { describe, expect, it } from 'vitest';
import type { Task } from './clock/virtual-clock.ts';
import type { Runtime } from './runtime.ts';
import { SyncQueue } from './sync-queue.ts';

/** Just enough of a runtime to see what the queue schedules. */
function recordingRuntime(): { rt: Runtime; scheduled: Task[] } {
  const scheduled: Task[] = [];
  const rt = {
    timings: { controllerDelay: [50, 200] },
    schedule: (task: Task) => void scheduled.push(task),
  } as unknown as Runtime;
  return { rt, scheduled };
}

describe('SyncQueue', () => {
  it('schedules a key once while it waits, and again once its sync has started', () => {
    const { rt, scheduled } = recordingRuntime();
    const queue = new SyncQueue(rt, 'endpoints');
    queue.add('default/db-service');
    queue.add('default/db-service');
    queue.add('default/web');
    expect(scheduled).toEqual([
      { target: 'endpoints', op: 'sync', key: 'default/db-service' },
      { target: 'endpoints', op: 'sync', key: 'default/web' },
    ]);
    queue.started({ target: 'endpoints', op: 'sync', key: 'default/db-service' });
    queue.add('default/db-service');
    expect(scheduled).toHaveLength(3);
  });

  it('after a restore, counts only its own pending syncs as waiting', () => {
    const { rt, scheduled } = recordingRuntime();
    const queue = new SyncQueue(rt, 'disruption');
    queue.restore([
      { target: 'disruption', op: 'sync', key: 'default/a' },
      // A timer of the same controller that is not a queued sync, and another controller's sync.
      { target: 'disruption', op: 'recheck', key: 'default/b' },
      { target: 'statefulset', op: 'sync', key: 'default/c' },
    ]);
    for (const key of ['default/a', 'default/b', 'default/c']) queue.add(key);
    expect(scheduled.map((task) => task.key)).toEqual(['default/b', 'default/c']);
    // A finished recheck does not free a waiting sync.
    queue.started({ target: 'disruption', op: 'recheck', key: 'default/a' });
    queue.add('default/a');
    expect(scheduled).toHaveLength(2);
  });
});
