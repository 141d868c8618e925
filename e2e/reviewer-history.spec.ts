import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import type { Submission } from '../lib/contract/submission';
import type { FakeUpstream } from './fake-upstream/fake-upstream.mjs';
import type { AppProcess } from './support/app-process';
import { expect, test } from './support/fixtures';
import { getSubmission, submitViaApi } from './support/tasks';

/** A word only this test's submissions carry, so the shared app's other rows stay out of view. */
const newTag = () => `t${randomUUID().slice(0, 8)}`;

const historyOf = (app: AppProcess, query: Record<string, string>) =>
  `${app.url}/submissions?${new URLSearchParams(query)}`;

const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** A submission the fake upstream refuses (400): stored as failed for good. */
async function submitRefused(
  request: APIRequestContext,
  app: AppProcess,
  upstream: FakeUpstream,
  prompt: string,
) {
  upstream.nextReply({ kind: 'status', status: 400, body: { code: 1201, message: 'prompt names a brand' } });
  const response = await request.post(`${app.url}/api/submissions`, { data: { model: 'kling-v1', prompt } });
  expect(response.status()).toBe(422);
  return ((await response.json()) as { submission: Submission }).submission;
}

/** A submission whose task the fake upstream finishes with the app's sample clip. */
async function submitSucceeded(
  request: APIRequestContext,
  app: AppProcess,
  upstream: FakeUpstream,
  body: Record<string, unknown>,
): Promise<Submission> {
  const submission = await submitViaApi(request, app, body);
  upstream.setTask(submission.taskId ?? '', {
    status: 'succeeded',
    videoUrl: `${app.url}/demo/sample-video.webm`,
    duration: 5,
  });
  await expect.poll(async () => (await getSubmission(request, app, submission.id)).status).toBe('succeeded');
  return getSubmission(request, app, submission.id);
}

test('each row shows a poster frame of a finished video, its settings, and the reason a failed one failed', async ({
  page,
  request,
  upstream,
  liveApp,
}) => {
  const tag = newTag();
  const done = await submitSucceeded(request, liveApp, upstream, {
    prompt: `${tag} a red fox in fresh snow`,
    mode: 'pro',
    duration: '10',
    aspect_ratio: '9:16',
  });
  await submitRefused(request, liveApp, upstream, `${tag} a cola can on the beach`);
  await page.goto(historyOf(liveApp, { q: tag }));

  const finished = page.getByRole('row').filter({ hasText: 'a red fox in fresh snow' });
  const poster = finished.getByLabel('Video preview');
  await expect(poster).toHaveAttribute('src', `${done.video?.url}#t=0.1`);
  await expect(poster).toHaveAttribute('preload', 'metadata');
  await expect(poster).not.toHaveAttribute('autoplay');
  await expect
    .poll(() => poster.evaluate((video: HTMLVideoElement) => video.readyState))
    .toBeGreaterThanOrEqual(1);
  expect(await poster.evaluate((video: HTMLVideoElement) => video.paused)).toBe(true);
  await expect(finished).toContainText('Pro · 10 s · 9:16');

  const failed = page.getByRole('row').filter({ hasText: 'a cola can on the beach' });
  await expect(failed).toContainText('Failed');
  await expect(failed).toContainText('The video service refused the request');
  await expect(failed).toContainText('prompt names a brand');
  await expect(failed.getByLabel('Video preview')).toHaveCount(0);
});

test('the status tabs count the matches of the search, and filter by status', async ({
  page,
  request,
  upstream,
  app,
}) => {
  const tag = newTag();
  for (let i = 0; i < 3; i++) await submitRefused(request, app, upstream, `${tag} refused take ${i}`);
  for (let i = 0; i < 2; i++) await submitViaApi(request, app, { prompt: `${tag} queued take ${i}` });
  await page.goto(historyOf(app, { q: tag }));

  const tabs = page.getByRole('navigation', { name: 'Status' });
  await expect(tabs.getByRole('link', { name: 'All (5)' })).toHaveAttribute('aria-current', 'page');
  await expect(tabs.getByRole('link', { name: 'Failed (3)' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Submitted (2)' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Succeeded (0)' })).toBeVisible();

  await tabs.getByRole('link', { name: 'Failed (3)' }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByRole('row').filter({ hasText: tag })).toHaveCount(3);
  await expect(tabs.getByRole('link', { name: 'Failed (3)' })).toHaveAttribute('aria-current', 'page');
  // The counts are of the search, whichever status is chosen.
  await expect(tabs.getByRole('link', { name: 'All (5)' })).not.toHaveAttribute('aria-current');
});

test('search needs every word, in any order and any case, and matches parts of words', async ({
  page,
  request,
  app,
}) => {
  const tag = newTag();
  await submitViaApi(request, app, { prompt: `${tag} a lighthouse at night` });
  await submitViaApi(request, app, { prompt: `${tag} a night market` });
  await submitViaApi(request, app, { prompt: `${tag} a lighthouse at dawn` });
  await page.goto(`${app.url}/submissions`);

  const rows = page.getByRole('row').filter({ hasText: tag });
  const search = async (q: string) => {
    await page.getByLabel('Search').fill(q);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(q).replaceAll('%20', '\\+')}`));
  };
  await search(`NIGHT ${tag} Lighthouse`);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('a lighthouse at night');
  await search(`${tag} HOUSE`);
  await expect(rows).toHaveCount(2);
  await search(`${tag} nigh lig`);
  await expect(rows).toHaveCount(1);
  await search(`${tag} lighthouse night dawn`);
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('No submission matches these filters.')).toBeVisible();
});

test('previous and next pages use a stable cursor: going back shows exactly the page seen before', async ({
  page,
  request,
  app,
}) => {
  const tag = newTag();
  for (let i = 0; i < 25; i++)
    await submitViaApi(request, app, { prompt: `${tag} take ${String(i).padStart(2, '0')}` });
  await page.goto(historyOf(app, { q: tag }));
  const rows = page.getByRole('row').filter({ hasText: tag });
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText(`${tag} take 24`);
  const firstPage = await rows.allTextContents();
  await expect(pages.getByRole('link', { name: 'Previous page' })).toHaveCount(0);

  await pages.getByRole('link', { name: 'Next page' }).click();
  await expect(rows).toHaveCount(5);
  await expect(rows.last()).toContainText(`${tag} take 00`);
  await expect(pages.getByRole('link', { name: 'Next page' })).toHaveCount(0);

  // A newer submission arriving meanwhile does not shift the pages.
  await submitViaApi(request, app, { prompt: `${tag} take 25` });
  await pages.getByRole('link', { name: 'Previous page' }).click();
  await expect(rows).toHaveCount(20);
  expect(await rows.allTextContents()).toEqual(firstPage);
  await pages.getByRole('link', { name: 'Previous page' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(`${tag} take 25`);
  await pages.getByRole('link', { name: 'Newest' }).click();
  await expect(rows.first()).toContainText(`${tag} take 25`);
});

test('Export CSV and Export JSON download every matching submission with the current filters', async ({
  page,
  request,
  upstream,
  app,
}) => {
  const tag = newTag();
  for (let i = 0; i < 23; i++) await submitViaApi(request, app, { prompt: `${tag} take ${i}, "quoted"` });
  await submitViaApi(request, app, { prompt: `=1+2 ${tag} formula` });
  await submitRefused(request, app, upstream, `${tag} refused`);
  await page.goto(historyOf(app, { q: tag, status: 'submitted' }));

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export CSV' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toMatch(/^submissions-.+\.csv$/);
  const csv = await readFile(await csvDownload.path(), 'utf8');
  const lines = csv.split('\r\n').filter(Boolean);
  expect(lines[0]).toBe(
    'id,createdAt,createdBy,status,taskId,externalTaskId,model,mode,duration,aspectRatio,prompt,videoUrl,error,review,reviewer',
  );
  // Every page of matches (24, more than the 20 shown), none of the other status.
  expect(lines).toHaveLength(25);
  expect(csv).not.toContain(`${tag} refused`);
  expect(csv).toContain(`"${tag} take 22, ""quoted"""`);
  expect(csv).toContain(`,'=1+2 ${tag} formula,`);

  const [jsonDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export JSON' }).click(),
  ]);
  expect(jsonDownload.suggestedFilename()).toMatch(/^submissions-.+\.json$/);
  const exported = JSON.parse(await readFile(await jsonDownload.path(), 'utf8')) as Submission[];
  expect(exported).toHaveLength(24);
  expect(exported.every((s) => s.status === 'submitted' && String(s.request.prompt).includes(tag))).toBe(
    true,
  );
});

test('two rows ticked in history open them side by side in Compare', async ({ page, request, app }) => {
  const tag = newTag();
  const a = await submitViaApi(request, app, { prompt: `${tag} a paper boat, take one` });
  const b = await submitViaApi(request, app, { prompt: `${tag} a paper boat, take two` });
  await page.goto(historyOf(app, { q: tag }));
  const compare = page.getByRole('button', { name: 'Compare selected' });
  await expect(compare).toBeDisabled();
  await page.getByRole('row').filter({ hasText: 'take one' }).getByRole('checkbox').check();
  await expect(compare).toBeDisabled();
  await page.getByRole('row').filter({ hasText: 'take two' }).getByRole('checkbox').check();
  await expect(compare).toBeEnabled();
  await compare.click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${b.id}&b=${a.id}$|/compare\\?a=${a.id}&b=${b.id}$`));
  await expect(page.getByRole('heading', { name: 'Compare submissions' })).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('history shows a card per submission instead of a table, and never scrolls sideways', async ({
    page,
    request,
    upstream,
    liveApp,
  }) => {
    const tag = newTag();
    await submitSucceeded(request, liveApp, upstream, {
      prompt: `${tag} ${'a very long prompt '.repeat(20)}`,
    });
    await submitRefused(request, liveApp, upstream, `${tag} ${'x'.repeat(200)}`);
    await page.goto(historyOf(liveApp, { q: tag }));
    const rows = page.getByRole('row').filter({ hasText: tag });
    await expect(rows).toHaveCount(2);
    expect(await scrollsSideways(page)).toBe(false);

    for (const row of await rows.all()) {
      // A card: as wide as the page's column, its cells stacked rather than side by side.
      const card = await row.boundingBox();
      const prompt = await row.getByRole('link').first().boundingBox();
      const status = await row.getByText(/^(Succeeded|Failed)$/).boundingBox();
      expect(card?.width).toBeGreaterThan(330);
      expect(status?.y).toBeGreaterThan((prompt?.y ?? 0) + (prompt?.height ?? 0) - 1);
    }
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await scrollsSideways(page)).toBe(false);
  });
});
