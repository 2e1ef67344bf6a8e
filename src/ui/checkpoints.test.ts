import { describe, expect, it } from 'vitest';
import { Checkpoints, type Checkpoint } from './checkpoints.ts';

const at = (atMs: number): Checkpoint => ({ atMs }) as unknown as Checkpoint;

function recorder() {
  const log: string[] = [];
  return {
    log,
    listener: {
      added: (checkpoint: Checkpoint) => log.push(`+${checkpoint.atMs}`),
      removed: (atMs: number) => log.push(`-${atMs}`),
      truncatedAfter: (atMs: number) => log.push(`>${atMs}`),
    },
  };
}

describe('the rewind history', () => {
  it('tells its listener of every change, so a saved copy stays in step', () => {
    const { log, listener } = recorder();
    const history = new Checkpoints(3, [], listener);
    history.record(at(0));
    history.record(at(5));
    history.record(at(5)); // the same moment again replaces it: one record, rewritten
    history.record(at(9));
    history.record(at(12)); // over the limit: the oldest after the first goes
    expect(log).toEqual(['+0', '+5', '+5', '+9', '+12', '-5']);
    expect(history.atOrBefore(8)?.atMs).toBe(0);
    history.truncateAfter(9);
    expect(log.at(-1)).toBe('>9');
    expect(history.latest).toBe(9);
  });

  it('continues a saved history, oldest first, within its limit', () => {
    const history = new Checkpoints(3, [at(9), at(0), at(4), at(7)]);
    expect(history.earliest).toBe(4);
    expect(history.latest).toBe(9);
    expect(history.atOrBefore(5)?.atMs).toBe(4);
  });

  it('a checkpoint earlier than the newest replaces the later ones', () => {
    const { log, listener } = recorder();
    const history = new Checkpoints(10, [at(0), at(5), at(9)], listener);
    history.record(at(6));
    expect(log).toEqual(['-9', '+6']);
    expect(history.latest).toBe(6);
  });
});
