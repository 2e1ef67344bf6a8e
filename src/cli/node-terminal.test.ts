import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { runKubectl } from '../kubectl/index.ts';
import { nodeEditor } from './node-terminal.ts';
import { readBuiltin } from './builtin-files.ts';

async function withEditor(setting: string) {
  const cluster = createCluster({ seed: 1 });
  const env = {
    cluster,
    readFile: readBuiltin,
    edit: nodeEditor({ EDITOR: setting, SHELL: '/bin/sh' }),
  };
  await runKubectl(['apply', '-f', 'web.yaml'], env);
  return { cluster, edit: () => runKubectl(['edit', 'sts', 'web'], env) };
}

describe('nodeEditor (kubectl edit in the interactive sts-lab)', () => {
  it('runs $EDITOR on a temporary file and applies what it saved', async () => {
    const { cluster, edit } = await withEditor('sed -i -e s/nginx-slim:0.21/nginx-slim:0.24/');
    expect(await edit()).toEqual({
      stdout: 'statefulset.apps/web edited\n',
      stderr: '',
      exitCode: 0,
    });
    const sts = cluster.get('StatefulSet', 'default', 'web');
    expect(sts.ok && sts.object.spec.template.spec.containers[0]?.image).toBe(
      'registry.k8s.io/nginx-slim:0.24',
    );
  });

  it('an editor that saves nothing cancels the edit', async () => {
    const { edit } = await withEditor('true');
    expect((await edit()).stderr).toBe('Edit cancelled, no changes made.\n');
  });

  it('an editor that cannot be started gives kubectl’s error', async () => {
    const { edit } = await withEditor('/nonexistent/editor');
    expect(await edit()).toEqual({
      stdout: '',
      stderr: 'error: unable to launch the editor "/nonexistent/editor"\n',
      exitCode: 1,
    });
  });
});
