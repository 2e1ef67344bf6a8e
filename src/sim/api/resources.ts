/**
 * Resource quantities (`250m`, `1Gi`, `0.5`) and what a pod asks of a node, after
 * k8s.io/apimachinery/pkg/api/resource and the scheduler's `computePodResourceRequest`.
 */
import type { Container, PodSpec } from './types.ts';

const SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a quantity (`"250m"` → 0.25, `"1Gi"` → 1073741824); NaN when malformed. */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([a-zA-Z]*))$/.exec(q.trim());
  if (m === null) return Number.NaN;
  const base = Number(m[1]);
  if (m[2] !== undefined) return base * 10 ** Number(m[2].slice(1));
  const factor = SUFFIXES[m[3] ?? ''];
  return factor === undefined ? Number.NaN : base * factor;
}

/** CPU in millicores and memory in bytes. */
export interface ResourceAmounts {
  readonly milliCpu: number;
  readonly memory: number;
}

function containerRequests(c: Container): ResourceAmounts {
  // A container with limits but no requests requests its limits (API defaulting).
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  const cpu = parseQuantity(req['cpu'] ?? lim['cpu']);
  const mem = parseQuantity(req['memory'] ?? lim['memory']);
  return {
    milliCpu: Number.isFinite(cpu) ? Math.ceil(cpu * 1000) : 0,
    memory: Number.isFinite(mem) ? Math.ceil(mem) : 0,
  };
}

/** What the scheduler reserves for a pod: the sum over containers, or the largest init container. */
export function podRequests(spec: PodSpec): ResourceAmounts {
  let milliCpu = 0;
  let memory = 0;
  for (const c of spec.containers) {
    const r = containerRequests(c);
    milliCpu += r.milliCpu;
    memory += r.memory;
  }
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c);
    milliCpu = Math.max(milliCpu, r.milliCpu);
    memory = Math.max(memory, r.memory);
  }
  return { milliCpu, memory };
}

/** The pod's QoS class (`GetPodQOS`): Guaranteed, Burstable or BestEffort. */
export function podQosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...spec.containers, ...(spec.initContainers ?? [])];
  const any = all.some(
    (c) =>
      Object.keys(c.resources?.requests ?? {}).length > 0 ||
      Object.keys(c.resources?.limits ?? {}).length > 0,
  );
  if (!any) return 'BestEffort';
  const guaranteed = all.every((c) =>
    ['cpu', 'memory'].every((r) => {
      const lim = c.resources?.limits?.[r];
      const req = c.resources?.requests?.[r] ?? lim;
      return lim !== undefined && parseQuantity(lim) === parseQuantity(req);
    }),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
