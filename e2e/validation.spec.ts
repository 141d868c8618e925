import { expectInvalid, expectValid, openComposer } from './support/composer';
import { expect, test } from './support/fixtures';

test.describe('live validation in the composer', () => {
  test('a bad value is marked invalid with its message read with the field, and clears once fixed', async ({
    page,
  }) => {
    const c = await openComposer(page);

    await c.prompt.fill('p'.repeat(2501));
    await expectInvalid(c.prompt, 'Prompt is too long: at most 2,500 characters.');
    await c.prompt.fill('p'.repeat(2500));
    await expectValid(c.prompt);

    await c.addImage.click();
    await expect(c.imageUrl).toBeFocused();
    await c.imageUrl.fill('ftp://x');
    await expectInvalid(
      c.imageUrl,
      'Image URL must be a full web address starting with http:// or https://.',
    );
    await c.imageUrl.fill('javascript:alert(1)');
    await expectInvalid(c.imageUrl, /Image URL must be a full web address/);
    await c.imageUrl.fill('https://images.example.com/a.png');
    await expectValid(c.imageUrl);

    await c.cfgScale.fill('2');
    await expectInvalid(c.cfgScale, 'CFG scale must be a number from 0 to 1.');
    await c.cfgScale.fill('0.7');
    await expectValid(c.cfgScale);

    await c.externalTaskId.fill('bad id!');
    await expectInvalid(c.externalTaskId, /External task ID may use only letters, digits and _ \. : -/);
    await c.externalTaskId.fill('good-id_1');
    await expectValid(c.externalTaskId);

    await c.addElement.click();
    await expect(c.elementId).toBeFocused();
    await c.elementId.fill('abc');
    await expectInvalid(c.elementId, 'Element ID must be a whole number.');
    await c.elementId.fill('0');
    await expectInvalid(c.elementId, 'Element ID must be greater than 0.');
    await c.elementId.fill('42');
    await expectValid(c.elementId);

    await c.callbackUrl.fill('file:///etc/passwd');
    await expectInvalid(c.callbackUrl, /Callback URL must be a full web address/);
    await c.callbackUrl.fill('');
    await expectValid(c.callbackUrl);

    // Fixed values leave nothing marked.
    await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  });

  test('duration choices follow the inputs: 3 s needs a first frame, and losing it flags the duration', async ({
    page,
  }) => {
    const c = await openComposer(page);
    await c.prompt.fill('A kite over the dunes');
    const hint = /5 or 10 seconds\. Add a first frame or a reference video for 3 to 10\./;

    // Every duration is offered, whatever the inputs; the hint says which ones they allow.
    await expect(c.duration.getByRole('option')).toHaveCount(8);
    await expect(c.duration).toHaveAccessibleDescription(hint);

    // Text-to-video: 3 s is flagged as soon as it is chosen, with what to do.
    await c.duration.selectOption('3');
    await expectInvalid(c.duration, /Duration 3 s needs a first or end frame image or a reference video/);

    // A plain reference image (basic image-to-video) does not unlock it.
    await c.addImage.click();
    await c.imageUrl.fill('https://images.example.com/kite.png');
    await expectInvalid(c.duration, /Duration 3 s needs a first or end frame image or a reference video/);

    await c.frameRole.selectOption({ label: 'First frame' });
    await expectValid(c.duration);
    await expect(c.duration).toHaveAccessibleDescription(
      /3 to 10 seconds with frames or a reference video\./,
    );

    await c.remove.click();
    await expect(c.imageUrl).toHaveCount(0);
    // The choice stays visible, flagged, rather than silently changed.
    await expect(c.duration).toHaveValue('3');
    await expectInvalid(c.duration, /Duration 3 s needs a first or end frame image or a reference video/);

    await c.duration.selectOption('5');
    await expectValid(c.duration);
    await expect(c.duration).toHaveAccessibleDescription(hint);
  });

  test('an end frame without a first frame is flagged on its Frame role', async ({ page }) => {
    const c = await openComposer(page);
    await c.prompt.fill('A door swings open');
    await c.addImage.click();
    await c.imageUrl.fill('https://images.example.com/end.png');
    await c.frameRole.selectOption('end_frame');
    await expectInvalid(
      c.frameRole,
      'An end frame needs a first frame: set another image as the first frame.',
    );

    await c.addImage.click();
    await c.imageUrl.nth(1).fill('https://images.example.com/start.png');
    await c.frameRole.nth(1).selectOption('first_frame');
    await expectValid(c.frameRole.first());
    await expectValid(c.frameRole.nth(1));
  });

  test('a reference video shows the cost notice, which goes away with the video', async ({ page }) => {
    const c = await openComposer(page);
    const costNotice = page.getByRole('status').filter({ hasText: 'A reference video raises the cost' });
    await expect(costNotice).toHaveCount(0);

    await c.addVideo.click();
    await expect(costNotice).toBeVisible();
    await expect(c.videoUrl).toBeFocused();
    await c.videoUrl.fill('data:video/mp4;base64,AAAA');
    await expectInvalid(c.videoUrl, /Video URL must be a full web address/);
    await c.videoUrl.fill('https://videos.example.com/ref.mp4');
    await expectValid(c.videoUrl);
    // A video alone is an input, and it unlocks 3 to 10 seconds.
    await expect(c.duration.getByRole('option', { name: '3 seconds' })).toHaveCount(1);

    await c.remove.click();
    await expect(costNotice).toHaveCount(0);
  });
});

test.describe('submitting an invalid form', () => {
  test('an empty form sends nothing and puts the focus on the prompt with its message', async ({
    page,
    upstream,
  }) => {
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/api/submissions'))
        posts.push(request.url());
    });
    const c = await openComposer(page);

    await c.submit.click();
    await expect(c.prompt).toBeFocused();
    await expectInvalid(c.prompt, 'Add a prompt, or at least one image, video or element.');
    await expect(c.success).toHaveCount(0);
    expect(posts).toEqual([]);
    expect(upstream.createCalls()).toEqual([]);
  });

  test('an invalid field stops the submission and gets the focus', async ({ page, upstream }) => {
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/api/submissions'))
        posts.push(request.url());
    });
    const c = await openComposer(page);
    await c.prompt.fill('A lighthouse at night');
    await c.externalTaskId.fill('bad id!');
    await c.prompt.focus();

    await c.submit.click();
    await expect(c.externalTaskId).toBeFocused();
    await expectInvalid(c.externalTaskId, /External task ID may use only/);
    expect(posts).toEqual([]);
    expect(upstream.createCalls()).toEqual([]);
  });

  test('with several invalid fields, the first one on the page gets the focus', async ({
    page,
    upstream,
  }) => {
    const c = await openComposer(page);
    await c.prompt.fill('A lighthouse at night');
    await c.cfgScale.fill('2');
    await c.addImage.click();
    await c.imageUrl.fill('javascript:alert(1)');
    await c.prompt.focus();

    await c.submit.click();
    await expectInvalid(c.imageUrl, /Image URL must be a full web address/);
    await expectInvalid(c.cfgScale, 'CFG scale must be a number from 0 to 1.');
    expect(upstream.createCalls()).toEqual([]);
    // The focus moves together with the errors appearing; Image URL comes before CFG scale on the page.
    await expect(c.imageUrl).toBeFocused({ timeout: 2_000 });
  });
});
