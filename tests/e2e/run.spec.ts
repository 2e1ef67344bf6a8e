import { expect, test } from './fixtures.ts';
import { seeTerminal } from './workspace-helpers.ts';

const lesson = 'lessons/ordered-pods/';

test('a Run button in the lesson types its command into the workspace terminal', async ({
  page,
}) => {
  await page.goto(lesson);
  const workspace = page.locator('sts-workspace');
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  await workspace.getByLabel('Speed').selectOption('20');
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(page.locator('[data-check-id="three-ready"]')).toHaveAttribute(
    'data-state',
    'done',
    { timeout: 30_000 },
  );

  await page
    .getByRole('button', {
      name: 'Run kubectl scale statefulset db-cluster --replicas=5 in the workspace terminal',
    })
    .click();
  const terminal = await seeTerminal(workspace);
  await expect(terminal).toContainText('$ kubectl scale statefulset db-cluster --replicas=5');
  await expect(terminal).toContainText('statefulset.apps/db-cluster scaled');
  await expect(page.locator('[data-check-id="five-ready"]')).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('Run opens the workspace, loads it, and runs the command in the terminal', async ({
    page,
  }) => {
    await page.goto(lesson);
    const workspace = page.locator('sts-workspace');
    await expect(workspace).toBeHidden();
    await page
      .getByRole('button', { name: 'Run kubectl get pods,pvc in the workspace terminal' })
      .click();
    await expect(page.getByRole('tab', { name: 'Workspace' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
    await expect(workspace.getByRole('tab', { name: 'Terminal' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(workspace.locator('.xterm-rows')).toContainText('$ kubectl get pods,pvc');
    await expect(workspace.locator('.xterm-rows')).toContainText(
      'No resources found in default namespace.',
    );
  });
});
