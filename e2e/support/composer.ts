import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The composer's controls, found the way a person finds them: by their visible labels. */
export function composer(page: Page) {
  return {
    model: page.getByLabel('Model', { exact: true }),
    prompt: page.getByLabel('Prompt', { exact: true }),
    negativePrompt: page.getByLabel('Negative prompt', { exact: true }),
    mode: page.getByLabel('Mode', { exact: true }),
    duration: page.getByLabel('Duration', { exact: true }),
    aspectRatio: page.getByLabel('Aspect ratio', { exact: true }),
    cfgScale: page.getByLabel('CFG scale', { exact: true }),
    externalTaskId: page.getByLabel('External task ID', { exact: true }),
    callbackUrl: page.getByLabel('Callback URL', { exact: true }),
    imageUrl: page.getByLabel('Image URL', { exact: true }),
    frameRole: page.getByLabel('Frame role', { exact: true }),
    videoUrl: page.getByLabel('Video URL', { exact: true }),
    keepOriginalSound: page.getByLabel('Keep original sound', { exact: true }),
    elementId: page.getByLabel('Element ID', { exact: true }),
    addImage: page.getByRole('button', { name: 'Add image' }),
    addVideo: page.getByRole('button', { name: 'Add video' }),
    addElement: page.getByRole('button', { name: 'Add element' }),
    remove: page.getByRole('button', { name: 'Remove' }),
    /** "Submit"; "Submitting… 3 s" while a request is in flight; "Submit in 12 s" during a rate limit. */
    submit: page.getByRole('button', { name: /^Submit/ }),
    clear: page.getByRole('button', { name: 'Clear form' }),
    undo: page.getByRole('button', { name: 'Undo' }),
    insertInPrompt: page.getByRole('button', { name: 'Insert in prompt' }),
    /** The request as the server would forward it. */
    preview: page.getByRole('region', { name: 'Request JSON' }),
    /** The result of a created task, followed live: "Task ID: <output>", its status, then the video. */
    success: page.getByRole('status').filter({ hasText: 'Task ID:' }),
    /** The failure notice of a submission. */
    failure: page.getByRole('alert').filter({ hasText: 'Submission failed' }),
  };
}

/** The task ID the success notice shows. */
export async function shownTaskId(page: Page): Promise<string> {
  const text = await composer(page).success.locator('output').textContent();
  return text?.trim() ?? '';
}

/** Opens the composer and waits until it reacts to input (hydrated), so no typed character is lost. */
export async function openComposer(page: Page, url = '/'): Promise<ReturnType<typeof composer>> {
  await page.goto(url);
  const c = composer(page);
  const counter = page.getByText(/^1 \/ 2,500 characters/);
  // The character count under the prompt follows typing only once React runs in the page.
  await expect(async () => {
    await c.prompt.fill('x');
    await expect(counter).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await c.prompt.fill('');
  return c;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Marked invalid for assistive technology (aria-invalid="true"), with the message shown on the page
 * and tied to the field by aria-describedby, so a screen reader reads it with the field.
 */
export async function expectInvalid(field: Locator, message: string | RegExp): Promise<void> {
  const pattern = typeof message === 'string' ? new RegExp(escapeRegExp(message)) : message;
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(pattern);
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const described = field.page().locator(ids.map((id) => `[id="${id}"]`).join(', ') || '#none');
  await expect(described.filter({ hasText: pattern })).toBeVisible();
}

export async function expectValid(field: Locator): Promise<void> {
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
}

/** Presses Tab until `target` has the focus, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}
