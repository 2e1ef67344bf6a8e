import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInteractive, type InteractiveIo } from './interactive.ts';

const dbCluster = readFileSync(
  new URL('../../content/files/db-cluster.yaml', import.meta.url),
  'utf8',
);

/** A scripted terminal: typed input, captured output, and a clock the test moves. */
function fakeTerminal() {
  let output = '';
  let realNow = 0;
  let input: (data: string) => void = () => undefined;
  const timers = new Set<() => void>();
  const io: InteractiveIo = {
    onInput(listener) {
      input = listener;
      return () => (input = () => undefined);
    },
    write: (text) => (output += text),
    every(_ms, tick) {
      timers.add(tick);
      return () => timers.delete(tick);
    },
    now: () => realNow,
  };
  /** Lets pending promises (a command's output, the next prompt) run. */
  const settle = async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return {
    io,
    type: async (data: string) => {
      input(data);
      await settle();
    },
    /** Lets `ms` of real time pass in 50 ms ticks. */
    wait: async (ms: number) => {
      for (let t = 0; t < ms; t += 50) {
        realNow += 50;
        for (const tick of [...timers]) tick();
        await settle();
      }
    },
    output: () => output,
    clockRunning: () => timers.size > 0,
  };
}

describe('sts-lab interactive', () => {
  it('runs kubectl against a live cluster whose time follows the clock', async () => {
    const term = fakeTerminal();
    const session = runInteractive({
      io: term.io,
      seed: 1,
      speed: 10,
      readFile: (path) => (path === 'db-cluster.yaml' ? dbCluster : undefined),
      listFiles: () => ['db-cluster.yaml'],
    });
    expect(term.output()).toContain('StatefulSet Lab: a simulated Kubernetes 1.35 cluster');
    await term.type('kubectl apply -f db-cluster.yaml\r');
    expect(term.output()).toContain('statefulset.apps/db-cluster created\r\n$ ');
    // Ten seconds of real time at 10× is more than enough for three pods.
    await term.wait(10_000);
    await term.type('kubectl get pods\r');
    expect(term.output()).toMatch(/db-cluster-2\s+1\/1\s+Running/);
    await term.type('exit\r');
    expect(await session).toBe(0);
    expect(term.clockRunning()).toBe(false);
  });

  it('stops a watch on Ctrl-C and gives the prompt back', async () => {
    const term = fakeTerminal();
    const session = runInteractive({
      io: term.io,
      seed: 1,
      speed: 1,
      readFile: () => undefined,
      listFiles: () => [],
    });
    await term.type('kubectl get pods -w\r');
    await term.wait(200);
    await term.type('\x03');
    await term.wait(100);
    expect(term.output().endsWith('^C\r\n$ ')).toBe(true);
    await term.type('\x04');
    expect(await session).toBe(0);
  });
});
