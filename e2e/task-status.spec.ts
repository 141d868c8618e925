import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import type { AppProcess } from './support/app-process';
import { openComposer, shownTaskId } from './support/composer';
import { expect, TEST_API_KEY, test } from './support/fixtures';
import {
  detailUrl,
  expectVideoPlays,
  getSubmission,
  queriesOf,
  statusBadge,
  submitViaApi,
  videoPlayer,
} from './support/tasks';

/** The app serves a real, playable clip: the fake upstream hands it out as the finished video. */
const sampleVideo = (app: AppProcess) => `${app.url}/demo/sample-video.webm`;

/** Checks the player shows this video with its length and a download link, and that it really plays. */
async function expectPlayableVideo(page: Page, url: string, duration: number): Promise<void> {
  const video = videoPlayer(page);
  await expect(video).toBeVisible();
  await expect(video).toHaveAttribute('src', url);
  await expect(page.getByText(`Duration: ${duration} s`, { exact: true })).toBeVisible();
  const download = page.getByRole('link', { name: 'Download video' });
  await expect(download).toHaveAttribute('href', url);
  await expect(download).toHaveAttribute('download');
  await expectVideoPlays(video);
  expect(await video.evaluate((element: HTMLVideoElement) => element.duration)).toBeCloseTo(duration, 0);
}

test('a creator submits, opens the task and watches it go Submitted, Processing, Succeeded live, then plays the video', async ({
  page,
  upstream,
  liveApp,
  request,
}) => {
  const prompt = `A kite over the dunes ${randomUUID()}`;
  const c = await openComposer(page, `${liveApp.url}/`);
  await c.prompt.fill(prompt);
  await c.submit.click();
  await expect(c.success).toBeVisible();
  const taskId = await shownTaskId(page);
  await c.success.getByRole('link', { name: 'View submission' }).click();
  await expect(page.getByRole('heading', { name: 'Submission' })).toBeVisible();

  const badge = statusBadge(page);
  await expect(badge).toHaveText('Submitted');
  await expect(page.getByText('Queued at the video service.')).toBeVisible();
  // The app asks the upstream about the task on its own, by its task ID, with the key.
  await expect.poll(() => queriesOf(upstream, taskId).length).toBeGreaterThan(0);
  expect(queriesOf(upstream, taskId)[0]?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);

  upstream.setTask(taskId, { status: 'processing' });
  await expect(badge).toHaveText('Processing');
  await expect(page.getByText('The video service is making the video.')).toBeVisible();
  await expect(videoPlayer(page)).toHaveCount(0);

  const url = sampleVideo(liveApp);
  upstream.setTask(taskId, { status: 'succeeded', videoUrl: url, duration: 5 });
  await expect(badge).toHaveText('Succeeded');
  await expectPlayableVideo(page, url, 5);
  await expect(page.getByRole('alert').filter({ hasText: 'Failed' })).toHaveCount(0);

  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  const stored = await getSubmission(request, liveApp, id);
  expect(stored).toMatchObject({
    status: 'succeeded',
    taskId,
    statusMessage: null,
    error: null,
    video: { url, duration: 5 },
    refreshedAt: expect.any(String),
  });
});

test('replies in the OpenAI video-object shape are followed the same way', async ({
  page,
  upstream,
  liveApp,
  request,
}) => {
  upstream.setQueryShape('openai');
  const submission = await submitViaApi(request, liveApp, { prompt: `A lighthouse at dusk ${randomUUID()}` });
  const taskId = submission.taskId ?? '';
  await page.goto(detailUrl(liveApp, submission.id));
  const badge = statusBadge(page);
  await expect(badge).toHaveText('Submitted');

  upstream.setTask(taskId, { status: 'processing' });
  await expect(badge).toHaveText('Processing');

  const url = sampleVideo(liveApp);
  upstream.setTask(taskId, { status: 'succeeded', videoUrl: url, duration: 5 });
  await expect(badge).toHaveText('Succeeded');
  await expectPlayableVideo(page, url, 5);
  // The answers really came in the OpenAI shape.
  expect(queriesOf(upstream, taskId).length).toBeGreaterThanOrEqual(2);
  expect(await getSubmission(request, liveApp, submission.id)).toMatchObject({
    status: 'succeeded',
    video: { url, duration: 5 },
  });
});

test('a task the upstream fails in moderation shows "Failed" and the reason in plain words', async ({
  page,
  upstream,
  liveApp,
  request,
}) => {
  const submission = await submitViaApi(request, liveApp, { prompt: `A crowded market ${randomUUID()}` });
  const taskId = submission.taskId ?? '';
  await page.goto(detailUrl(liveApp, submission.id));
  await expect(statusBadge(page)).toHaveText('Submitted');

  upstream.setTask(taskId, { status: 'processing' });
  await expect(statusBadge(page)).toHaveText('Processing');
  upstream.setTask(taskId, {
    status: 'failed',
    message: 'Failure to pass the risk control system',
  });
  await expect(statusBadge(page)).toHaveText('Failed');
  const alert = page.getByRole('alert').filter({ hasText: 'Failed' });
  await expect(alert).toContainText('Blocked by content moderation: Failure to pass the risk control system');
  await expect(videoPlayer(page)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download video' })).toHaveCount(0);

  expect(await getSubmission(request, liveApp, submission.id)).toMatchObject({
    status: 'failed',
    taskId,
    video: null,
    statusMessage: 'Blocked by content moderation: Failure to pass the risk control system',
    error: { message: 'Blocked by content moderation: Failure to pass the risk control system' },
  });
});

test('"Check status now" asks the upstream at once and shows the answer', async ({
  page,
  upstream,
  quietApp,
  request,
}) => {
  // quietApp's background follower would first ask after 10 minutes: any query here is the button's.
  const submission = await submitViaApi(request, quietApp, { prompt: `A glass of water ${randomUUID()}` });
  const taskId = submission.taskId ?? '';
  await page.goto(detailUrl(quietApp, submission.id));
  const badge = statusBadge(page);
  await expect(badge).toHaveText('Submitted');
  const lastChecked = page
    .locator('dl > div', { has: page.getByRole('term').filter({ hasText: 'Last checked' }) })
    .getByRole('definition');
  await expect(lastChecked).toHaveText('not yet');
  expect(queriesOf(upstream, taskId)).toEqual([]);

  upstream.setTask(taskId, { status: 'processing', message: 'rendering' });
  const button = page.getByRole('button', { name: 'Check status now' });
  const clickedAt = Date.now();
  await button.click();
  await expect(badge).toHaveText('Processing');
  // Local time on the page, UTC on hover.
  await expect(lastChecked.locator('time')).toHaveAttribute(
    'title',
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/,
  );
  const [first, ...others] = queriesOf(upstream, taskId);
  expect(others).toEqual([]);
  expect(first?.receivedAt).toBeGreaterThanOrEqual(clickedAt);
  // Asked "at once": well within a second or two, nothing like the follower's 10-minute wait.
  expect((first?.receivedAt ?? Number.POSITIVE_INFINITY) - clickedAt).toBeLessThan(3_000);

  const url = sampleVideo(quietApp);
  upstream.setTask(taskId, { status: 'succeeded', videoUrl: url, duration: 5 });
  await expect(button).toBeEnabled();
  // Within 5 s of the last answer a click shows the stored status and asks nothing.
  const answered = page.waitForResponse((response) => response.url().endsWith('/refresh'));
  await button.click();
  expect((await answered).status()).toBe(200);
  await expect(badge).toHaveText('Processing');
  expect(queriesOf(upstream, taskId)).toHaveLength(1);
  // Once 5 s have passed, it asks again.
  await sleep(Math.max(0, (first?.receivedAt ?? 0) + 5_000 - Date.now()));
  await expect(button).toBeEnabled();
  await button.click();
  await expect(badge).toHaveText('Succeeded');
  await expect(videoPlayer(page)).toHaveAttribute('src', url);
  expect(queriesOf(upstream, taskId)).toHaveLength(2);
});

test('history shows a task’s new status without a manual reload', async ({
  page,
  upstream,
  liveApp,
  request,
}) => {
  const prompt = `A snail on a leaf ${randomUUID()}`;
  const submission = await submitViaApi(request, liveApp, { prompt });
  const taskId = submission.taskId ?? '';
  await page.goto(`${liveApp.url}/submissions`);
  const row = page.getByRole('row').filter({ hasText: prompt });
  await expect(row).toContainText('Submitted');
  // A marker on the window survives only if the document is never reloaded.
  await page.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });

  upstream.setTask(taskId, { status: 'processing' });
  // The list refreshes itself every few seconds while a task on it is open.
  await expect(row).toContainText('Processing', { timeout: 15_000 });
  upstream.setTask(taskId, { status: 'succeeded', videoUrl: sampleVideo(liveApp), duration: 5 });
  await expect(row).toContainText('Succeeded', { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});
