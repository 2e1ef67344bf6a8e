import { accessibilityViolations, expect, test } from './fixtures.ts';
import {
  card,
  openLesson,
  runButton,
  seeDbClusterReady,
  seeTerminal,
} from './workspace-helpers.ts';

const lesson = 'lessons/network-identity/';

test('the network-identity lesson starts with db-cluster running and looks a pod up by its DNS name', async ({
  page,
}) => {
  const workspace = await openLesson(page, 'network-identity');
  await workspace.getByLabel('Speed').selectOption('20');

  // The scenario: the terminal says what was done, and db-cluster's three pods are Ready. (The
  // workspace beside a lesson is narrow, so it shows one part at a time.)
  await workspace.getByRole('tab', { name: 'Terminal' }).click();
  const terminal = await seeTerminal(workspace);
  await expect(terminal).toContainText(
    '# This lesson starts with db-cluster running: `kubectl apply -f db-cluster.yaml` was run and all three pods are Ready.',
  );
  await seeDbClusterReady(workspace);
  const podDns = page.locator('[data-check-id="pod-dns"]');
  await expect(podDns).toHaveAttribute('data-state', 'pending');

  // A throwaway busybox pod, then a lookup from inside it, both from the lesson's Run buttons.
  await runButton(
    page,
    'kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm',
  ).click();
  await expect(terminal).toContainText("If you don't see a command prompt, try pressing enter.");
  await expect(terminal).toContainText('/ #', { timeout: 20_000 });
  await runButton(page, 'nslookup db-cluster-0.db-service').click();
  await expect(terminal).toContainText('/ # nslookup db-cluster-0.db-service');
  await expect(terminal).toContainText(
    /Server:\s+10\.96\.0\.10\s*Address 1: 10\.96\.0\.10 kube-dns\.kube-system\.svc\.cluster\.local/,
  );
  await expect(terminal).toContainText(
    /Name:\s+db-cluster-0\.db-service\s*Address 1: 10\.244\.\d+\.\d+ db-cluster-0\.db-service\.default\.svc\.cluster\.local/,
  );
  await expect(podDns).toHaveAttribute('data-state', 'done');
  // The later steps have not passed yet.
  await expect(page.locator('[data-check-id="replaced-pod"]')).toHaveAttribute(
    'data-state',
    'pending',
  );

  // Leaving the shell ends the restartPolicy Never pod, and --rm deletes it (kubectl 1.35 prints
  // no "Session ended" hint for such a pod).
  await runButton(page, 'exit').click();
  await expect(terminal).toContainText('pod "dns-test" deleted from default namespace');
  await expect(terminal).not.toContainText('Session ended');

  // The endpoints behind the Service, then a replaced pod: same name, Ready again.
  await runButton(page, 'kubectl describe service db-service').click();
  await expect(terminal).toContainText(/Endpoints:\s+10\.244\.\d+\.\d+:3306,/);
  await expect(page.locator('[data-check-id="read-endpoints"]')).toHaveAttribute(
    'data-state',
    'done',
  );
  await runButton(page, 'kubectl delete pod db-cluster-0').click();
  await expect(terminal).toContainText('pod "db-cluster-0" deleted from default namespace');
  await expect(page.locator('[data-check-id="replaced-pod"]')).toHaveAttribute(
    'data-state',
    'done',
    { timeout: 30_000 },
  );
  await expect(card(workspace, 0)).toHaveAttribute('data-state', 'ready');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the network-identity lesson has no accessibility violations in the ${scheme} theme`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(lesson);
    await expect(page.locator('sts-workspace')).toHaveAttribute('data-ready', '', {
      timeout: 20_000,
    });
    expect(await accessibilityViolations(page)).toEqual([]);
  });
}
