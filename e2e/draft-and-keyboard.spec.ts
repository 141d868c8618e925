import { randomUUID } from 'node:crypto';
import { composer, openComposer, shownTaskId, tabTo } from './support/composer';
import { expect, test } from './support/fixtures';

test('the draft survives a reload: typed prompt, an added image and its frame role', async ({ page }) => {
  const prompt = `A snow globe shaken in slow motion ${randomUUID()}`;
  const c = await openComposer(page);
  await c.prompt.fill(prompt);
  await c.negativePrompt.fill('blurry');
  await c.addImage.click();
  await c.imageUrl.fill('https://images.example.com/globe.png');
  await c.frameRole.selectOption('first_frame');
  await c.duration.selectOption('4');
  await c.cfgScale.fill('0.8');

  await page.reload();

  const after = composer(page);
  await expect(after.prompt).toHaveValue(prompt);
  await expect(after.negativePrompt).toHaveValue('blurry');
  await expect(after.imageUrl).toHaveValue('https://images.example.com/globe.png');
  await expect(after.frameRole).toHaveValue('first_frame');
  await expect(after.duration).toHaveValue('4');
  await expect(after.cfgScale).toHaveValue('0.8');
  await expect(page.getByRole('region', { name: 'Request JSON' })).toContainText(prompt);

  // Clear form empties it, and a reload then stays empty.
  await page.getByRole('button', { name: 'Clear form' }).click();
  await expect(after.prompt).toHaveValue('');
  await expect(after.imageUrl).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Request JSON' })).toBeVisible();
  await expect(after.prompt).toHaveValue('');
  await expect(after.imageUrl).toHaveCount(0);
});

test('compose and submit with the keyboard only', async ({ page, upstream }) => {
  const prompt = `A hummingbird hovers at a red flower ${randomUUID()}`;
  const c = await openComposer(page);
  // Start from the top of the page, as after loading it, not from a field.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await tabTo(page, c.prompt);
  await page.keyboard.type(prompt);

  await tabTo(page, c.addImage);
  await page.keyboard.press('Enter');
  // The new item takes the focus, ready for typing.
  await expect(c.imageUrl).toBeFocused();
  await page.keyboard.type('https://images.example.com/bird.png');
  await page.keyboard.press('Tab');
  await expect(c.frameRole).toBeFocused();
  await page.keyboard.press('ArrowDown'); // None (reference) -> First frame
  await expect(c.frameRole).toHaveValue('first_frame');

  // Back up to Duration, now offering 3 to 10 seconds.
  for (let i = 0; i < 20; i++) {
    if (await c.duration.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('Shift+Tab');
  }
  await expect(c.duration).toBeFocused();
  await page.keyboard.press('Home'); // The first choice: 3 seconds.
  await expect(c.duration).toHaveValue('3');

  await tabTo(page, c.addVideo);
  await page.keyboard.press('Space');
  await expect(c.videoUrl).toBeFocused();
  await page.keyboard.type('https://videos.example.com/wings.mp4');
  // Changed their mind: the video's Remove button, by keyboard.
  await tabTo(page, c.remove.nth(1));
  await page.keyboard.press('Enter');
  await expect(c.videoUrl).toHaveCount(0);

  await tabTo(page, c.submit);
  await page.keyboard.press('Enter');
  await expect(c.success).toBeVisible();
  const taskId = await shownTaskId(page);
  expect(taskId).toMatch(/^\d{18}$/);
  expect(upstream.createCalls()).toHaveLength(1);
  expect(upstream.createCalls()[0]?.body).toMatchObject({
    prompt,
    duration: '3',
    image_list: [{ image_url: 'https://images.example.com/bird.png', type: 'first_frame' }],
  });
  expect(upstream.createCalls()[0]?.body).not.toHaveProperty('video_list');

  // And on to the stored submission, still by keyboard.
  await tabTo(page, c.success.getByRole('link', { name: 'View submission' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Submission' })).toBeVisible();
  await expect(page.getByText(taskId).first()).toBeVisible();
});

test('the composer’s newer controls work from the keyboard: Insert in prompt, Clear form and Undo, Dark mode', async ({
  page,
}) => {
  const c = await openComposer(page);
  await c.prompt.fill('A cat meets the rain');
  await tabTo(page, c.addImage);
  await page.keyboard.press('Enter');
  await expect(c.imageUrl).toBeFocused();
  await page.keyboard.type('https://images.example.com/cat.png');

  await tabTo(page, c.insertInPrompt);
  await page.keyboard.press('Enter');
  // The token lands at the end of what was typed, and the focus goes back to writing.
  await expect(c.prompt).toHaveValue('A cat meets the rain <<<image_1>>>');
  await expect(c.prompt).toBeFocused();

  await tabTo(page, c.clear);
  await page.keyboard.press('Enter');
  await expect(c.prompt).toHaveValue('');
  await page.keyboard.press('Tab');
  await expect(c.undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(c.prompt).toHaveValue('A cat meets the rain <<<image_1>>>');
  await expect(c.imageUrl).toHaveValue('https://images.example.com/cat.png');
  await expect(c.clear).toBeFocused();

  const darkMode = page.getByRole('button', { name: 'Dark mode' });
  await darkMode.focus();
  const before = await darkMode.getAttribute('aria-pressed');
  await page.keyboard.press('Space');
  await expect(darkMode).not.toHaveAttribute('aria-pressed', before ?? '');
});
