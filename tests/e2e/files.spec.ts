import { expect, test } from './fixtures.ts';
import { openSandbox, seeTerminal, typeCommand } from './workspace-helpers.ts';

const SERVICE =
  '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {"clusterIP": "None", "selector": {"app": "web"}, "ports": [{"port": 80, "name": "web"}]}}';

test('a new file gets its own tab, applies on its own, and is kept across a reload', async ({
  page,
}) => {
  let workspace = await openSandbox(page);
  const tabs = workspace.getByRole('tablist', { name: 'Files' });
  // The sandbox opens the db-cluster example and the kubernetes.io tutorial's manifest.
  await expect(tabs.locator('.ws-file-name')).toHaveText(['db-cluster.yaml', 'web.yaml']);

  await workspace.getByRole('button', { name: 'New file' }).click();
  const name = workspace.getByLabel('File name');
  await expect(name).toBeFocused();
  // A name kubectl could not be given as a file is refused, with the reason.
  await name.fill('notes.txt');
  await page.keyboard.press('Enter');
  await expect(workspace.getByRole('alert')).toHaveText('The name must end in .yaml or .yml.');
  await name.fill('db-cluster.yaml');
  await page.keyboard.press('Enter');
  await expect(workspace.getByRole('alert')).toHaveText('db-cluster.yaml is already open.');
  await name.fill('my-service.yaml');
  await page.keyboard.press('Enter');

  await expect(tabs.locator('.ws-file-name')).toHaveText([
    'db-cluster.yaml',
    'web.yaml',
    'my-service.yaml',
  ]);
  await expect(tabs.getByRole('tab', { name: 'my-service.yaml' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  // A file of the learner's own has no lesson original to compare with or reset to.
  await expect(workspace.getByRole('button', { name: 'Compare with the original' })).toBeDisabled();
  await expect(workspace.getByRole('button', { name: 'Reset file' })).toBeDisabled();

  await workspace.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(SERVICE);
  // Monaco closed the first brace and quote itself: drop what it added after the cursor.
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  const terminal = await seeTerminal(workspace);
  await expect(terminal).toContainText('$ kubectl apply -f my-service.yaml');
  await expect(terminal).toContainText('service/web created');

  // The shell sees both files.
  await typeCommand(page, workspace, 'ls');
  await expect(terminal).toContainText(/db-cluster\.yaml\s+my-service\.yaml\s+web\.yaml/);

  // Each tab keeps its own text.
  await tabs.getByRole('tab', { name: 'db-cluster.yaml' }).click();
  await expect(workspace.locator('.view-lines')).toContainText('name: db-service');
  await expect(workspace.getByRole('button', { name: 'Reset file' })).toBeEnabled();
  // Arrow keys, Home and End move between tabs, as in any tab list.
  await tabs.getByRole('tab', { name: 'db-cluster.yaml' }).press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'web.yaml' })).toBeFocused();
  await expect(workspace.locator('.view-lines')).toContainText('name: nginx');
  await tabs.getByRole('tab', { name: 'web.yaml' }).press('End');
  await expect(tabs.getByRole('tab', { name: 'my-service.yaml' })).toBeFocused();
  await expect(workspace.locator('.view-lines')).toContainText('"kind": "Service"');

  await page.reload();
  workspace = page.locator('sts-workspace');
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  await expect(
    workspace.getByRole('tablist', { name: 'Files' }).locator('.ws-file-name'),
  ).toHaveText(['db-cluster.yaml', 'web.yaml', 'my-service.yaml']);
  await expect(workspace.locator('.view-lines')).toContainText('"name": "web"');

  // Closing the learner's file (× or Delete on its tab) asks first; the tab before it is shown.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await workspace.getByRole('tab', { name: 'my-service.yaml' }).press('Delete');
  await expect(workspace.getByRole('tab', { name: 'my-service.yaml' })).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await workspace.locator('[data-close-file="my-service.yaml"]').click();
  await expect(
    workspace.getByRole('tablist', { name: 'Files' }).locator('.ws-file-name'),
  ).toHaveText(['db-cluster.yaml', 'web.yaml']);
  await expect(workspace.locator('.view-lines')).toContainText('name: nginx');
  // The lesson's own files cannot be closed.
  await expect(workspace.locator('[data-close-file]')).toHaveCount(0);
});
