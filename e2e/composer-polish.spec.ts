import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { composer, openComposer } from './support/composer';
import { expect, test, upstreamEnv } from './support/fixtures';
import { submitViaApi } from './support/tasks';
import { DESKTOP, PHONE, SMALL_PHONE } from './support/viewports';

/** The page's background colour, as the browser paints it. */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
/** Perceived lightness (0 dark .. 1 light) of an `rgb()`, `lab()` or `oklch()` colour. */
const isDark = (page: Page) =>
  page.evaluate(() => {
    const probe = document.createElement('canvas').getContext('2d');
    if (!probe) throw new Error('no canvas');
    probe.fillStyle = getComputedStyle(document.body).backgroundColor;
    probe.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = probe.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5;
  });

for (const size of [PHONE, DESKTOP]) {
  test.describe(`polish on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test('the pages follow a dark system scheme, and the Dark mode toggle is remembered without a flash', async ({
      browser,
      app,
    }) => {
      const context = await browser.newContext({
        colorScheme: 'dark',
        viewport: size.viewport,
        baseURL: app.url,
      });
      const page = await context.newPage();
      await page.goto('/');
      const toggle = page.getByRole('button', { name: 'Dark mode' });
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
      expect(await isDark(page)).toBe(true);

      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', 'false');
      expect(await isDark(page)).toBe(false);
      // Remembered: the server renders the light page from the first byte, on every page.
      const html = await (await page.request.get('/submissions')).text();
      expect(html).toMatch(/<html[^>]*data-theme="light"/);
      await page.goto('/submissions');
      await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'false');
      expect(await isDark(page)).toBe(false);

      // Choosing the system's own scheme again follows the system once more.
      await page.getByRole('button', { name: 'Dark mode' }).click();
      expect(await isDark(page)).toBe(true);
      const cookies = await context.cookies();
      expect(cookies.filter((cookie) => cookie.name === 'omni-theme')).toEqual([]);
      await context.close();
    });

    test('the menu marks the current page', async ({ page, app, request }) => {
      const stored = await submitViaApi(request, app, { prompt: `A red kite ${randomUUID()}` });
      const menu = page.getByRole('navigation', { name: 'Main' });
      await page.goto('/');
      await expect(menu.getByRole('link', { name: 'Composer' })).toHaveAttribute('aria-current', 'page');
      await expect(menu.getByRole('link', { name: 'History' })).not.toHaveAttribute('aria-current');
      await menu.getByRole('link', { name: 'History' }).click();
      await expect(menu.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
      await expect(menu.getByRole('link', { name: 'Composer' })).not.toHaveAttribute('aria-current');
      await page.goto(`/submissions/${stored.id}`);
      // A submission is part of the history.
      await expect(menu.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'true');
    });

    test('an unknown address gets the styled Not found page, with no console errors of its own', async ({
      page,
    }) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        // The browser reports the page's own 404 status as a failed load; anything else is a fault.
        const ownStatus =
          message.location().url.endsWith('/no-such-page') && /status of 404/.test(message.text());
        if (message.type() === 'error' && !ownStatus) errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const response = await page.goto('/no-such-page');
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Not found', level: 1 })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Open the history' })).toBeVisible();
      // The app's own styles apply: its background, not the browser's default white.
      expect(await background(page)).not.toBe('rgba(0, 0, 0, 0)');
      expect(errors).toEqual([]);
    });

    test('Model suggests KLING_MODELS and models used before, and still takes any name', async ({
      page,
      launchApp,
      upstream,
      request,
    }) => {
      const app = await launchApp({
        env: { ...upstreamEnv(upstream), KLING_MODELS: 'kling-v2-1, kling-v1' },
      });
      await submitViaApi(request, app, { model: 'kling-v1-6-studio', prompt: 'An earlier request' });
      const c = await openComposer(page, `${app.url}/`);
      await expect(c.model).toHaveRole('combobox');
      // The first configured model is prefilled.
      await expect(c.model).toHaveValue('kling-v2-1');
      const listId = (await c.model.getAttribute('list')) ?? '';
      const options = page.locator(`datalist[id="${listId}"] option`);
      await expect
        .poll(() => options.evaluateAll((all) => all.map((option) => (option as HTMLOptionElement).value)))
        .toEqual(['kling-v2-1', 'kling-v1', 'kling-v1-6-studio']);

      await c.model.fill('my-own-model');
      await c.prompt.fill(`A quiet harbour ${randomUUID()}`);
      await c.submit.click();
      await expect(c.success).toBeVisible();
      expect(upstream.createCalls().at(-1)?.body).toMatchObject({ model: 'my-own-model' });
    });

    test('beside Submit: what the request will cost', async ({ page }) => {
      const c = await openComposer(page);
      await expect(c.submit).toHaveAccessibleDescription(/5 s of video, Standard mode/);
      await c.mode.selectOption('pro');
      await c.duration.selectOption('10');
      await c.addVideo.click();
      const cost = '10 s of video, Pro mode, reference video: higher cost multiplier';
      await expect(page.getByText(cost, { exact: true })).toBeVisible();
      await expect(c.submit).toHaveAccessibleDescription(new RegExp(cost));
    });
  });
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE.viewport });

  test('Submit and Clear form stay on screen while the creator scrolls through the form', async ({
    page,
  }) => {
    const c = await openComposer(page);
    await c.addImage.click();
    await c.addVideo.click();
    for (const field of [c.model, c.negativePrompt, c.imageUrl, c.videoUrl, c.cfgScale]) {
      await field.scrollIntoViewIfNeeded();
      await expect(c.submit).toBeInViewport();
      await expect(c.clear).toBeInViewport();
    }
  });

  test('Frame role shows its longest choice in full', async ({ page }) => {
    const c = await openComposer(page);
    await c.addImage.click();
    for (const width of [SMALL_PHONE.viewport.width, PHONE.viewport.width, DESKTOP.viewport.width]) {
      await page.setViewportSize({ width, height: 900 });
      const fits = await c.frameRole.evaluate((select: HTMLSelectElement) => {
        const style = getComputedStyle(select);
        const context = document.createElement('canvas').getContext('2d');
        if (!context) throw new Error('no canvas');
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const longest = Math.max(...[...select.options].map((o) => context.measureText(o.text).width));
        // The text box inside the padding, less room for the drop-down arrow.
        const arrow = 16;
        const room =
          select.clientWidth -
          Number.parseFloat(style.paddingLeft) -
          Number.parseFloat(style.paddingRight) -
          arrow;
        return longest <= room;
      });
      expect(fits, `at ${width} px`).toBe(true);
    }
  });
});

test('the demo banner is one line; how to connect is behind a disclosure', async ({ page, launchApp }) => {
  test.slow();
  const demo = await launchApp();
  for (const size of [SMALL_PHONE, PHONE, DESKTOP]) {
    await page.setViewportSize(size.viewport);
    await page.goto(`${demo.url}/`);
    const banner = page.getByRole('note', { name: 'Demo mode' });
    await expect(banner).toContainText('nothing is charged');
    const details = banner.getByText(/KLING_API_BASE_URL/);
    await expect(details).toBeHidden();
    const lineHeight = await banner
      .getByText('Demo mode', { exact: true })
      .evaluate((element) => Number.parseFloat(getComputedStyle(element).lineHeight));
    const box = await banner.boundingBox();
    // One line of text and its padding.
    expect(box?.height, `at ${size.viewport.width} px`).toBeLessThan(lineHeight * 2);
    await banner.getByText('How to connect').click();
    await expect(details).toBeVisible();
  }
  await expect(composer(page).submit).toBeVisible();
});
