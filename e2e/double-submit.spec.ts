import { randomUUID } from 'node:crypto';
import { openComposer, shownTaskId } from './support/composer';
import { expect, test } from './support/fixtures';

test('a double click on Submit creates one task: one upstream call, one history row', async ({
  page,
  upstream,
  request,
}) => {
  // The upstream takes a while, as a real one does: long enough for a second click to land mid-flight.
  upstream.setDefault({ kind: 'delay', ms: 1_500 });
  const prompt = `A heron takes off from a misty lake ${randomUUID()}`;
  const posts: { done: boolean }[] = [];
  page.on('request', (req) => {
    if (req.method() !== 'POST' || !req.url().endsWith('/api/submissions')) return;
    const entry = { done: false };
    posts.push(entry);
    const settle = () => {
      entry.done = true;
    };
    void req.response().then(settle, settle);
  });

  const c = await openComposer(page);
  await c.prompt.fill(prompt);
  await c.submit.dblclick();

  // While the request is in flight the button says so and cannot be pressed again.
  await expect(c.submit).toBeDisabled();
  await expect(c.submit).toHaveText(/^Submitting…/);
  await expect(page.getByText('Sending to the video service…')).toBeVisible();

  await expect(c.success).toBeVisible();
  const taskId = await shownTaskId(page);
  expect(taskId).toMatch(/^\d{18}$/);
  await expect(c.submit).toBeEnabled();
  await expect(c.submit).toHaveText('Submit');

  // Every request the page sent has been answered: nothing else can reach the upstream now.
  await expect.poll(() => posts.length > 0 && posts.every((post) => post.done)).toBe(true);
  expect(upstream.createCalls()).toHaveLength(1);
  expect(upstream.createCalls()[0]?.body).toMatchObject({ prompt });

  const listed = await request.get(`/api/submissions?q=${encodeURIComponent(prompt)}`);
  expect((await listed.json()).items).toHaveLength(1);

  await page.goto(`/submissions?q=${encodeURIComponent(prompt)}`);
  const rows = page.getByRole('row').filter({ hasText: prompt });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(taskId);
  await expect(rows).toContainText('Submitted');
});
