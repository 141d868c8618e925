import { randomUUID } from 'node:crypto';
import { composer, openComposer } from './support/composer';
import { expect, test } from './support/fixtures';
import { type MediaServer, startMediaServer } from './support/media-server';
import { openRawJson, submitViaApi } from './support/tasks';
import { expectNoSidewaysScroll, PAGE_WIDTHS } from './support/viewports';

let media: MediaServer;
test.beforeAll(async () => {
  media = await startMediaServer();
});
test.afterAll(() => media.close());

/** 2,500 characters: words, and a run no line can break between spaces (a pasted URL). */
const longPrompt = (tag: string) => {
  const start = `A paper boat ${tag} drifts down a rainy street <<<image_1>>> https://example.com/${'x'.repeat(400)} `;
  return (start + 'and the lanterns sway '.repeat(120)).slice(0, 2500);
};
/** An address of about 2,000 characters that a browser can still load. */
const longUrl = (file: string) => `${media.url}/${file}?${'q'.repeat(1950)}`;

/** A request with every list as full as the limits allow together (4 images and elements with a video). */
function fullRequest(tag: string) {
  return {
    model: 'kling-v1',
    prompt: longPrompt(tag),
    negative_prompt: `blurry ${'n'.repeat(600)}`,
    duration: '7',
    image_list: [
      { image_url: longUrl('image-1920x1080.svg'), type: 'first_frame' },
      { image_url: longUrl('image-1080x1920.svg') },
      { image_url: longUrl('missing.png') },
    ],
    video_list: [{ video_url: longUrl('video-5s.webm'), refer_type: 'feature', keep_original_sound: 'yes' }],
    element_list: [{ element_id: 9007199254740991 }],
    callback_url: longUrl('callback'),
    external_task_id: `e2e-width-${randomUUID()}`.slice(0, 64),
  };
}

test('no page scrolls sideways from 360 to 1440 px wide, with a 2,500-character prompt, long URLs and full lists', async ({
  page,
  app,
  request,
}) => {
  test.slow();
  const tag = randomUUID();
  const stored = await submitViaApi(request, app, fullRequest(tag));

  // The composer holding the same request: "Reuse in composer" fills every field and list.
  await page.goto(`/?from=${stored.id}`);
  const c = composer(page);
  await expect(c.prompt).toHaveValue(longPrompt(tag));
  await expect(c.imageUrl).toHaveCount(3);
  await expect(c.videoUrl).toHaveCount(1);
  await expect(c.elementId).toHaveCount(1);
  await expect(page.getByRole('img', { name: 'Preview of image 1' })).toBeVisible();

  const pages = [
    { what: 'the composer', path: '/' },
    { what: 'the history', path: `/submissions?q=${tag}` },
    { what: 'a submission', path: `/submissions/${stored.id}` },
  ];
  for (const { what, path } of pages) {
    if (path !== '/') await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    for (const width of PAGE_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await expectNoSidewaysScroll(page, `${what} at ${width} px`);
    }
  }

  // The history row and the request JSON show the long prompt without widening the page.
  await openRawJson(page);
  await expectNoSidewaysScroll(page, 'a submission with its raw JSON open');
  await expect(page.getByRole('region', { name: 'Request JSON' })).toContainText(tag);
  await page.goto(`/submissions?q=${tag}`);
  await expect(page.getByRole('row').filter({ hasText: tag })).toHaveCount(1);
});

test('the composer keeps its width while every list is being filled and after a submit, on the narrowest phone', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const c = await openComposer(page);
  await c.prompt.fill(longPrompt(randomUUID()));
  for (let i = 0; i < 3; i++) await c.addImage.click();
  await c.addVideo.click();
  await c.addElement.click();
  await c.imageUrl.nth(0).fill(longUrl('image-1920x1080.svg'));
  await c.imageUrl.nth(1).fill(longUrl('image-1080x1920.svg'));
  await c.imageUrl.nth(2).fill(longUrl('missing.png'));
  await c.videoUrl.fill(longUrl('video-5s.webm'));
  await c.elementId.fill('42');
  await c.callbackUrl.fill(longUrl('callback'));
  await expect(page.getByText('This image could not be loaded here.', { exact: false })).toBeVisible();
  await expectNoSidewaysScroll(page, 'the filled composer at 360 px');

  await c.submit.click();
  await expect(composer(page).success).toBeVisible();
  await expectNoSidewaysScroll(page, 'the composer with its result at 360 px');
});
