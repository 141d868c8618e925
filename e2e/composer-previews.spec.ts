import { randomUUID } from 'node:crypto';
import { expectValid, openComposer } from './support/composer';
import { expect, test } from './support/fixtures';
import { type MediaServer, startMediaServer } from './support/media-server';
import { DESKTOP, PHONE } from './support/viewports';

let media: MediaServer;
test.beforeAll(async () => {
  media = await startMediaServer();
});
test.afterAll(() => media.close());

for (const size of [PHONE, DESKTOP]) {
  test.describe(`previews of every input on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test('each Image URL shows its picture and size, warns when its shape differs, and says when it cannot be loaded', async ({
      page,
      upstream,
    }) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      const c = await openComposer(page);
      await c.prompt.fill(`A lighthouse at night ${randomUUID()}`);
      await c.addImage.click();
      await c.imageUrl.fill(`${media.url}/image-1920x1080.svg`);
      const first = page.getByRole('img', { name: 'Preview of image 1' });
      await expect(first).toBeVisible();
      await expect(first).toHaveJSProperty('naturalWidth', 1920);
      await expect(page.getByText('1920 × 1080 px')).toBeVisible();
      await expect(page.getByText(/it may be cropped or padded/)).toHaveCount(0);

      await c.aspectRatio.selectOption('9:16');
      await expect(
        page.getByText('This image is 16:9 landscape, the video 9:16: it may be cropped or padded.'),
      ).toBeVisible();
      await c.aspectRatio.selectOption('16:9');
      await expect(page.getByText(/it may be cropped or padded/)).toHaveCount(0);

      // An address the browser cannot load is a hint, not an error: the video service may reach it.
      await c.addImage.click();
      await c.imageUrl.nth(1).fill(`${media.url}/missing.png`);
      await expect(page.getByText(/^This image could not be loaded here\./)).toBeVisible();
      // Its box stays, named, with the address that will be sent.
      await expect(page.getByRole('img', { name: 'Preview of image 2' })).toHaveAttribute(
        'src',
        `${media.url}/missing.png`,
      );
      await expectValid(c.imageUrl.nth(1));
      await c.submit.click();
      await expect(c.success).toBeVisible();
      expect(upstream.createCalls()).toHaveLength(1);
      expect(violations).toEqual([]);
    });

    test('the reference video plays muted in a small player with its length, and a length outside 3 to 10 s is flagged', async ({
      page,
    }) => {
      const c = await openComposer(page);
      await c.addVideo.click();
      await c.videoUrl.fill(`${media.url}/video-14s.webm`);
      const player = page.getByLabel('Preview of video 1');
      await expect(player).toBeVisible();
      await expect(player).toHaveJSProperty('muted', true);
      await expect(page.getByText('Duration: 14 s')).toBeVisible();
      await expect(
        page.getByText('The video service takes reference videos of 3 to 10 seconds: this one is 14 s.'),
      ).toBeVisible();

      await c.videoUrl.fill(`${media.url}/video-5s.webm`);
      await expect(page.getByText('Duration: 5 s')).toBeVisible();
      await expect(page.getByText(/takes reference videos of 3 to 10 seconds/)).toHaveCount(0);

      await c.videoUrl.fill(`${media.url}/missing.webm`);
      await expect(page.getByText(/^This video could not be loaded here\./)).toBeVisible();
      await expectValid(c.videoUrl);
    });
  });
}

test('the page lets pictures and videos come from any https: host and from the app itself', async ({
  page,
}) => {
  const response = await page.goto('/');
  const policy = response?.headers()['content-security-policy'] ?? '';
  for (const directive of ['img-src', 'media-src']) {
    const sources = new RegExp(`${directive} ([^;]*)`).exec(policy)?.[1]?.split(' ') ?? [];
    expect(sources, directive).toEqual(expect.arrayContaining(["'self'", 'https:']));
  }
});
