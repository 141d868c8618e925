import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Behaviour } from './fake-upstream/fake-upstream.mjs';
import { openComposer } from './support/composer';
import { expect, test } from './support/fixtures';
import { openRawJson, queriesOf, statusBadge } from './support/tasks';

interface Case {
  name: string;
  reply: Behaviour;
  /** What the alert says happened. */
  said: RegExp;
  /** What it says to do next; null when Submit counts down instead (a rate limit's Retry-After). */
  next: RegExp | null;
  code: string;
  /** The detail page's heading for it, in words. */
  heading: string;
  upstreamStatus: number | null;
  /** Uncertain: the upstream may have the task, so the submission is looked up ("Unknown, checking"). */
  checking: boolean;
}

const MAY_HAVE_STARTED = /Open the submission in history before retrying: the task may have started anyway/;

const CASES: Case[] = [
  {
    name: 'a server error (500)',
    reply: { kind: 'status', status: 500, body: { code: 5000, message: 'internal server error' } },
    said: /The video service failed \(HTTP 500: internal server error\)\. The task may still have started/,
    next: MAY_HAVE_STARTED,
    code: 'upstream_error',
    heading: 'Unknown, checking: the video service failed to answer properly',
    upstreamStatus: 500,
    checking: true,
  },
  {
    name: 'a rejection with a message (400)',
    reply: {
      kind: 'status',
      status: 400,
      body: { code: 1201, message: 'prompt contains unsupported content' },
    },
    said: /The video service rejected the request: prompt contains unsupported content/,
    next: /Change the request as the message says, then submit again\./,
    code: 'upstream_rejected',
    heading: 'The video service refused the request',
    upstreamStatus: 400,
    checking: false,
  },
  {
    name: 'a rate limit with Retry-After (429)',
    reply: {
      kind: 'status',
      status: 429,
      body: { code: 1303, message: 'parallel task over resource pack limit' },
      headers: { 'Retry-After': '17' },
    },
    said: /The video service is busy \(rate limit: parallel task over resource pack limit\)\. Try again in 17 s\./,
    next: null,
    code: 'upstream_rate_limited',
    heading: 'The video service was too busy to take the request',
    upstreamStatus: 429,
    checking: false,
  },
  {
    name: 'no answer before the timeout',
    reply: { kind: 'hang' },
    said: /The video service did not answer within 3 s\. The task may still have started/,
    next: MAY_HAVE_STARTED,
    code: 'upstream_timeout',
    heading: 'Unknown, checking: the video service did not answer in time',
    upstreamStatus: null,
    checking: true,
  },
];

async function submitAndFail(page: Page, prompt: string) {
  const c = await openComposer(page);
  await c.prompt.fill(prompt);
  await c.submit.click();
  await expect(c.failure).toBeVisible();
  return c;
}

for (const failure of CASES) {
  test(`${failure.name}: the alert says what happened and what to do, and history keeps the attempt`, async ({
    page,
    upstream,
  }) => {
    upstream.nextReply(failure.reply);
    const prompt = `A glass city at dusk ${randomUUID()}`;
    const c = await submitAndFail(page, prompt);

    await expect(c.failure).toContainText(failure.said);
    await expect(c.success).toHaveCount(0);
    expect(upstream.createCalls()).toHaveLength(1);
    // The request stays in the form, ready to be sent again.
    await expect(c.prompt).toHaveValue(prompt);
    if (failure.next) {
      await expect(c.failure).toContainText(failure.next);
      await expect(c.submit).toBeEnabled();
    } else {
      // One message: the wait is counted down on Submit, which is disabled until then.
      await expect(c.failure).not.toContainText(/submit again|wait/i);
      await expect(c.submit).toBeDisabled();
      await expect(c.submit).toHaveText(/^Submit in 1[0-7] s$/);
    }

    await c.failure.getByRole('link', { name: 'View this attempt in history' }).click();
    await expect(page.getByRole('heading', { name: 'Submission' })).toBeVisible();
    // An uncertain failure is shown as being checked (until its look-up, the timeout plus 10 s after
    // the create call), with what the upstream answered; a refusal as failed. Each is said in words,
    // with its code in small print.
    const error = page.getByRole(failure.checking ? 'status' : 'alert').filter({ hasText: failure.heading });
    await expect(error).toContainText(failure.said);
    await expect(error).toContainText(`Code ${failure.code}`);
    if (failure.upstreamStatus === null) {
      await expect(error).not.toContainText('Video service answered HTTP');
    } else {
      await expect(error).toContainText(`Video service answered HTTP ${failure.upstreamStatus}.`);
    }
    await openRawJson(page);
    await expect(page.getByRole('region', { name: 'Request JSON' })).toContainText(prompt);
    await expect(page.getByText('No response recorded.')).toBeVisible();

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByLabel('Search').fill(prompt);
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = page.getByRole('row').filter({ hasText: prompt });
    await expect(row).toHaveCount(1);
    // The look-up may have found by now that the task was never created.
    await expect(row).toContainText(failure.checking ? /Unknown, checking|Failed/ : 'Failed');

    await page
      .getByRole('navigation', { name: 'Status' })
      .getByRole('link', { name: /^Failed/ })
      .click();
    await expect(page).toHaveURL(/status=failed/);
    await expect(row).toHaveCount(1);
  });
}

test('an uncertain failure (a 502 HTML page) is looked up, and the page shows the task the upstream did create', async ({
  page,
  upstream,
}) => {
  // Looked up the upstream timeout (3 s) plus 10 s after the create call.
  test.slow();
  upstream.nextReply({
    kind: 'raw',
    status: 502,
    contentType: 'text/html',
    text: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
  });
  const externalTaskId = `e2e-uncertain-${randomUUID()}`;
  const c = await openComposer(page);
  await c.prompt.fill(`A paper boat on a canal ${randomUUID()}`);
  await c.externalTaskId.fill(externalTaskId);
  await c.submit.click();
  await expect(c.failure).toContainText('The video service failed (HTTP 502)');
  await expect(c.failure).toContainText(MAY_HAVE_STARTED);
  await expect(c.failure).not.toContainText(/try again/i);

  // The upstream did create the task.
  const taskId = `8${Date.now()}${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
  upstream.setTask(taskId, { status: 'processing', externalTaskId });

  await c.failure.getByRole('link', { name: 'View this attempt in history' }).click();
  const badge = statusBadge(page);
  await expect(badge).toHaveText(/^(Unknown, checking|Processing)$/);
  await expect(badge).toHaveText('Processing', { timeout: 30_000 });
  await expect(page.getByRole('definition').filter({ hasText: taskId })).toBeVisible();
  expect(queriesOf(upstream, externalTaskId).length).toBeGreaterThan(0);
  expect(upstream.createCalls()).toHaveLength(1);
});

test('a failed attempt can be sent again once the upstream recovers', async ({ page, upstream }) => {
  upstream.nextReply({ kind: 'status', status: 503 });
  const prompt = `A windmill in a storm ${randomUUID()}`;
  const c = await submitAndFail(page, prompt);
  await expect(c.failure).toContainText('HTTP 503');

  await c.submit.click();
  await expect(c.success).toBeVisible();
  await expect(c.failure).toHaveCount(0);
  expect(upstream.createCalls()).toHaveLength(2);
  // The retry is a new task with its own external task ID, not a replay of the failed one.
  const [first, second] = upstream
    .createCalls()
    .map((call) => (call.body as { external_task_id: string }).external_task_id);
  expect(second).not.toBe(first);
});
