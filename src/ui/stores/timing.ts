/**
 * User Timing marks around the work the UI does each frame (simulation, store flush, cluster
 * panel, timeline), recorded only while `globalThis.__stsTiming` is true: `bench/web-bench.mjs`
 * turns it on to say where a frame's script time goes, and anyone can in DevTools. Off, it costs
 * one property read.
 */
export function timed<T>(name: string, work: () => T): T {
  if ((globalThis as { __stsTiming?: boolean }).__stsTiming !== true) return work();
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(`sts:${name}`, { start, end: performance.now() });
  }
}
