import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './sts-lab.ts';

/** Runs `main` and collects what it writes to stdout and stderr. */
async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  const code = await main(argv);
  return { code, out, err };
}

describe('sts-lab --help', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([['--help'], ['-h'], ['help'], ['run', '--help']])(
    '`sts-lab %s` prints the usage on stdout and exits 0',
    async (...argv: string[]) => {
      const r = await capture(argv);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^Usage:\n {2}sts-lab \[--seed N\] \[--speed N\]/);
      expect(r.out).not.toContain('unknown command');
    },
  );

  it('still rejects an unknown command with the usage on stderr and exit code 2', async () => {
    const r = await capture(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^sts-lab: unknown command "frobnicate"\nUsage:\n/);
  });
});
