import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import type { Submission } from '../lib/contract/submission';
import type { AppProcess } from './support/app-process';
import { expect, test } from './support/fixtures';
import { detailUrl, openRawJson, statusBadge, submitViaApi } from './support/tasks';

// Times are shown in the reader's zone: this browser reads in Tokyo, nine hours from UTC.
test.use({ timezoneId: 'Asia/Tokyo', locale: 'en-US' });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The definition beside a term of a description list, found by the term's words. */
const definitionOf = (scope: Locator | Page, term: string) => {
  const page = 'page' in scope ? scope.page() : scope;
  return scope
    .locator('dl > div', { has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) })
    .getByRole('definition');
};

/** The page's width in use: more than the window's would mean it scrolls sideways. */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

function richRequest(app: AppProcess, prompt: string) {
  return {
    prompt,
    negative_prompt: 'blurry, low contrast, text overlays',
    mode: 'pro',
    duration: '7',
    aspect_ratio: '9:16',
    cfg_scale: 0.3,
    image_list: [
      { image_url: `${app.url}/icon.svg`, type: 'first_frame' },
      { image_url: `${app.url}/icon.svg?end`, type: 'end_frame' },
    ],
    video_list: [
      { video_url: `${app.url}/demo/sample-video.webm`, refer_type: 'feature', keep_original_sound: 'yes' },
    ],
    element_list: [{ element_id: 101 }, { element_id: 202 }],
  };
}

test('the detail page shows the prompt as text, the parameters with thumbnails, a live timeline and the JSON folded away', async ({
  page,
  request,
  upstream,
  liveApp,
}) => {
  const prompt = `A lighthouse keeper climbs the spiral stairs at night ${randomUUID()}\nThen the lamp turns.`;
  const submission = await submitViaApi(request, liveApp, richRequest(liveApp, prompt));
  await page.goto(detailUrl(liveApp, submission.id));
  await expect(statusBadge(page)).toHaveText('Submitted');

  // Prompt and negative prompt as wrapped text, line breaks kept.
  const promptRegion = page.getByRole('region', { name: 'Prompt' });
  await expect(promptRegion.getByText(/^A lighthouse keeper climbs/)).toHaveText(prompt);
  await expect(promptRegion).toContainText('Negative prompt');
  await expect(promptRegion).toContainText('blurry, low contrast, text overlays');

  // The parameters as a short list, the inputs as thumbnails.
  const parameters = page.getByRole('region', { name: 'Parameters' });
  await expect(definitionOf(parameters, 'Mode')).toHaveText('Pro');
  await expect(definitionOf(parameters, 'Duration')).toHaveText('7 s');
  await expect(definitionOf(parameters, 'Aspect ratio')).toHaveText('9:16');
  await expect(definitionOf(parameters, 'CFG scale')).toHaveText('0.3');
  await expect(definitionOf(parameters, 'Elements')).toHaveText('101, 202');
  for (const name of ['Input 1, first frame', 'Input 2, end frame']) {
    const thumbnail = parameters.getByRole('img', { name });
    await expect(thumbnail).toBeVisible();
    await expect
      .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
  }
  await expect(definitionOf(parameters, 'Images')).toContainText('1. First frame');
  const reference = parameters.getByLabel('Reference video 1');
  await expect(reference).toHaveAttribute('src', `${liveApp.url}/demo/sample-video.webm`);
  await expect(reference).toHaveAttribute('preload', 'metadata');
  await expect(definitionOf(parameters, 'Video')).toContainText('Keep original sound: yes');

  // The exact JSON is below, folded until asked for.
  await expect(page.getByRole('region', { name: 'Request JSON' })).toBeHidden();
  await openRawJson(page);
  await expect(page.getByRole('region', { name: 'Request JSON' })).toContainText('"cfg_scale": 0.3');
  await expect(page.getByRole('region', { name: 'Response JSON' })).toContainText(submission.taskId ?? '');

  // Reuse is a link, so it can open in a new tab; refreshing is offered while the task runs.
  await expect(page.getByRole('link', { name: 'Reuse in composer' })).toHaveAttribute(
    'href',
    `/?from=${submission.id}`,
  );
  const checkNow = page.getByRole('button', { name: 'Check status now' });
  await expect(checkNow).toBeVisible();

  // The tab says which submission it is: the prompt's first 20 characters, then the status.
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(prompt.slice(0, 20))}.*Submitted`));

  // The timeline grows as the task moves, without a reload.
  const timeline = page.getByRole('region', { name: 'Status timeline' }).getByRole('listitem');
  await expect(timeline).toHaveCount(2);
  await expect(timeline.nth(0)).toContainText('Pending');
  await expect(timeline.nth(0)).toContainText('Create call');
  await expect(timeline.nth(1)).toContainText('Submitted');
  const taskId = submission.taskId ?? '';
  upstream.setTask(taskId, { status: 'processing' });
  await expect(timeline).toHaveCount(3);
  await expect(timeline.nth(2)).toContainText('Processing');
  await expect(timeline.nth(2)).toContainText('Status query');
  upstream.setTask(taskId, {
    status: 'succeeded',
    videoUrl: `${liveApp.url}/demo/sample-video.webm`,
    duration: 5,
  });
  await expect(statusBadge(page)).toHaveText('Succeeded');
  await expect(timeline).toHaveCount(4);
  await expect(timeline.nth(3)).toContainText('Succeeded');

  // A finished task offers no refresh; the title follows the status.
  await expect(checkNow).toHaveCount(0);
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(prompt.slice(0, 20))}.*Succeeded`));
});

test('times are in the reader’s own zone, with UTC on hover', async ({ page, request, app }) => {
  const submission = await submitViaApi(request, app, { prompt: `A tram at dawn ${randomUUID()}` });
  await page.goto(detailUrl(app, submission.id));
  const created = definitionOf(page, 'Created').locator('time');
  const iso = submission.createdAt;
  await expect(created).toHaveAttribute('datetime', iso);
  await expect(created).toHaveAttribute('title', `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`);
  const parts = new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'Asia/Tokyo',
  }).formatToParts(new Date(iso));
  const tokyo = `${parts.find((p) => p.type === 'hour')?.value}:${parts.find((p) => p.type === 'minute')?.value}:`;
  await expect(created).toContainText(tokyo);
  await expect(created).not.toContainText('UTC');
});

test('a failure is said in words, with its code in small print, and offers no refresh', async ({
  page,
  request,
  upstream,
  app,
}) => {
  upstream.nextReply({
    kind: 'status',
    status: 400,
    body: { code: 1201, message: 'prompt contains a logo' },
  });
  const response = await request.post(`${app.url}/api/submissions`, {
    data: { model: 'kling-v1', prompt: `A cola can on a beach ${randomUUID()}` },
  });
  expect(response.status()).toBe(422);
  const { submission } = (await response.json()) as { submission: Submission };
  await page.goto(detailUrl(app, submission.id));

  const alert = page.getByRole('alert').filter({ hasText: 'The video service refused the request' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Code upstream_rejected');
  await expect(alert).toContainText('prompt contains a logo');
  await expect(page.getByText('Failed: upstream_rejected')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Check status now' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Reuse in composer' })).toBeVisible();
});

test('an uncertain failure stays followed until the look-up answers: "never created" appears without a reload', async ({
  page,
  request,
  upstream,
  app,
}) => {
  // The look-up comes the upstream timeout (3 s) plus 10 s after the create call.
  test.slow();
  upstream.nextReply({ kind: 'status', status: 502, body: { message: 'bad gateway' } });
  const response = await request.post(`${app.url}/api/submissions`, {
    data: { model: 'kling-v1', prompt: `A kite in a storm ${randomUUID()}` },
  });
  expect(response.status()).toBe(502);
  const { submission } = (await response.json()) as { submission: Submission };
  expect(submission.displayStatus).toBe('checking');

  await page.goto(detailUrl(app, submission.id));
  const badge = statusBadge(page);
  await expect(badge).toHaveText('Unknown, checking');
  await expect(page.getByRole('button', { name: 'Check status now' })).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { notReloaded?: boolean }).notReloaded = true;
  });

  // The fake upstream never created it: the look-up by external task ID answers 404.
  await expect(badge).toHaveText('Failed', { timeout: 45_000 });
  await expect(
    page.getByRole('alert').filter({ hasText: 'never created, so nothing was charged' }),
  ).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Status timeline' }).getByRole('listitem');
  await expect(timeline.last()).toContainText('Look-up by external task ID');
  await expect(page.getByRole('button', { name: 'Check status now' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(upstream.createCalls()).toHaveLength(1);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a 2,500-character prompt, long URLs and full lists wrap: the page never scrolls sideways', async ({
    page,
    request,
    app,
  }) => {
    const word = 'x'.repeat(300);
    const prompt = `${randomUUID()} ${word} ${'A long prompt of many words. '.repeat(100)}`.slice(0, 2_500);
    const longUrl = `${app.url}/icon.svg?${'q'.repeat(1_800)}`;
    const submission = await submitViaApi(request, app, {
      ...richRequest(app, prompt),
      image_list: [{ image_url: longUrl, type: 'first_frame' }],
      callback_url: `https://hooks.example.com/${'path/'.repeat(300)}`,
    });
    await page.goto(detailUrl(app, submission.id));
    await expect(page.getByRole('region', { name: 'Prompt' })).toContainText(word);
    expect(await scrollsSideways(page)).toBe(false);
    await openRawJson(page);
    expect(await scrollsSideways(page)).toBe(false);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await scrollsSideways(page)).toBe(false);
  });
});
