import { accessibilityViolations, expect, test } from './fixtures.ts';
import {
  activity,
  card,
  goBackToReadyBar,
  goBackToStart,
  openSandbox,
  replaceLine,
  seeTerminal,
  showLine,
  terminalLines,
  typeCommand,
} from './workspace-helpers.ts';

test('apply db-cluster from the editor and watch the pods become Ready in order', async ({
  page,
}) => {
  const workspace = await openSandbox(page);
  await expect(workspace.getByText('No StatefulSets yet.')).toBeVisible();
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(await seeTerminal(workspace)).toContainText('statefulset.apps/db-cluster created');
  expect(await terminalLines(workspace)).toEqual([
    '$ kubectl apply -f db-cluster.yaml',
    'service/db-service created',
    'statefulset.apps/db-cluster created',
    '$',
  ]);
  for (const ordinal of [0, 1, 2]) {
    await expect(card(workspace, ordinal)).toHaveAttribute('data-state', 'ready', {
      timeout: 20_000,
    });
  }
  await expect(card(workspace, 2)).toContainText('data-volume-db-cluster-2: Bound → pvc-');

  const log = await activity(workspace);
  const at = (text: string): number => {
    const index = log.indexOf(text);
    expect(index, `"${text}" in the activity log`).toBeGreaterThanOrEqual(0);
    return index;
  };
  expect(at('db-cluster-0 created')).toBeLessThan(at('db-cluster-0 is Ready'));
  expect(at('db-cluster-0 is Ready')).toBeLessThan(at('db-cluster-1 created'));
  expect(at('db-cluster-1 is Ready')).toBeLessThan(at('db-cluster-2 created'));

  // The headless Service publishes a record per ready pod.
  await expect(
    workspace.getByRole('cell', {
      name: 'db-cluster-2.db-service.default.svc.cluster.local',
      exact: true,
    }),
  ).toBeVisible();
});

test('scale up and down by editing replicas: pods leave from the highest ordinal and claims stay', async ({
  page,
}) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });

  await replaceLine(page, workspace, 24, 'replicas: 5');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(await seeTerminal(workspace)).toContainText(
    'statefulset.apps/db-cluster configured',
  );
  await expect(card(workspace, 4)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });

  await replaceLine(page, workspace, 24, 'replicas: 2');
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'absent', { timeout: 30_000 });
  for (const ordinal of [2, 3, 4]) {
    await expect(card(workspace, ordinal)).toHaveAttribute('data-in-range', 'false');
    await expect(card(workspace, ordinal)).toContainText(
      `data-volume-db-cluster-${ordinal}: Bound`,
    );
  }
  // The timeline keeps a row per pod and claim; three pod lives ended, one per scaled-away ordinal.
  const timeline = workspace.getByRole('img', { name: /^Timeline of 5 pods and 5 claims/ });
  await expect(timeline).toBeVisible();
  await expect(timeline.locator('.life-end')).toHaveCount(3);
  await expect(timeline.locator('.row-label')).toHaveText([
    'db-cluster-0',
    'db-cluster-1',
    'db-cluster-2',
    'db-cluster-3',
    'db-cluster-4',
    'data-volume-db-cluster-0',
    'data-volume-db-cluster-1',
    'data-volume-db-cluster-2',
    'data-volume-db-cluster-3',
    'data-volume-db-cluster-4',
  ]);

  const log = await activity(workspace);
  const order = [
    'db-cluster-4 is terminating',
    'db-cluster-4 is gone',
    'db-cluster-3 is terminating',
    'db-cluster-3 is gone',
    'db-cluster-2 is terminating',
    'db-cluster-2 is gone',
  ].map((text) => log.indexOf(text));
  expect(order.every((index) => index >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test('pause stops virtual time and step runs one event', async ({ page }) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  const pause = workspace.getByRole('button', { name: 'Pause' });
  await pause.click();
  await expect(workspace.getByRole('button', { name: 'Play' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  const clock = workspace.locator('[data-clock]');
  const frozen = await clock.innerText();
  await page.waitForTimeout(500);
  await expect(clock).toHaveText(frozen);
  await workspace.getByRole('button', { name: 'Step to next event' }).click();
  await expect(clock).not.toHaveText(frozen);
});

test('a broken manifest gets kubectl’s error and keeps the text', async ({ page }) => {
  const workspace = await openSandbox(page);
  await replaceLine(page, workspace, 24, 'replicas: -1');
  // The API server's dry run underlines the value before anything is applied.
  await expect(workspace.locator('.squiggly-error')).toHaveCount(1);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(await seeTerminal(workspace)).toContainText(
    'The StatefulSet "db-cluster" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  );
  await expect(workspace.locator('.view-lines')).toContainText('replicas: -1');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the running sandbox has no accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const workspace = await openSandbox(page);
    await workspace.getByRole('button', { name: /^Apply/ }).click();
    await expect(card(workspace, 0)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
    expect(await accessibilityViolations(page)).toEqual([]);
  });
}

test('a reload keeps the edits, the cluster and its history; Reset starts over', async ({
  page,
}) => {
  // Three workspace starts (open, reload, reset): on a loaded 2-core machine that can pass 30 s.
  test.slow();
  let workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await replaceLine(page, workspace, 24, 'replicas: 4');
  const podIp = await card(workspace, 1).locator('.pod-meta').innerText();

  await page.reload();
  workspace = page.locator('sts-workspace');
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  // The same pods, with the same IPs, are still there, and so is the unapplied edit.
  await expect(card(workspace, 1)).toHaveAttribute('data-state', 'ready');
  await expect(card(workspace, 1).locator('.pod-meta')).toHaveText(podIp);
  await showLine(page, workspace, 24);
  await expect(workspace.locator('.view-lines')).toContainText('replicas: 4');
  await expect(await seeTerminal(workspace)).toContainText('statefulset.apps/db-cluster created');
  expect(await activity(workspace)).toContain('db-cluster-2 is Ready');
  await expect(
    workspace.getByRole('img', { name: /^Timeline of 3 pods and 3 claims/ }),
  ).toBeVisible();

  page.once('dialog', (dialog) => void dialog.accept());
  await workspace.getByRole('button', { name: 'Reset workspace' }).click();
  await page.waitForLoadState('load');
  workspace = page.locator('sts-workspace');
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  await expect(workspace.getByText('No StatefulSets yet.')).toBeVisible();
  await showLine(page, workspace, 24);
  await expect(workspace.locator('.view-lines')).toContainText('replicas: 3');
});

test('kubectl in the terminal: scale, watch the pods leave in reverse order, Ctrl-C ends the watch', async ({
  page,
}) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  // Pause time, so the scale-down waits until the watch is running (one terminal for two).
  await workspace.getByRole('button', { name: 'Pause' }).click();
  await typeCommand(page, workspace, 'kubectl scale sts db-cluster --replicas=1');
  await expect(await seeTerminal(workspace)).toContainText('statefulset.apps/db-cluster scaled');
  await typeCommand(page, workspace, 'kubectl get pods -w');
  await workspace.getByRole('button', { name: 'Play' }).click();
  await expect(card(workspace, 1)).toHaveAttribute('data-state', 'absent', { timeout: 20_000 });
  await workspace.locator('.xterm').click();
  await page.keyboard.press('Control+C');
  await expect(await seeTerminal(workspace)).toContainText('^C');
  const lines = await terminalLines(workspace);
  const watch = lines.slice(lines.indexOf('$ kubectl get pods -w') + 1);
  // The watch starts with the current table, then one line per change: db-cluster-2 goes first.
  expect(watch[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
  const firstTerminating = (name: string) =>
    watch.findIndex((line) => line.startsWith(name) && line.includes('Terminating'));
  expect(firstTerminating('db-cluster-2')).toBeGreaterThan(0);
  expect(firstTerminating('db-cluster-1')).toBeGreaterThan(firstTerminating('db-cluster-2'));
  expect(lines.at(-1)).toBe('$');

  // The prompt is back: history and completion work.
  await page.keyboard.press('ArrowUp');
  await expect(await seeTerminal(workspace)).toContainText('$ kubectl get pods -w');
  await page.keyboard.press('Control+U');
  await page.keyboard.type('kubectl get stat');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(await seeTerminal(workspace)).toContainText(/db-cluster\s+1\/1/);
});

test('an unknown command gets the shell’s error and the prompt comes back', async ({ page }) => {
  const workspace = await openSandbox(page);
  await typeCommand(page, workspace, 'kubectl frobnicate');
  await expect(await seeTerminal(workspace)).toContainText(
    'error: unknown command "frobnicate" for "kubectl"',
  );
  expect((await terminalLines(workspace)).at(-1)).toBe('$');
});

test('a second terminal watches while the first one changes the cluster', async ({ page }) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: 'Open a second terminal' }).click();
  const second = workspace.getByRole('group', { name: 'Second terminal' });
  await second.scrollIntoViewIfNeeded();
  await expect(second.locator('.xterm-rows')).toContainText(
    '$ kubectl get pods -w -l app=database',
  );
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  // The watch prints kubectl's header with its first row (xterm.js draws only while the terminal
  // is on screen, so bring it back into view first).
  await second.scrollIntoViewIfNeeded();
  await expect(second.locator('.xterm-rows')).toContainText('db-cluster-0');
  const start = (await second.locator('.xterm-rows > div').allInnerTexts()).map((row) =>
    row.replace(/\u00a0/g, ' ').trimEnd(),
  );
  const header = start.findIndex((row) => /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/.test(row));
  expect(header).toBeGreaterThanOrEqual(0);
  expect(start[header + 1]).toMatch(/^db-cluster-0\s+0\/1\s+Pending\s/);
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  // Ctrl-C in the first terminal does not end the watch in the second.
  await workspace.locator('[data-terminal] .xterm').click();
  await page.keyboard.press('Control+C');
  await second.scrollIntoViewIfNeeded();
  const rows = (await second.locator('.xterm-rows > div').allInnerTexts()).map((row) =>
    row.replace(/\u00a0/g, ' ').trimEnd(),
  );
  const watch = rows.filter((row) => row.startsWith('db-cluster-'));
  const firstRunning = (name: string) =>
    watch.findIndex((row) => row.startsWith(name) && row.includes('Running'));
  const firstPending = (name: string) =>
    watch.findIndex((row) => row.startsWith(name) && row.includes('Pending'));
  // By now the header may have scrolled away: a new pod prints three Pending rows in 1.35.
  expect(firstPending('db-cluster-0')).toBe(0);
  expect(firstRunning('db-cluster-0')).toBeLessThan(firstPending('db-cluster-1'));
  expect(firstRunning('db-cluster-1')).toBeLessThan(firstPending('db-cluster-2'));
  expect(rows.at(-1)).not.toBe('$');
});

test('going back in time restores the cluster as it was, and a new command forks the history', async ({
  page,
}) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await typeCommand(page, workspace, 'kubectl scale sts db-cluster --replicas=1');
  await expect(card(workspace, 1)).toHaveAttribute('data-state', 'absent', { timeout: 20_000 });

  // Pause (the timeline stops redrawing), then click a moment while all three pods were Ready:
  // the middle of db-cluster-2's Ready bar, before its deletion began.
  await workspace.getByRole('button', { name: 'Pause' }).click();
  await goBackToReadyBar(page, workspace, 2);
  for (const ordinal of [0, 1, 2]) {
    await expect(card(workspace, ordinal)).toHaveAttribute('data-state', 'ready');
  }

  // The slider goes all the way back, to before anything was applied.
  await goBackToStart(page, workspace);

  // A new command from there starts a new history.
  await workspace.getByRole('button', { name: 'Play' }).click();
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 0)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
});

test('a share link carries the workspace to another browser', async ({
  page,
  browser,
  baseURL,
}) => {
  // Two browsers each start a workspace: on a loaded 2-core machine that can pass 30 s.
  test.slow();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(baseURL ?? '').origin,
  });
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await replaceLine(page, workspace, 24, 'replicas: 4');
  await workspace.getByRole('button', { name: 'Copy share link' }).click();
  await expect(workspace.getByRole('status').filter({ hasText: /^Link copied/ })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/sandbox\/#share=[A-Za-z0-9_-]+$/);

  // A different browser profile: nothing saved, nothing shared but the link.
  const other = await browser.newContext();
  const visitor = await other.newPage();
  await visitor.goto(link);
  const theirs = visitor.locator('sts-workspace');
  await expect(theirs).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  for (const ordinal of [0, 1, 2]) {
    await expect(card(theirs, ordinal)).toHaveAttribute('data-state', 'ready');
  }
  await showLine(visitor, theirs, 24);
  await expect(theirs.locator('.view-lines')).toContainText('replicas: 4');
  expect(visitor.url()).not.toContain('#share=');
  await other.close();
});

test('progress exported to a file comes back in another browser', async ({ page, browser }) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await page.goto('./'); // leaving the page saves the workspace
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export my progress' }).click();
  const file = await (await downloading).path();
  await expect(
    page.getByRole('status').filter({ hasText: /^Exported \d+ saved items?\.$/ }),
  ).toBeVisible();

  const other = await browser.newContext();
  const visitor = await other.newPage();
  await visitor.goto(new URL('./', page.url()).href);
  await visitor.getByLabel('Import progress from a file…').setInputFiles(file);
  await expect(
    visitor.getByRole('status').filter({ hasText: /^Imported \d+ saved items?\./ }),
  ).toBeVisible();
  await visitor.goto(new URL('sandbox/', page.url()).href);
  const theirs = visitor.locator('sts-workspace');
  await expect(theirs).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  await expect(card(theirs, 2)).toHaveAttribute('data-state', 'ready');

  await visitor.goto(new URL('./', page.url()).href);
  await visitor.getByLabel('Import progress from a file…').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello":"world"}'),
  });
  await expect(
    visitor
      .getByRole('status')
      .filter({ hasText: 'This file is not a StatefulSet Lab progress export.' }),
  ).toBeVisible();
  await other.close();
});

test('picking a pod shows what kubectl describe and get -o yaml print for it', async ({ page }) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 1)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await workspace.getByRole('button', { name: 'db-cluster-1', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'pod/db-cluster-1' });
  await expect(dialog).toBeVisible();
  const body = dialog.locator('pre');
  await expect(body).toContainText('$ kubectl describe pod db-cluster-1');
  await expect(body).toContainText(/Name:\s+db-cluster-1/);
  await expect(body).toContainText(/Controlled By:\s+StatefulSet\/db-cluster/);
  await expect(body).toContainText(/ClaimName:\s+data-volume-db-cluster-1/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'YAML' }).click();
  await expect(body).toContainText('kind: Pod');
  await expect(body).toContainText('statefulset.kubernetes.io/pod-name: db-cluster-1');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await workspace.getByRole('button', { name: 'data-volume-db-cluster-0', exact: true }).click();
  await expect(
    page.getByRole('dialog', { name: 'persistentvolumeclaim/data-volume-db-cluster-0' }),
  ).toContainText(/Status:\s+Bound/);
});

test('the file can be compared with the lesson’s original and reset on its own', async ({
  page,
}) => {
  const workspace = await openSandbox(page);
  await replaceLine(page, workspace, 24, 'replicas: 7');
  await workspace.getByRole('button', { name: 'Compare with the original' }).click();
  const diff = workspace.locator('.monaco-diff-editor');
  await expect(diff).toBeVisible();
  await expect(
    workspace.getByRole('button', { name: 'Compare with the original' }),
  ).toHaveAttribute('aria-pressed', 'true');
  // One line differs: the original's `replicas: 3` against the edited `replicas: 7`.
  await expect(diff.locator('.char-delete').first()).toBeVisible();
  await expect(diff.locator('.char-insert').first()).toBeVisible();
  await workspace.getByRole('button', { name: 'Compare with the original' }).click();
  await expect(diff).toBeHidden();
  await workspace.getByRole('button', { name: 'Reset file' }).click();
  await showLine(page, workspace, 24);
  await expect(workspace.locator('.view-lines').first()).toContainText('replicas: 3');
});

test('the cluster view reads as a table too', async ({ page }) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await workspace.getByRole('button', { name: 'Show as a table' }).click();
  const table = workspace.getByRole('table', {
    name: /^statefulset\.apps\/db-cluster: 3 of 3 ready/,
  });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(4);
  const row = table.getByRole('row', { name: /^1 db-cluster-1/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('Running');
  await expect(row.getByRole('cell').nth(6)).toHaveText('data-volume-db-cluster-1');
  await expect(row.getByRole('cell').nth(7)).toHaveText('Bound');
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('kubectl edit opens the live object in the editor and applies the saved change', async ({
  page,
}) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await typeCommand(page, workspace, 'kubectl edit sts db-cluster');
  const bar = workspace.locator('[data-edit-bar]');
  await expect(bar).toContainText('kubectl edit statefulset/db-cluster');
  // The live object, as kubectl shows it: with its status and kubectl's comment header.
  await expect(workspace.locator('.view-lines')).toContainText('# Please edit the object below.');
  await workspace.locator('.ws-editor-host .monaco-editor').click({ position: { x: 120, y: 20 } });
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.type('replicas: 3');
  await page.keyboard.press('Escape');
  await page.keyboard.type('replicas: 4');
  await page.keyboard.press('ControlOrMeta+S');
  await expect(await seeTerminal(workspace)).toContainText('statefulset.apps/db-cluster edited');
  await expect(bar).toBeHidden();
  await expect(card(workspace, 3)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  // The file in the editor is the learner's own again, unchanged.
  await showLine(page, workspace, 24);
  await expect(workspace.locator('.view-lines')).toContainText('replicas: 3');
});
