/**
 * discovery.k8s.io/v1 EndpointSlice output: the `kubectl get endpointslices` table of
 * kubernetes/kubernetes pkg/printers/internalversion/printers.go (`printEndpointSlice`,
 * `formatDiscoveryPorts`, `formatDiscoveryEndpoints`, `listWithMoreString`) and
 * `kubectl describe endpointslice` is in describe-endpointslice.ts.
 */
import type { EndpointSlice, KubeObject } from '../../sim/index.ts';
import { fromRfc3339 } from '../../sim/index.ts';
// Type-only: columns.ts imports this module for its TABLES, so no value comes back from it.
import type { TableDef } from './columns.ts';
import { humanDuration } from './human-duration.ts';

/** How many items PORTS and ENDPOINTS show before `+ N more...` (printers.go `max := 3`). */
const LIST_MAX = 3;

/**
 * listWithMoreString: the first three items comma-joined, `a,b,c + 2 more...` when there are
 * more, `<unset>` when there are none.
 */
function listWithMore(items: readonly string[]): string {
  const shown = items.slice(0, LIST_MAX).join(',');
  if (items.length > LIST_MAX) return `${shown} + ${items.length - LIST_MAX} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** formatDiscoveryPorts: each port's number, else its name, else `*`. */
export function formatDiscoveryPorts(slice: EndpointSlice): string {
  return listWithMore(
    (slice.ports ?? []).map((p) =>
      p.port !== undefined ? String(p.port) : p.name !== undefined ? p.name : '*',
    ),
  );
}

/** formatDiscoveryEndpoints: every address of every endpoint, ready or not. */
export function formatDiscoveryEndpoints(slice: EndpointSlice): string {
  return listWithMore((slice.endpoints ?? []).flatMap((e) => e.addresses));
}

/**
 * The EndpointSlice columns: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. printers.go defines no
 * priority-1 column for EndpointSlices, so `-o wide` prints the same five.
 */
export const endpointSliceTable: TableDef = {
  columns: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'].map((header) => ({
    header,
    wide: false,
  })),
  row(obj: KubeObject, now: number) {
    const slice = obj as EndpointSlice;
    // translateTimestampSince, as columns.ts `age`.
    const created = slice.metadata.creationTimestamp;
    return [
      slice.metadata.name,
      slice.addressType,
      formatDiscoveryPorts(slice),
      formatDiscoveryEndpoints(slice),
      created === undefined || created === ''
        ? '<unknown>'
        : humanDuration(now - fromRfc3339(created)),
    ];
  },
};
