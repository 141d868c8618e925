import { randomUUID } from 'node:crypto';
import type { Submission } from '../lib/contract/submission';
import type { FakeUpstream } from './fake-upstream/fake-upstream.mjs';
import { accountsOf, authHeaders } from './support/accounts';
import type { AppProcess } from './support/app-process';
import { expect, test } from './support/fixtures';
import { detailUrl } from './support/tasks';

// Reviewers decide on the exact request that made each video; everyone who can see it can discuss it.

/** A creator's submission on the quick-following app, finished (succeeded) at the fake upstream. */
async function finishedSubmission(app: AppProcess, upstream: FakeUpstream) {
  const prompt = `A fox in the snow ${randomUUID()}`;
  const response = await fetch(`${app.url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(app, 'creator') },
    body: JSON.stringify({ model: 'kling-v1', prompt }),
  });
  expect(response.status).toBe(201);
  const submission = (await response.json()) as Submission;
  upstream.setTask(submission.taskId as string, {
    status: 'succeeded',
    videoUrl: `${app.url}/demo/sample-video.webm`,
  });
  await expect
    .poll(async () => {
      const answer = await fetch(`${app.url}/api/submissions/${submission.id}`, {
        headers: authHeaders(app),
      });
      return ((await answer.json()) as Submission).status;
    })
    .toBe('succeeded');
  return { ...submission, prompt };
}

test.describe('as a reviewer', () => {
  test.use({ persona: 'reviewer' });

  test('a reviewer finds a finished submission under To review, approves it with a comment, then changes the decision', async ({
    page,
    liveApp,
    upstream,
  }) => {
    const submission = await finishedSubmission(liveApp, upstream);
    await page.goto(`${liveApp.url}/review`);
    await expect(page.getByRole('heading', { name: 'To review' })).toBeVisible();
    const item = page
      .getByRole('list', { name: 'Submissions to review' })
      .getByRole('link', { name: submission.prompt });
    await item.click();
    await expect(page).toHaveURL(detailUrl(liveApp, submission.id));

    await page.getByLabel('Review comment (optional)').fill('Lovely light; keep it.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Recorded: Approved.' })).toBeVisible();
    const decisions = page.getByRole('list', { name: 'Review decisions, newest first' });
    await expect(decisions.getByRole('listitem')).toHaveCount(1);
    await expect(decisions).toContainText('Approved by Rita Reviewer');
    await expect(decisions).toContainText('Lovely light; keep it.');

    await page.getByRole('button', { name: 'Request changes' }).click();
    await expect(decisions.getByRole('listitem')).toHaveCount(2);
    await expect(decisions.getByRole('listitem').first()).toContainText('Changes requested by Rita Reviewer');

    // Reviewed: it leaves the To review list.
    await page.goto(`${liveApp.url}/review`);
    await expect(page.getByRole('link', { name: submission.prompt })).toHaveCount(0);
    // The history says who made it and the latest decision.
    await page.goto(`${liveApp.url}/submissions?q=${encodeURIComponent(submission.prompt)}`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: submission.prompt }) });
    await expect(row).toContainText('Changes requested by Rita Reviewer');
    await expect(row).toContainText('by Cleo Creator');

    const api = await fetch(`${liveApp.url}/api/submissions/${submission.id}`, {
      headers: authHeaders(liveApp, 'creator'),
    });
    expect((await api.json()).review).toMatchObject({
      decision: 'changes_requested',
      reviewer: { name: 'Rita Reviewer' },
      comment: null,
    });
  });

  test('a reviewer cannot review their own submission, nor an unfinished one', async ({ page, quietApp }) => {
    const own = await fetch(`${quietApp.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(quietApp, 'reviewer') },
      body: JSON.stringify({ model: 'kling-v1', prompt: `My own take ${randomUUID()}` }),
    });
    const mine = (await own.json()) as Submission;
    await page.goto(detailUrl(quietApp, mine.id));
    await expect(page.getByText('You made this submission: another reviewer decides on it.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    const refused = await fetch(`${quietApp.url}/api/submissions/${mine.id}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(quietApp, 'reviewer') },
      body: JSON.stringify({ decision: 'approved' }),
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('own_submission');

    const theirs = await fetch(`${quietApp.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(quietApp, 'creator') },
      body: JSON.stringify({ model: 'kling-v1', prompt: `Still running ${randomUUID()}` }),
    });
    const running = (await theirs.json()) as Submission;
    await page.goto(detailUrl(quietApp, running.id));
    await expect(page.getByText('It can be reviewed once the task has succeeded or failed.')).toBeVisible();
    const early = await fetch(`${quietApp.url}/api/submissions/${running.id}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(quietApp, 'reviewer') },
      body: JSON.stringify({ decision: 'rejected' }),
    });
    expect(early.status).toBe(409);
    expect((await early.json()).error.code).toBe('not_finished');
  });
});

test('the creator and a reviewer discuss a submission in its comments, shown as plain text; another creator cannot see it', async ({
  page,
  quietApp,
}) => {
  const created = await fetch(`${quietApp.url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(quietApp, 'creator') },
    body: JSON.stringify({ model: 'kling-v1', prompt: `A kettle on the stove ${randomUUID()}` }),
  });
  const submission = (await created.json()) as Submission;
  await page.goto(detailUrl(quietApp, submission.id));
  const comment = page.getByLabel('Comment', { exact: true });
  await page.getByRole('button', { name: 'Post comment' }).click();
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Write something before posting.')).toBeVisible();
  await comment.fill('<b>Is the steam too thick?</b>');
  await page.getByRole('button', { name: 'Post comment' }).click();
  const thread = page.getByRole('list', { name: 'Comments, oldest first' });
  await expect(thread).toContainText('<b>Is the steam too thick?</b>');
  await expect(thread.locator('b')).toHaveCount(0);

  const reply = await fetch(`${quietApp.url}/api/submissions/${submission.id}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(quietApp, 'reviewer') },
    body: JSON.stringify({ body: 'A little. Try a negative prompt.' }),
  });
  expect(reply.status).toBe(201);
  expect(await reply.json()).toMatchObject({
    author: { name: 'Rita Reviewer' },
    body: 'A little. Try a negative prompt.',
  });
  await page.reload();
  await expect(thread.getByRole('listitem')).toHaveCount(2);
  await expect(thread.getByRole('listitem').last()).toContainText('Rita Reviewer');

  const other = accountsOf(quietApp).otherCreator;
  for (const path of ['', '/comments', '/reviews']) {
    const hidden = await fetch(`${quietApp.url}/api/submissions/${submission.id}${path}`, {
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(hidden.status, path).toBe(404);
  }
  const theirList = await fetch(`${quietApp.url}/api/submissions?limit=100`, {
    headers: { authorization: `Bearer ${other.token}` },
  });
  expect(((await theirList.json()).items as Submission[]).map((s) => s.id)).not.toContain(submission.id);
});
