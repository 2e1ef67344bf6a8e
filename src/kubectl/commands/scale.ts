/**
 * `kubectl scale`: sets `spec.replicas` through the scale subresource and prints
 * `statefulset.apps/<name> scaled` (also when the count does not change).
 */
import type { FlagSpec } from '../flags.ts';
import { DRY_RUN_FLAG, flagInt, flagString } from '../flags.ts';
import { plainError, renderStatus } from '../errors.ts';
import { qualifiedSingular } from '../resources.ts';
import type { CommandContext } from './context.ts';
import { dryRunOf, namespaceOf, resolveResourceArgs } from './context.ts';

/** Flags of `kubectl scale`. */
export const SCALE_FLAGS: readonly FlagSpec[] = [
  { name: 'replicas', type: 'int' },
  { name: 'current-replicas', type: 'int' },
  { name: 'output', short: 'o', type: 'string' },
  DRY_RUN_FLAG,
];

/** Runs `kubectl scale`. */
export function runScale(ctx: CommandContext): number {
  const { io, cluster } = ctx;
  const replicas = flagInt(ctx.flags, 'replicas');
  if (replicas === undefined) {
    io.err(plainError('required flag(s) "replicas" not set'));
    return 1;
  }
  // Complete reads the dry-run strategy (scale.go) before Validate checks the counts.
  const dry = dryRunOf(ctx);
  if (typeof dry === 'object') {
    io.err(dry.error);
    return 1;
  }
  if (replicas < 0) {
    io.err(
      plainError(
        'The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
      ),
    );
    return 1;
  }
  const resolved = resolveResourceArgs(ctx.args);
  if (!resolved.ok) {
    io.err(resolved.error);
    return 1;
  }
  if (resolved.requests.length === 0) {
    io.err(
      plainError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      ),
    );
    return 1;
  }
  if (resolved.requests.every((r) => r.names.length === 0)) {
    io.err(plainError('resource(s) were provided, but no name was specified'));
    return 1;
  }
  const current = flagInt(ctx.flags, 'current-replicas');
  let exit = 0;
  const ns = namespaceOf(ctx);
  for (const req of resolved.requests) {
    for (const name of req.names) {
      if (req.type.kind !== 'StatefulSet') {
        io.err(
          plainError(
            `no objects passed to scale ${req.type.plural} ${JSON.stringify(name)} is not scalable`,
          ),
        );
        exit = 1;
        continue;
      }
      const got = cluster.get('StatefulSet', ns, name);
      if (!got.ok) {
        io.err(renderStatus(got.status));
        exit = 1;
        continue;
      }
      if (current !== undefined && current !== -1 && (got.object.spec.replicas ?? 1) !== current) {
        io.err(
          plainError(`Expected replicas to be ${current}, was ${got.object.spec.replicas ?? 1}`),
        );
        exit = 1;
        continue;
      }
      // A client dry run prints the object as it is, without a request; a server one validates it.
      const res =
        dry === 'client'
          ? got
          : dry === 'server'
            ? cluster.validate({ ...got.object, spec: { ...got.object.spec, replicas } })
            : cluster.patch('StatefulSet', ns, name, { spec: { replicas } });
      if (!res.ok) {
        io.err(renderStatus(res.status));
        exit = 1;
        continue;
      }
      const label = `${qualifiedSingular(req.type)}/${name}`;
      const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
      io.out(
        flagString(ctx.flags, 'output') === 'name' ? `${label}\n` : `${label} scaled${suffix}\n`,
      );
    }
  }
  return exit;
}
