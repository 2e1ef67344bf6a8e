import { describe, expect, it } from 'vitest';
import { containerProgram, formatDate, programLog } from './container-command.ts';

const bb = (argv: string[], command = false) => ({
  name: 'c',
  image: 'busybox:1.28',
  ...(command ? { command: argv } : { args: argv }),
});

describe('containerProgram', () => {
  it('echo writes its words and exits 0 at once', () => {
    const p = containerProgram(bb(['echo', 'hi', 'there']));
    expect(p).toEqual({
      kind: 'exits',
      output: [{ atMs: 0, text: 'hi there\n' }],
      durationMs: 0,
      exitCode: 0,
    });
  });

  it('true, false and sleep N', () => {
    expect(containerProgram(bb(['true']))).toMatchObject({ kind: 'exits', exitCode: 0 });
    expect(containerProgram(bb(['false']))).toMatchObject({ kind: 'exits', exitCode: 1 });
    expect(containerProgram(bb(['sleep', '5']))).toMatchObject({
      kind: 'exits',
      durationMs: 5000,
      exitCode: 0,
    });
    expect(containerProgram(bb(['sleep', '1.5m']))).toMatchObject({ durationMs: 90_000 });
  });

  it('sleep infinity and an hour or more keep running (exec keeps working)', () => {
    expect(containerProgram(bb(['sleep', 'infinity'])).kind).toBe('long-running');
    expect(containerProgram(bb(['sleep', '3600'], true)).kind).toBe('long-running');
  });

  it('runs sh -c lists with ;, &&, || and exit N', () => {
    const p = containerProgram(
      bb(['sh', '-c', 'echo start; sleep 2 && echo "two words"; false || exit 3; echo never']),
    );
    expect(p).toEqual({
      kind: 'exits',
      output: [
        { atMs: 0, text: 'start\n' },
        { atMs: 2000, text: 'two words\n' },
      ],
      durationMs: 2000,
      exitCode: 3,
    });
    expect(programLog(p, 1000)).toBe('start\n');
    expect(programLog(p)).toBe('start\ntwo words\n');
  });

  it('cat of a missing file fails with busybox wording; a file that may exist is not modelled', () => {
    expect(containerProgram(bb(['cat', '/nope']))).toEqual({
      kind: 'exits',
      output: [{ atMs: 0, text: "cat: can't open '/nope': No such file or directory\n" }],
      durationMs: 0,
      exitCode: 1,
    });
    expect(containerProgram(bb(['cat', '/etc/hostname'])).kind).toBe('long-running');
  });

  it('date prints the start time in the C locale', () => {
    expect(formatDate(Date.UTC(2026, 10, 6, 7, 4, 9))).toBe('Fri Nov  6 07:04:09 UTC 2026');
    const p = containerProgram(bb(['date']), Date.UTC(2026, 0, 1));
    expect(programLog(p)).toBe('Thu Jan  1 00:00:00 UTC 2026\n');
  });

  it('an unknown command in sh is "not found" (127); an unknown executable cannot start', () => {
    expect(containerProgram(bb(['sh', '-c', 'foo']))).toMatchObject({
      output: [{ atMs: 0, text: 'sh: foo: not found\n' }],
      exitCode: 127,
    });
    expect(containerProgram(bb(['foo']))).toEqual({
      kind: 'start-error',
      message:
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown',
    });
  });

  it('leaves images without a command, interactive shells and unmodelled syntax running', () => {
    expect(containerProgram({ name: 'c', image: 'nginx:1.27' }).kind).toBe('long-running');
    expect(containerProgram(bb(['sh'])).kind).toBe('long-running');
    expect(containerProgram(bb(['nslookup', 'web-0.nginx'])).kind).toBe('long-running');
    expect(containerProgram(bb(['sh', '-c', 'while true; do echo x; sleep 1; done'])).kind).toBe(
      'long-running',
    );
    expect(containerProgram(bb(['sh', '-c', 'echo $HOSTNAME'])).kind).toBe('long-running');
    // Other images' binaries (the system pods) are not modelled at all.
    expect(
      containerProgram({
        name: 'kube-proxy',
        image: 'registry.k8s.io/kube-proxy:v1.35.0',
        command: ['/usr/local/bin/kube-proxy'],
      }).kind,
    ).toBe('long-running');
  });

  it('uses dash wording in the Debian-based images', () => {
    const p = containerProgram({
      name: 'c',
      image: 'nginx:1.27',
      command: ['sh', '-c', 'cat /x; nope'],
    });
    expect(programLog(p)).toBe('cat: /x: No such file or directory\nsh: 1: nope: not found\n');
  });
});
