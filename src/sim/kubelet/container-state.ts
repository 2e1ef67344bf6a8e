/**
 * Container status writes the kubelet and the container-exit path share, so both record an
 * exited main container the same way.
 */
import type { ContainerStatus } from '../api/types.ts';

/**
 * The statuses with the first (main) container terminated: `Completed` for exit code 0, else
 * `Error`, not ready, not started, keeping its container ID.
 */
export function withMainContainerTerminated(
  statuses: readonly ContainerStatus[] | undefined,
  exitCode: number,
  startedAt: string,
  finishedAt: string,
): ContainerStatus[] {
  return (statuses ?? []).map((cs, i) =>
    i === 0
      ? {
          ...cs,
          ready: false,
          started: false,
          state: {
            terminated: {
              exitCode,
              reason: exitCode === 0 ? 'Completed' : 'Error',
              startedAt,
              finishedAt,
              ...(cs.containerID ? { containerID: cs.containerID } : {}),
            },
          },
        }
      : cs,
  );
}
