/**
 * `kubectl version`, `kubectl api-resources` and `kubectl cluster-info`: what the simulated kind
 * cluster (Kubernetes v1.35.4, kubectl v1.35) reports about itself.
 */
import type { FlagSpec } from '../flags.ts';
import { flagBool, flagString } from '../flags.ts';
import { plainError } from '../errors.ts';
import { RESOURCE_TYPES } from '../resources.ts';
import { GET_TABWRITER, tabulate } from '../printers/tabwriter.ts';
import { toJson, toYaml } from '../printers/object-printers.ts';
import type { CommandContext } from './context.ts';

/** The kubectl release this emulation follows. */
export const CLIENT_VERSION = 'v1.35.0';
/** The simulated API server's release. */
export const SERVER_VERSION = 'v1.35.4';

/** Flags of `kubectl version`. */
export const VERSION_FLAGS: readonly FlagSpec[] = [
  { name: 'client', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
];

/** Runs `kubectl version`. */
export function runVersion(ctx: CommandContext): number {
  const output = flagString(ctx.flags, 'output');
  const client = flagBool(ctx.flags, 'client');
  if (output === 'json' || output === 'yaml') {
    const info = (v: string, commit: string): Record<string, string> => ({
      buildDate: '2026-01-01T00:00:00Z',
      compiler: 'gc',
      gitCommit: commit,
      gitTreeState: 'clean',
      gitVersion: v,
      goVersion: 'go1.25.5',
      major: '1',
      minor: '35',
      platform: 'linux/amd64',
    });
    const data: Record<string, unknown> = {
      clientVersion: info(CLIENT_VERSION, '66452049f3d692768c39c797b21b793dce80314e'),
      kustomizeVersion: 'v5.7.1',
    };
    if (!client)
      data['serverVersion'] = info(SERVER_VERSION, '5c8d1f4c6a2a1b7c9e2f4e5b0a7d3c1f2e9b8a76');
    ctx.io.out(output === 'json' ? toJson(data) : toYaml(data));
    return 0;
  }
  if (output !== undefined && output !== '') {
    ctx.io.err(plainError(`--output must be 'yaml' or 'json'`));
    return 1;
  }
  ctx.io.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: v5.7.1\n`);
  if (!client) ctx.io.out(`Server Version: ${SERVER_VERSION}\n`);
  return 0;
}

/** Flags of `kubectl api-resources`. */
export const API_RESOURCES_FLAGS: readonly FlagSpec[] = [
  { name: 'namespaced', type: 'bool' },
  { name: 'api-group', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'no-headers', type: 'bool' },
];

/** Runs `kubectl api-resources`. */
export function runApiResources(ctx: CommandContext): number {
  const output = flagString(ctx.flags, 'output');
  let types = [...RESOURCE_TYPES];
  if (ctx.flags.has('namespaced')) {
    const want = flagBool(ctx.flags, 'namespaced');
    types = types.filter((t) => t.namespaced === want);
  }
  const group = flagString(ctx.flags, 'api-group');
  if (group !== undefined) types = types.filter((t) => t.group === group);
  if (output === 'name') {
    for (const t of types) ctx.io.out(t.group ? `${t.plural}.${t.group}\n` : `${t.plural}\n`);
    return 0;
  }
  const wide = output === 'wide';
  if (output !== undefined && output !== '' && !wide) {
    ctx.io.err(plainError(`--output ${output} is not available`));
    return 1;
  }
  let text = '';
  if (!flagBool(ctx.flags, 'no-headers'))
    text += `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`;
  for (const t of types) {
    const apiVersion = t.group ? `${t.group}/${t.version}` : t.version;
    text += `${t.plural}\t${t.shortNames.join(',')}\t${apiVersion}\t${String(t.namespaced)}\t${t.kind}`;
    if (wide) text += `\t[${t.verbs.join(' ')}]\t${t.categories.join(',')}`;
    text += '\n';
  }
  ctx.io.out(tabulate(text, GET_TABWRITER));
  return 0;
}

/** Runs `kubectl cluster-info` (kind's API server and CoreDNS addresses). */
export function runClusterInfo(ctx: CommandContext): number {
  if (ctx.args[0] === 'dump') {
    ctx.io.err(plainError('cluster-info dump is not available in the simulated cluster'));
    return 1;
  }
  // kubectl colours these names in a terminal; transcripts capture the plain text.
  ctx.io.out(
    "Kubernetes control plane is running at https://127.0.0.1:6443\nCoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
  );
  return 0;
}
