/** Conversions between virtual milliseconds and the timestamps the Kubernetes API shows. */

/** Wall-clock instant that virtual time 0 corresponds to (2026-01-01T00:00:00Z). */
export const EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/** RFC 3339 with whole seconds, as metav1.Time serialises (`2026-01-01T00:00:05Z`). */
export function toRfc3339(virtualMs: number): string {
  return new Date(EPOCH_MS + virtualMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (Event.eventTime and friends). */
export function toRfc3339Micro(virtualMs: number): string {
  return new Date(EPOCH_MS + virtualMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Parses an RFC 3339 timestamp back to virtual milliseconds. */
export function fromRfc3339(ts: string): number {
  return Date.parse(ts) - EPOCH_MS;
}

/**
 * Formats a duration like Go's time.Duration.String() after rounding to milliseconds, which is
 * how the kubelet prints pull times (`548ms`, `2.31s`).
 */
export function formatGoDuration(ms: number): string {
  const whole = Math.round(ms);
  if (whole < 1000) return `${whole}ms`;
  if (whole < 60_000) return `${trimZeros((whole / 1000).toFixed(3))}s`;
  const minutes = Math.floor(whole / 60_000);
  const rest = whole - minutes * 60_000;
  return `${minutes}m${trimZeros((rest / 1000).toFixed(3))}s`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
