import { randomUUID } from 'node:crypto';
import { composer, openComposer } from './support/composer';
import { expect, test } from './support/fixtures';
import { submitViaApi } from './support/tasks';
import { DESKTOP, PHONE } from './support/viewports';

for (const size of [PHONE, DESKTOP]) {
  test.describe(`nothing lost by one click on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test('Clear form offers Undo, which brings the whole draft back, and the draft survives a reload', async ({
      page,
    }) => {
      const prompt = `A snow globe in slow motion ${randomUUID()}`;
      const c = await openComposer(page);
      await c.prompt.fill(prompt);
      await c.addImage.click();
      await c.imageUrl.fill('https://images.example.com/globe.png');
      await c.frameRole.selectOption('first_frame');
      await c.duration.selectOption('4');

      await c.clear.click();
      await expect(c.prompt).toHaveValue('');
      await expect(c.imageUrl).toHaveCount(0);
      await expect(page.getByRole('status').filter({ hasText: 'Form cleared.' })).toBeVisible();

      await c.undo.click();
      await expect(c.prompt).toHaveValue(prompt);
      await expect(c.imageUrl).toHaveValue('https://images.example.com/globe.png');
      await expect(c.frameRole).toHaveValue('first_frame');
      await expect(c.duration).toHaveValue('4');
      await expect(c.undo).toHaveCount(0);
      // The focus does not fall back to the page with the Undo button gone.
      await expect(c.clear).toBeFocused();

      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('omni-video-studio:draft') ?? ''))
        .toContain(prompt);
      await page.reload();
      await expect(composer(page).prompt).toHaveValue(prompt);
    });

    test('Reuse in composer over an unsaved draft offers Undo, which brings the draft back', async ({
      page,
      app,
      request,
    }) => {
      const reused = await submitViaApi(request, app, { prompt: `A quiet harbour ${randomUUID()}` });
      const draft = `My own unsaved idea ${randomUUID()}`;
      const c = await openComposer(page);
      await c.prompt.fill(draft);
      await expect
        .poll(() => page.evaluate(() => localStorage.getItem('omni-video-studio:draft') ?? ''))
        .toContain(draft);

      await page.goto(`/submissions/${reused.id}`);
      await page.getByRole('link', { name: 'Reuse in composer' }).click();
      // The detail page also names a Prompt: wait for the composer before reading it.
      await expect(page.getByRole('button', { name: 'Submit', exact: true })).toBeVisible();
      await expect(c.prompt).toHaveValue(String(reused.request.prompt));
      await expect(
        page
          .getByRole('status')
          .filter({ hasText: 'Filled from a past submission: your previous draft was replaced.' }),
      ).toBeVisible();

      await c.undo.click();
      await expect(c.prompt).toHaveValue(draft);
    });

    test('Clear form on an empty form and Reuse over an empty draft offer nothing to undo', async ({
      page,
      app,
      request,
    }) => {
      const reused = await submitViaApi(request, app, { prompt: `A red kite ${randomUUID()}` });
      const c = await openComposer(page);
      await c.clear.click();
      await expect(c.undo).toHaveCount(0);
      await page.goto(`/?from=${reused.id}`);
      await expect(c.prompt).toHaveValue(String(reused.request.prompt));
      await expect(c.undo).toHaveCount(0);
    });
  });
}

test('Undo goes away after a few seconds', async ({ page }) => {
  await page.clock.install();
  const c = await openComposer(page);
  await c.prompt.fill('A paper lantern');
  await c.clear.click();
  await expect(c.undo).toBeVisible();
  await page.clock.fastForward(11_000);
  await expect(c.undo).toHaveCount(0);
  await expect(c.prompt).toHaveValue('');
});
