import { randomUUID } from 'node:crypto';
import { newDataDir } from './support/app-process';
import { openComposer, shownTaskId } from './support/composer';
import { expect, test, upstreamEnv } from './support/fixtures';
import { openRawJson } from './support/tasks';

test('a submission is still in history, with its task ID, after the app restarts', async ({
  page,
  upstream,
  launchApp,
}) => {
  // Starts the app twice on a new embedded database: more than the default time.
  test.slow();
  const dataDir = newDataDir();
  const first = await launchApp({ env: upstreamEnv(upstream), dataDir });
  const prompt = `A lantern festival over the river ${randomUUID()}`;

  const c = await openComposer(page, `${first.url}/`);
  await c.prompt.fill(prompt);
  await c.submit.click();
  await expect(c.success).toBeVisible();
  const taskId = await shownTaskId(page);
  expect(taskId).toMatch(/^\d{18}$/);
  await c.success.getByRole('link', { name: 'View submission' }).click();
  await expect(page.getByRole('heading', { name: 'Submission' })).toBeVisible();
  const detailPath = new URL(page.url()).pathname;

  await first.stop('SIGTERM');

  const second = await launchApp({ env: upstreamEnv(upstream), dataDir });
  await page.goto(`${second.url}/submissions`);
  const row = page.getByRole('row').filter({ hasText: prompt });
  await expect(row).toBeVisible();
  await expect(row).toContainText(taskId);
  await expect(row).toContainText('Submitted');

  await row.getByRole('link').click();
  await expect(page).toHaveURL(`${second.url}${detailPath}`);
  await expect(page.getByText(taskId).first()).toBeVisible();
  await openRawJson(page);
  await expect(page.getByRole('region', { name: 'Response JSON' })).toContainText(taskId);
  // Nothing was sent again on start: the one task is the one created before the restart.
  expect(upstream.createCalls()).toHaveLength(1);
});
