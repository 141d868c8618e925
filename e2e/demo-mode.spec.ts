import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { openComposer, shownTaskId } from './support/composer';
import { expect, test } from './support/fixtures';

const banner = (page: Page) => page.getByRole('note', { name: 'Demo mode' });

test('without KLING_* settings every page says "Demo mode" and the simulator answers', async ({
  page,
  launchApp,
  upstream,
  request,
}) => {
  // Starts an app of its own (a new embedded database) and walks every page: more than the default time.
  test.slow();
  const demo = await launchApp(); // No KLING_API_BASE_URL, no KLING_API_KEY.
  const prompt = `A robot waters a garden ${randomUUID()}`;

  const c = await openComposer(page, `${demo.url}/`);
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText('nothing is charged');

  await c.prompt.fill(prompt);
  await c.submit.click();
  await expect(c.success).toBeVisible();
  const taskId = await shownTaskId(page);
  expect(taskId).toMatch(/^\d{18}$/);

  await c.success.getByRole('link', { name: 'View submission' }).click();
  await expect(page.getByRole('heading', { name: 'Submission' })).toBeVisible();
  await expect(banner(page)).toBeVisible();
  await expect(page.getByText(taskId).first()).toBeVisible();

  await page.goto(`${demo.url}/submissions`);
  await expect(banner(page)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: prompt })).toContainText(taskId);

  // The simulator's failure words play each failure without any upstream.
  await openComposer(page, `${demo.url}/`);
  const failures: [string, RegExp, RegExp][] = [
    [
      '#simulate-server-error',
      /The video service failed \(HTTP 500: internal server error\)/,
      /the task may have started anyway/,
    ],
    ['#simulate-rejected', /rejected the request: prompt contains unsupported content/, /Change the request/],
    ['#simulate-unauthorized', /refused the server’s API key/, /Ask the administrator/],
  ];
  for (const [word, said, next] of failures) {
    await c.prompt.fill(`A robot waters a garden ${word}`);
    await c.submit.click();
    await expect(c.failure).toContainText(said);
    await expect(c.failure).toContainText(next);
  }
  // A rate limit last: Submit then counts down its 20 s.
  await c.prompt.fill('A robot waters a garden #simulate-rate-limit');
  await c.submit.click();
  await expect(c.failure).toContainText(/rate limit: parallel task over resource pack limit/);
  await expect(c.submit).toHaveText(/^Submit in (1\d|20) s$/);
  await expect(c.submit).toBeDisabled();

  // The API answers the same way.
  const created = await request.post(`${demo.url}/api/submissions`, {
    data: { model: 'kling-v1', prompt: 'A quiet harbour' },
  });
  expect(created.status()).toBe(201);
  expect(await created.json()).toMatchObject({
    status: 'submitted',
    taskId: expect.stringMatching(/^\d{18}$/),
  });
  const failed = await request.post(`${demo.url}/api/submissions`, {
    data: { model: 'kling-v1', prompt: 'A quiet harbour #simulate-server-error' },
  });
  expect(failed.status()).toBe(502);
  expect(await failed.json()).toMatchObject({
    error: { code: 'upstream_error' },
    submission: { status: 'failed', error: { code: 'upstream_error', upstreamStatus: 500 } },
  });

  // The shared app, which has an upstream, shows no banner; and demo mode never called that upstream.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Compose a video request' })).toBeVisible();
  await expect(banner(page)).toHaveCount(0);
  expect(upstream.createCalls()).toEqual([]);
});
