import { randomUUID } from 'node:crypto';
import { openComposer } from './support/composer';
import { expect, test } from './support/fixtures';
import {
  detailUrl,
  expectVideoPlays,
  getSubmission,
  statusBadge,
  submitViaApi,
  videoPlayer,
} from './support/tasks';

test('in demo mode a task runs on its own to Succeeded and its sample video plays; a moderated prompt ends Failed', async ({
  page,
  request,
  launchApp,
}) => {
  // Starts an app of its own (a new embedded database) and waits for the simulated tasks to end.
  test.slow();
  // No KLING_* setting at all: the built-in simulator answers, with the default polling.
  const demo = await launchApp();
  const moderated = await submitViaApi(request, demo, {
    prompt: `A street parade #simulate-moderation ${randomUUID()}`,
  });
  expect(moderated.status).toBe('submitted');

  const c = await openComposer(page, `${demo.url}/`);
  await c.prompt.fill(`A hot-air balloon over vineyards ${randomUUID()}`);
  await c.submit.click();
  await expect(c.success).toBeVisible();
  const submittedAt = Date.now();
  await c.success.getByRole('link', { name: 'View submission' }).click();
  const badge = statusBadge(page);
  await expect(badge).toHaveText(/^(Submitted|Processing)$/);

  // The simulator: processing after 2 s, done after 6 s; the page follows it without a reload. With the
  // default 5 s first poll, a busy machine may ask only after 6 s and see it done at once, so the
  // Processing step is not awaited here (task-status.spec.ts follows every step against the fake upstream).
  await expect(badge).toHaveText('Succeeded', { timeout: 30_000 });
  const tookMs = Date.now() - submittedAt;
  test.info().annotations.push({ type: 'demo task shown succeeded after', description: `${tookMs} ms` });

  const video = videoPlayer(page);
  await expect(video).toHaveAttribute('src', /\/demo\/sample-video\.webm$/);
  await expect(page.getByText('Duration: 5 s', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download video' })).toHaveAttribute(
    'href',
    /\/demo\/sample-video\.webm$/,
  );
  await expectVideoPlays(video);
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime))
    .toBeGreaterThan(0);
  expect(await video.evaluate((element: HTMLVideoElement) => element.duration)).toBeCloseTo(5, 0);

  // The moderated one failed in processing, with the reason in plain words.
  await page.goto(detailUrl(demo, moderated.id));
  await expect(statusBadge(page)).toHaveText('Failed', { timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: 'Failed' })).toContainText(
    'Blocked by content moderation',
  );
  await expect(page.getByRole('alert').filter({ hasText: 'Failed' })).toContainText('risk control');
  await expect(videoPlayer(page)).toHaveCount(0);
  expect(await getSubmission(request, demo, moderated.id)).toMatchObject({
    status: 'failed',
    video: null,
    statusMessage: expect.stringContaining('Blocked by content moderation'),
  });
});
