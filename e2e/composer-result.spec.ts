import { randomUUID } from 'node:crypto';
import { openComposer, shownTaskId } from './support/composer';
import { expect, test } from './support/fixtures';
import { videoPlayer } from './support/tasks';
import { DESKTOP, PHONE } from './support/viewports';

for (const size of [PHONE, DESKTOP]) {
  test.describe(`the result in place on a ${size.name}`, () => {
    test.use({ viewport: size.viewport });

    test('Ctrl+Enter from a field submits; the result is brought into view and follows the task to the video', async ({
      page,
      liveApp,
      upstream,
    }) => {
      const c = await openComposer(page, `${liveApp.url}/`);
      await c.prompt.fill(`A lantern floats over a lake ${randomUUID()}`);
      await c.prompt.press('Control+Enter');

      await expect(c.success).toBeInViewport();
      await expect(c.success).toContainText('Submitted');
      await expect(c.success).toContainText('Queued at the video service.');
      const taskId = await shownTaskId(page);
      expect(taskId).toMatch(/^\d{18}$/);
      expect(upstream.createCalls()).toHaveLength(1);
      // The result stays linked to its page, and on a phone the sticky bar says how it stands.
      await expect(c.success.getByRole('link', { name: 'View submission' })).toBeVisible();
      const barStatus = page.getByText(`Task ${taskId}: Submitted.`);
      if (size === PHONE) await expect(barStatus).toBeVisible();
      else await expect(barStatus).toBeHidden();

      upstream.setTask(taskId, { status: 'processing' });
      await expect(c.success).toContainText('Processing');
      await expect(c.success).toContainText('The video service is making the video.');

      const url = `${liveApp.url}/demo/sample-video.webm`;
      upstream.setTask(taskId, { status: 'succeeded', videoUrl: url, duration: 5 });
      await expect(c.success).toContainText('Succeeded');
      const video = videoPlayer(page);
      await expect(video).toHaveAttribute('src', url);
      // It plays in place, muted, without a click.
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.muted && !v.paused)).toBe(true);
      await expect(c.success.getByRole('link', { name: 'View submission' })).toBeVisible();
      if (size === PHONE) {
        await expect(page.getByText(`Task ${taskId}: Succeeded.`)).toBeVisible();
        await expect(page.getByRole('link', { name: 'Show result' })).toBeVisible();
      }
    });

    test('a task that starts and then fails says so, with the reason in plain words', async ({
      page,
      liveApp,
      upstream,
    }) => {
      const c = await openComposer(page, `${liveApp.url}/`);
      await c.prompt.fill(`A fox in the snow ${randomUUID()}`);
      await c.submit.click();
      await expect(c.success).toContainText('Submitted');
      const taskId = await shownTaskId(page);

      upstream.setTask(taskId, {
        status: 'failed',
        message: 'Failure to pass the risk control system',
      });
      await expect(c.success).toContainText('Failed');
      await expect(c.success).toContainText('The video service could not make this video:');
      await expect(c.success).toContainText('Failure to pass the risk control system');
      await expect(c.success).not.toContainText('Submitted');
      await expect(c.success.getByRole('link', { name: 'View submission' })).toBeVisible();
    });

    test('Ctrl+Enter or Cmd+Enter in any control submits once, even from a list or a select', async ({
      page,
      upstream,
    }) => {
      const c = await openComposer(page);
      await c.prompt.fill(`A heron at dawn ${randomUUID()}`);
      await c.mode.selectOption('pro');
      await c.mode.press('Meta+Enter');
      await expect(c.success).toBeInViewport();
      expect(upstream.createCalls()).toHaveLength(1);
      expect(upstream.createCalls()[0]?.body).toMatchObject({ mode: 'pro' });

      await c.prompt.fill(`A heron at dusk ${randomUUID()}`);
      await c.addElement.click();
      await c.elementId.fill('77');
      await c.elementId.press('Control+Enter');
      await expect.poll(() => upstream.createCalls().length).toBe(2);
      expect(upstream.createCalls()[1]?.body).toMatchObject({ element_list: [{ element_id: 77 }] });
    });
  });
}
