// The shell passes the browser's editor to `kubectl edit` and lets `-f DIR` read the editor's
// files under a folder (transcript level).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/sim/index.ts';
import { createShell } from '../../src/shell/index.ts';

const FILES: Record<string, string> = {
  'manifests/svc-b.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  ports:\n  - port: 80\n',
  'manifests/svc-a.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 80\n',
  'manifests/nested/skip.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: nested\nspec:\n  ports:\n  - port: 80\n',
  'top.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: top\n',
};

describe('shell: kubectl apply -f DIR and kubectl edit', () => {
  it('applies the files directly under a folder of the editor, in name order', async () => {
    const cluster = createCluster({ seed: 3 });
    const shell = createShell({
      cluster,
      readFile: (p) => FILES[p],
      listFiles: () => Object.keys(FILES),
    });
    const r = await shell.run('kubectl apply -f manifests/');
    expect(r.stdout).toBe('service/a created\nservice/b created\n');
    expect(r.exitCode).toBe(0);
  });

  it('hands kubectl edit to the editor hook and reports the edit', async () => {
    const cluster = createCluster({ seed: 3 });
    let shown = '';
    const shell = createShell({
      cluster,
      readFile: (p) => FILES[p],
      listFiles: () => Object.keys(FILES),
      edit: (_object, text) => {
        shown = text;
        return Promise.resolve(text.replace('port: 80', 'port: 8080'));
      },
    });
    await shell.run('kubectl apply -f manifests/svc-a.yaml');
    const r = await shell.run('kubectl edit svc a');
    expect(r.stdout).toBe('service/a edited\n');
    expect(shown).toContain('# Please edit the object below.');
    const svc = cluster.get('Service', 'default', 'a');
    expect(svc.ok && svc.object.spec.ports?.[0]?.port).toBe(8080);
  });

  it('without an editor hook, edit fails as kubectl does without vi', async () => {
    const cluster = createCluster({ seed: 3 });
    const shell = createShell({ cluster, readFile: (p) => FILES[p] });
    await shell.run('kubectl apply -f top.yaml');
    const r = await shell.run('kubectl edit ns top');
    expect(r.stderr).toBe('error: unable to launch the editor "vi"\n');
    expect(r.exitCode).toBe(1);
  });
});
