import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expectInvalid, expectValid, openComposer } from './support/composer';
import { expect, test } from './support/fixtures';
import { DESKTOP, PHONE } from './support/viewports';

/** One list item, found by its legend ("Image 2"). */
const item = (page: Page, legend: string) => page.getByRole('group', { name: legend, exact: true });

/** Puts the prompt's cursor just after `text`, as a click there would. */
async function cursorAfter(prompt: Locator, text: string) {
  await prompt.evaluate((field: HTMLTextAreaElement, after) => {
    const at = field.value.indexOf(after) + after.length;
    field.focus();
    field.setSelectionRange(at, at);
  }, text);
}

for (const size of [PHONE, DESKTOP]) {
  test.describe(`prompt tokens on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test('"Insert in prompt" writes the item’s token at the cursor; an item the prompt never mentions gets a hint', async ({
      page,
      upstream,
    }) => {
      const c = await openComposer(page);
      await c.prompt.fill('A cat meets in the rain');
      await c.addImage.click();
      await c.imageUrl.fill('https://images.example.com/cat.png');
      await c.addImage.click();
      await c.imageUrl.nth(1).fill('https://images.example.com/dog.png');

      const hint = 'The prompt does not mention this image yet';
      await expect(item(page, 'Image 2')).toContainText(hint);
      await expectValid(c.prompt);

      await cursorAfter(c.prompt, 'meets');
      await item(page, 'Image 2').getByRole('button', { name: 'Insert in prompt' }).click();
      await expect(c.prompt).toHaveValue('A cat meets <<<image_2>>> in the rain');
      await expect(c.prompt).toBeFocused();
      await expect(item(page, 'Image 2')).not.toContainText(hint);
      await expect(item(page, 'Image 1')).toContainText(hint);

      // Typing goes on where the token ended.
      await page.keyboard.type(' and');
      await expect(c.prompt).toHaveValue('A cat meets <<<image_2>>> and in the rain');

      await c.submit.click();
      await expect(c.success).toBeVisible();
      expect(upstream.createCalls()[0]?.body).toMatchObject({
        prompt: 'A cat meets <<<image_2>>> and in the rain',
      });
    });

    test('a token that names no item marks Prompt invalid and sends nothing', async ({ page, upstream }) => {
      const c = await openComposer(page);
      await c.addImage.click();
      await c.imageUrl.fill('https://images.example.com/a.png');
      await c.addImage.click();
      await c.imageUrl.nth(1).fill('https://images.example.com/b.png');
      await c.prompt.fill(`The cat from <<<image_3>>> waves ${randomUUID()}`);
      await expectInvalid(c.prompt, '<<<image_3>>> refers to image 3, but there are 2 images.');

      await c.submit.click();
      await expect(c.prompt).toBeFocused();
      expect(upstream.createCalls()).toEqual([]);

      // Adding the third image makes the token right.
      await c.addImage.click();
      await c.imageUrl.nth(2).fill('https://images.example.com/c.png');
      await expectValid(c.prompt);
    });

    test('removing an item offers to renumber the tokens; "Keep as is" leaves the prompt alone', async ({
      page,
    }) => {
      const c = await openComposer(page);
      for (const name of ['a', 'b', 'c']) {
        await c.addImage.click();
        await c.imageUrl.last().fill(`https://images.example.com/${name}.png`);
      }
      await c.prompt.fill('<<<image_1>>> chases <<<image_3>>> past <<<image_2>>>');

      await item(page, 'Image 2').getByRole('button', { name: 'Remove' }).click();
      const renumber = page.getByRole('button', { name: 'Renumber tokens' });
      await expect(renumber).toBeFocused();
      await expect(page.getByRole('status').filter({ hasText: 'still use the old numbers' })).toBeVisible();
      // Until then the prompt names an image that is gone.
      await expectInvalid(c.prompt, '<<<image_3>>> refers to image 3, but there are 2 images.');
      await renumber.click();
      await expect(c.prompt).toHaveValue('<<<image_1>>> chases <<<image_2>>> past');
      await expectValid(c.prompt);
      await expect(renumber).toHaveCount(0);
      await expect(c.addImage).toBeFocused();

      await c.prompt.fill('<<<image_2>>> only');
      await item(page, 'Image 1').getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('button', { name: 'Keep as is' }).click();
      await expect(c.prompt).toHaveValue('<<<image_2>>> only');
      await expectInvalid(c.prompt, '<<<image_2>>> refers to image 2, but there is 1 image.');
    });

    test('moving an item offers to renumber the tokens so they keep naming the same items', async ({
      page,
    }) => {
      const c = await openComposer(page);
      for (const id of ['11', '22']) {
        await c.addElement.click();
        await c.elementId.last().fill(id);
      }
      await c.prompt.fill('<<<element_1>>> hands a flower to <<<element_2>>>');
      await item(page, 'Element 1').getByRole('button', { name: 'Move down' }).click();
      await expect(c.elementId.first()).toHaveValue('22');
      await expect(c.elementId.last()).toHaveValue('11');
      // The focus follows the moved item.
      await expect(item(page, 'Element 2').getByRole('button', { name: 'Move up' })).toBeFocused();

      await page.getByRole('button', { name: 'Renumber tokens' }).click();
      await expect(c.prompt).toHaveValue('<<<element_2>>> hands a flower to <<<element_1>>>');
    });

    test('an item added without touching the prompt offers no renumbering', async ({ page }) => {
      const c = await openComposer(page);
      await c.prompt.fill('A quiet harbour at dawn');
      await c.addImage.click();
      await c.addImage.click();
      await item(page, 'Image 1').getByRole('button', { name: 'Remove' }).click();
      await expect(page.getByRole('button', { name: 'Renumber tokens' })).toHaveCount(0);
      await expect(c.addImage).toBeFocused();
    });
  });
}

test('the server refuses a mismatched token with 422 at prompt and sends nothing', async ({
  request,
  upstream,
}) => {
  const before = upstream.createCalls().length;
  const response = await request.post('/api/submissions', {
    data: {
      model: 'kling-v1',
      prompt: 'Like <<<video_1>>>, with <<<element_2>>>',
      element_list: [{ element_id: 5 }],
    },
  });
  expect(response.status()).toBe(422);
  expect(await response.json()).toMatchObject({
    error: {
      code: 'validation_failed',
      issues: [
        {
          path: 'prompt',
          message:
            '<<<video_1>>> refers to video 1, but there is no video. <<<element_2>>> refers to element 2, but there is 1 element.',
        },
      ],
    },
  });
  expect(upstream.createCalls()).toHaveLength(before);
});
