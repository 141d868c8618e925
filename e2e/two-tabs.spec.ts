import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { composer, openComposer, shownTaskId } from './support/composer';
import { expect, test } from './support/fixtures';

/** The notice a tab shows when its request had already been submitted (from this tab or another). */
const alreadySubmitted = (page: Page) => page.getByRole('status').filter({ hasText: 'Already submitted' });

/** The server's answer to the next submission this tab sends. */
const nextSubmission = (page: Page) =>
  page.waitForResponse(
    (response) => response.request().method() === 'POST' && response.url().endsWith('/api/submissions'),
  );

/** Submits in this tab and returns the server's answer to that POST. */
async function submitIn(page: Page) {
  const answered = nextSubmission(page);
  await composer(page).submit.click();
  return answered;
}

test('two tabs with the same restored draft pay once; "Send again as a new task" pays again on purpose', async ({
  page: tabA,
  upstream,
  request,
}) => {
  // Slow enough upstream for tab B to submit while tab A's request is in flight.
  upstream.setDefault({ kind: 'delay', ms: 1_500 });
  const prompt = `A kite over the dunes at noon ${randomUUID()}`;
  const a = await openComposer(tabA);
  await a.prompt.fill(prompt);
  // The draft is saved shortly after typing stops; tab B restores it from there.
  await expect
    .poll(() => tabA.evaluate(() => localStorage.getItem('omni-video-studio:draft') ?? ''))
    .toContain(prompt);

  const tabB = await tabA.context().newPage();
  await tabB.goto('/');
  const b = composer(tabB);
  await expect(b.prompt).toHaveValue(prompt);
  await expect(b.prompt).toBeEnabled();

  const answerA = submitIn(tabA);
  await expect.poll(() => upstream.createCalls().length).toBe(1);
  await expect(a.submit).toHaveText(/^Submitting…/);
  const answerB = submitIn(tabB);

  expect((await answerA).status()).toBe(201);
  expect((await answerA).headers()['idempotent-replayed']).toBeUndefined();
  expect((await answerB).status()).toBe(201);
  expect((await answerB).headers()['idempotent-replayed']).toBe('true');
  await expect(a.success).toBeVisible();
  const taskId = await shownTaskId(tabA);
  expect(taskId).toMatch(/^\d{18}$/);
  await expect(alreadySubmitted(tabB)).toContainText(
    `Already submitted: this request is task ${taskId}. Nothing was paid twice.`,
  );

  // Tab B tries again once tab A has its answer: still the same task.
  const againB = await submitIn(tabB);
  expect(againB.status()).toBe(201);
  expect(againB.headers()['idempotent-replayed']).toBe('true');
  await expect(alreadySubmitted(tabB)).toContainText(`this request is task ${taskId}.`);
  expect(upstream.createCalls()).toHaveLength(1);
  const once = await request.get(`/api/submissions?q=${encodeURIComponent(prompt)}`);
  expect((await once.json()).items).toMatchObject([{ taskId }]);

  // A creator who really wants a second take of the same prompt says so, here by keyboard.
  const asNew = alreadySubmitted(tabB).getByRole('button', { name: 'Send again as a new task' });
  await asNew.focus();
  const secondTake = nextSubmission(tabB);
  await tabB.keyboard.press('Enter');
  expect((await secondTake).status()).toBe(201);
  expect((await secondTake).headers()['idempotent-replayed']).toBeUndefined();
  await expect(b.success).toBeVisible();
  // The pressed button went away with its notice; the keyboard focus waits on Submit.
  await expect(b.submit).toBeFocused();
  const secondTaskId = await shownTaskId(tabB);
  expect(secondTaskId).toMatch(/^\d{18}$/);
  expect(secondTaskId).not.toBe(taskId);
  await expect(alreadySubmitted(tabB)).toHaveCount(0);

  expect(upstream.createCalls()).toHaveLength(2);
  expect(upstream.createCalls().map((call) => (call.body as { prompt: string }).prompt)).toEqual([
    prompt,
    prompt,
  ]);
  const twice = await request.get(`/api/submissions?q=${encodeURIComponent(prompt)}`);
  const rows: { taskId: string }[] = (await twice.json()).items;
  expect(rows.map((row) => row.taskId).sort()).toEqual([taskId, secondTaskId].sort());
});
