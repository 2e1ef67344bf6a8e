import { expect, test } from './fixtures.ts';
import { card, openLesson, seeTerminal } from './workspace-helpers.ts';

const setImageV2 = 'kubectl set image statefulset/db-cluster database=my-database-image:v2';

test('the rolling-updates lesson replaces db-cluster’s pods from the highest ordinal down', async ({
  page,
}) => {
  const workspace = await openLesson(page, 'rolling-updates');
  // The lesson starts with db-cluster running: three Ready pods, no rollout under way.
  for (const ordinal of [0, 1, 2]) {
    await expect(card(workspace, ordinal)).toHaveAttribute('data-state', 'ready', {
      timeout: 30_000,
    });
    await expect(card(workspace, ordinal)).not.toHaveAttribute('data-revision', /.*/);
  }
  const rolledOut = page.locator('[data-check-id="rolled-out"]');
  await expect(rolledOut).toHaveAttribute('data-state', 'pending');
  const oldRevision = (await card(workspace, 0).locator('.pod-meta').innerText()).match(
    /rev (\S+)$/,
  )?.[1];
  expect(oldRevision).toBeDefined();

  // Record, in the page, the order in which the cards' pods are recreated (a card replays its
  // `recreated` highlight when its pod comes back as a new object), and what the cards' revision
  // marks (`data-revision`: `current` or `update`, only while a rollout runs) read after each change.
  await page.evaluate(() => {
    const record = { recreated: [] as number[], marks: [] as string[] };
    (window as unknown as { rollout: typeof record }).rollout = record;
    const marks = (): string =>
      [0, 1, 2]
        .map(
          (ordinal) =>
            document.querySelector<HTMLElement>(`.ordinal[data-ordinal="${ordinal}"]`)?.dataset[
              'revision'
            ] ?? '-',
        )
        .join(',');
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const target = mutation.target as HTMLElement;
        if (
          mutation.attributeName === 'class' &&
          target.classList.contains('recreated') &&
          !(mutation.oldValue ?? '').split(' ').includes('recreated')
        ) {
          const ordinal = Number(target.dataset['ordinal']);
          if (!record.recreated.includes(ordinal)) record.recreated.push(ordinal);
        }
      }
      const now = marks();
      if (record.marks.at(-1) !== now) record.marks.push(now);
    }).observe(document.querySelector('sts-workspace') ?? document.body, {
      subtree: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: ['class', 'data-revision'],
    });
  });
  await workspace.getByLabel('Speed').selectOption('10');

  // The same patch appears twice in the lesson (the update, then the canary): take the first.
  await page
    .getByRole('button', { name: `Run ${setImageV2} in the workspace terminal` })
    .first()
    .click();
  const terminal = await seeTerminal(workspace);
  await expect(terminal).toContainText('statefulset.apps/db-cluster image updated');

  await expect(rolledOut).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Check passed:' })).toContainText(
    'All three pods run my-database-image:v2',
  );
  // db-cluster-2 was replaced first and db-cluster-0 last; while the rollout ran, the cards
  // marked the updated pods (ordinals 0, 1, 2 in each entry).
  const rollout = await page.evaluate(
    () => (window as unknown as { rollout: { recreated: number[]; marks: string[] } }).rollout,
  );
  expect(rollout.recreated).toEqual([2, 1, 0]);
  const onlyTwo = rollout.marks.indexOf('current,current,update');
  const twoAndOne = rollout.marks.indexOf('current,update,update');
  expect(onlyTwo, rollout.marks.join(' | ')).toBeGreaterThanOrEqual(0);
  expect(twoAndOne, rollout.marks.join(' | ')).toBeGreaterThan(onlyTwo);
  // Every card now shows the same, new revision, and the rollout is over.
  for (const ordinal of [0, 1, 2]) {
    await expect(card(workspace, ordinal)).toHaveAttribute('data-state', 'ready');
    await expect(card(workspace, ordinal)).not.toHaveAttribute('data-revision', /.*/);
  }
  const newRevision = (await card(workspace, 0).locator('.pod-meta').innerText()).match(
    /rev (\S+)$/,
  )?.[1];
  expect(newRevision).toBeDefined();
  expect(newRevision).not.toBe(oldRevision);
  for (const ordinal of [1, 2]) {
    await expect(card(workspace, ordinal).locator('.pod-meta')).toHaveText(
      new RegExp(` rev ${newRevision ?? ''}$`),
    );
  }
  // The staging check is a later step.
  await expect(page.locator('[data-check-id="canary"]')).toHaveAttribute('data-state', 'pending');
});
