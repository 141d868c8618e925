import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import type { Submission } from '../lib/contract/submission';
import type { FakeUpstream } from './fake-upstream/fake-upstream.mjs';
import type { AppProcess } from './support/app-process';
import { composer } from './support/composer';
import { expect, test } from './support/fixtures';
import { detailUrl, getSubmission, submitViaApi } from './support/tasks';

/** Two takes of one idea: another prompt and mode, the rest alike; both finished with the sample clip. */
async function twoTakes(request: APIRequestContext, app: AppProcess, upstream: FakeUpstream) {
  const tag = `t${randomUUID().slice(0, 8)}`;
  const common = { duration: '5', aspect_ratio: '16:9', element_list: [{ element_id: 7 }] };
  const a = await submitViaApi(request, app, {
    ...common,
    prompt: `${tag} a red kite over the dunes`,
    mode: 'std',
  });
  const b = await submitViaApi(request, app, {
    ...common,
    prompt: `${tag} a blue kite over the sea`,
    mode: 'pro',
  });
  for (const take of [a, b]) {
    upstream.setTask(take.taskId ?? '', {
      status: 'succeeded',
      videoUrl: `${app.url}/demo/sample-video.webm`,
    });
  }
  const finished = async (take: Submission) => {
    await expect.poll(async () => (await getSubmission(request, app, take.id)).status).toBe('succeeded');
  };
  await Promise.all([finished(a), finished(b)]);
  return { tag, a, b };
}

const compareUrl = (app: AppProcess, a: Submission, b: Submission) =>
  `${app.url}/compare?a=${a.id}&b=${b.id}`;

/** The row of the comparison for one field, by its header cell. */
const fieldRow = (page: Page, field: string) =>
  page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${field}\\s*(\\(differs\\))?$`) }) });

test('both requests field by field, each difference marked', async ({ page, request, upstream, liveApp }) => {
  const { a, b } = await twoTakes(request, liveApp, upstream);
  await page.goto(compareUrl(liveApp, a, b));

  const prompt = fieldRow(page, 'Prompt');
  await expect(prompt).toHaveAttribute('data-diff', 'true');
  await expect(prompt.getByRole('deletion')).toHaveText(['red', 'dunes']);
  await expect(prompt.getByRole('insertion')).toHaveText(['blue', 'sea']);
  const mode = fieldRow(page, 'Mode');
  await expect(mode).toHaveAttribute('data-diff', 'true');
  await expect(mode.getByRole('deletion')).toHaveText('Standard');
  await expect(mode.getByRole('insertion')).toHaveText('Pro');
  for (const same of ['Model', 'Duration', 'Aspect ratio', 'Elements']) {
    await expect(fieldRow(page, same)).not.toHaveAttribute('data-diff');
    await expect(fieldRow(page, same).getByRole('deletion')).toHaveCount(0);
  }
  await expect(page.getByText('2 fields differ.')).toBeVisible();
});

test('one control plays, pauses and seeks both videos together', async ({
  page,
  request,
  upstream,
  liveApp,
}) => {
  const { a, b } = await twoTakes(request, liveApp, upstream);
  await page.goto(compareUrl(liveApp, a, b));
  const videos = [page.getByLabel('Video A'), page.getByLabel('Video B')];
  for (const video of videos)
    await expect(video).toHaveAttribute('src', `${liveApp.url}/demo/sample-video.webm`);
  const paused = () => Promise.all(videos.map((v) => v.evaluate((el: HTMLVideoElement) => el.paused)));

  await page.getByRole('button', { name: 'Play both' }).click();
  await expect.poll(paused).toEqual([false, false]);
  await page.getByRole('button', { name: 'Pause both' }).click();
  await expect.poll(paused).toEqual([true, true]);

  await page.getByLabel('Position').fill('2');
  const positions = () =>
    Promise.all(videos.map((v) => v.evaluate((el: HTMLVideoElement) => el.currentTime)));
  await expect.poll(async () => (await positions()).map((t) => Math.round(t))).toEqual([2, 2]);
});

test('"Reuse A with B’s prompt" opens the composer with A’s request and B’s prompt', async ({
  page,
  request,
  upstream,
  liveApp,
}) => {
  const { a, b } = await twoTakes(request, liveApp, upstream);
  await page.goto(compareUrl(liveApp, a, b));
  await fieldRow(page, 'Prompt').getByRole('link', { name: "Reuse A with B's prompt" }).click();
  const c = composer(page);
  await expect(c.prompt).toHaveValue(String(b.request.prompt));
  await expect(c.mode).toHaveValue('std');
  await expect(c.elementId).toHaveValue('7');
  await expect(c.externalTaskId).toHaveValue('');
  // No reuse for what is the same, nor for the external task ID, which is each task's own.
  await page.goBack();
  await expect(fieldRow(page, 'Model').getByRole('link')).toHaveCount(0);
  await expect(fieldRow(page, 'External task ID').getByRole('link')).toHaveCount(0);
});

test('"Compare with…" on a detail page lets the reviewer pick the other take in history', async ({
  page,
  request,
  upstream,
  liveApp,
}) => {
  const { tag, a, b } = await twoTakes(request, liveApp, upstream);
  await page.goto(detailUrl(liveApp, a.id));
  await page.getByRole('link', { name: 'Compare with…' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Choose a submission to compare with' }),
  ).toBeVisible();
  await page.getByLabel('Search').fill(tag);
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('link', { name: /^Compare with this: .*blue kite/ }).click();
  await expect(page).toHaveURL(compareUrl(liveApp, a, b));
  await expect(page.getByRole('region', { name: 'Submission A' })).toContainText('red kite');
  await expect(page.getByRole('region', { name: 'Submission B' })).toContainText('blue kite');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the comparison fits the screen: both videos side by side, no sideways scrolling', async ({
    page,
    request,
    upstream,
    liveApp,
  }) => {
    const { a, b } = await twoTakes(request, liveApp, upstream);
    await page.goto(compareUrl(liveApp, a, b));
    const [boxA, boxB] = await Promise.all([
      page.getByLabel('Video A').boundingBox(),
      page.getByLabel('Video B').boundingBox(),
    ]);
    expect(boxA && boxB && Math.abs(boxA.y - boxB.y)).toBeLessThan(1);
    await expect(fieldRow(page, 'Prompt')).toHaveAttribute('data-diff', 'true');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth),
    ).toBe(false);
  });
});
