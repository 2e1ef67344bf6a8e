#!/usr/bin/env node
// The `sts-lab` command. The program is TypeScript that Node 22.18+ runs directly; on an older
// Node (this project's machines have Node 20) it re-runs itself with the Node 22 that `npm install`
// puts in node_modules/.bin.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(realpathSync(fileURLToPath(import.meta.url)));
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

if (major > 22 || (major === 22 && minor >= 18)) {
  const { main } = await import('../src/cli/sts-lab.ts');
  process.exitCode = await main(process.argv.slice(2));
} else {
  const node22 = join(here, '..', 'node_modules', '.bin', 'node');
  if (!existsSync(node22)) {
    process.stderr.write(
      `sts-lab needs Node.js 22.18 or newer (this is ${process.version}); run \`npm install\` in the project first.\n`,
    );
    process.exit(1);
  }
  const result = spawnSync(node22, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
