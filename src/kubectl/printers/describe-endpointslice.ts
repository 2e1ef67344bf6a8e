/**
 * `kubectl describe endpointslice`: kubernetes/kubectl pkg/describe/describe.go
 * `describeEndpointSliceV1` (release-1.35).
 */
import type { EndpointSlice, KubeEvent } from '../../sim/index.ts';
import {
  PrefixWriter,
  annotationsMultiline,
  describeEvents,
  finish,
  labelsMultiline,
} from './describe.ts';

/** `kubectl describe endpointslice` (describeEndpointSliceV1). */
export function describeEndpointSlice(
  slice: EndpointSlice,
  events: readonly KubeEvent[] | undefined,
  now: number,
): string {
  const w = new PrefixWriter();
  w.line(0, `Name:\t${slice.metadata.name}`);
  w.line(0, `Namespace:\t${slice.metadata.namespace ?? ''}`);
  labelsMultiline(w, 0, 'Labels', slice.metadata.labels);
  annotationsMultiline(w, 0, 'Annotations', slice.metadata.annotations);
  w.line(0, `AddressType:\t${slice.addressType}`);
  const ports = slice.ports ?? [];
  if (ports.length === 0) {
    w.line(0, 'Ports: <unset>');
  } else {
    w.line(0, 'Ports:');
    w.line(1, 'Name\tPort\tProtocol');
    w.line(1, '----\t----\t--------');
    for (const p of ports) {
      const name = p.name !== undefined && p.name !== '' ? p.name : '<unset>';
      const port = p.port !== undefined ? String(p.port) : '<unset>';
      w.line(1, `${name}\t${port}\t${p.protocol ?? 'TCP'}`);
    }
  }
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length === 0) {
    w.line(0, 'Endpoints: <none>');
  } else {
    w.line(0, 'Endpoints:');
    for (const e of endpoints) {
      const addresses = e.addresses.join(', ');
      w.line(1, `- Addresses:\t${addresses === '' ? '<none>' : addresses}`);
      w.line(2, 'Conditions:');
      const ready = e.conditions?.ready;
      w.line(3, `Ready:\t${ready === undefined ? '<unset>' : String(ready)}`);
      w.line(2, `Hostname:\t${e.hostname ?? '<unset>'}`);
      if (e.targetRef !== undefined)
        w.line(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}`);
      w.line(2, `NodeName:\t${e.nodeName ?? '<unset>'}`);
      w.line(2, `Zone:\t${e.zone ?? '<unset>'}`);
    }
  }
  const before = describeEvents(w, events, now);
  return finish(w, before);
}
