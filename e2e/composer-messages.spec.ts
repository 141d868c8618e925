import { randomUUID } from 'node:crypto';
import { expectInvalid, expectValid, openComposer } from './support/composer';
import { expect, TEST_CALLBACK_TOKEN, test } from './support/fixtures';
import { DESKTOP, PHONE } from './support/viewports';

for (const size of [PHONE, DESKTOP]) {
  test.describe(`messages on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test('an address is judged once the typing pauses or the field is left, and the message names the real problem', async ({
      page,
    }) => {
      const c = await openComposer(page);
      await c.addImage.click();
      // Half-way through typing, nothing is red yet.
      await c.imageUrl.pressSequentially('htt');
      await expectValid(c.imageUrl);
      await expectInvalid(
        c.imageUrl,
        'Image URL must be a full web address starting with http:// or https://.',
      );

      await c.imageUrl.fill('https://exa mple.com/a.png');
      await expectInvalid(c.imageUrl, 'Image URL contains a space: remove it, or write it as %20.');

      await c.callbackUrl.fill('https://');
      await c.callbackUrl.press('Tab');
      await expectInvalid(c.callbackUrl, /^Callback URL has no host name after https:\/\//);

      await c.imageUrl.fill('https://example.com/a.png');
      await expectValid(c.imageUrl);
    });

    test('the preview marks a request the server would refuse, and shows the callback URL the server adds with its token masked', async ({
      page,
      liveApp,
    }) => {
      const c = await openComposer(page, `${liveApp.url}/`);
      await c.prompt.fill(`A windmill in a storm ${randomUUID()}`);
      const masked = `${liveApp.url}/api/callbacks/kling?token=********`;
      await expect(c.preview).toContainText(`"callback_url": "${masked}"`);
      await expect(c.preview).not.toContainText(TEST_CALLBACK_TOKEN);
      await expect(page.getByText(/callback_url is the app’s own, added by the server/)).toBeVisible();

      await c.cfgScale.fill('3');
      const invalid = page.getByText(/^Not valid yet: the server would refuse this request \(1 problem/);
      await expect(invalid).toBeVisible();
      await c.cfgScale.fill('0.5');
      await expect(invalid).toHaveCount(0);

      // A Callback URL of the creator's own replaces the app's.
      await c.callbackUrl.fill('https://hooks.example.com/kling');
      await expect(c.preview).toContainText('"callback_url": "https://hooks.example.com/kling"');
      await expect(c.preview).not.toContainText(masked);
    });

    test('while the video service is slow, the busy Submit counts the seconds', async ({
      page,
      upstream,
    }) => {
      // The app gives up after 3 s (KLING_API_TIMEOUT_MS of the test app).
      upstream.nextReply({ kind: 'hang' });
      const c = await openComposer(page);
      await c.prompt.fill(`A slow glacier ${randomUUID()}`);
      await c.submit.click();
      await expect(c.submit).toBeDisabled();
      await expect(c.submit).toHaveText('Submitting… 1 s');
      await expect(c.submit).toHaveText('Submitting… 2 s');
      await expect(c.failure).toContainText('did not answer within 3 s');
      await expect(c.submit).toHaveText('Submit');
      await expect(c.failure).toBeInViewport();
    });
  });
}
