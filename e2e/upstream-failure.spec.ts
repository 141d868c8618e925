import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { Behaviour } from './fake-upstream/fake-upstream.mjs';
import { openComposer } from './support/composer';
import { expect, test } from './support/fixtures';

interface Case {
  name: string;
  reply: Behaviour;
  /** What the alert says happened. */
  said: RegExp;
  /** What it says to do next. */
  next: RegExp;
  code: string;
  upstreamStatus: number | null;
}

const CASES: Case[] = [
  {
    name: 'a server error (500)',
    reply: { kind: 'status', status: 500, body: { code: 5000, message: 'internal server error' } },
    said: /The video service failed \(HTTP 500: internal server error\)/,
    next: /Try again in a minute\. The attempt is kept in history\./,
    code: 'upstream_error',
    upstreamStatus: 500,
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
    upstreamStatus: 400,
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
    next: /Wait 17 seconds, then submit again\./,
    code: 'upstream_rate_limited',
    upstreamStatus: 429,
  },
  {
    name: 'no answer before the timeout',
    reply: { kind: 'hang' },
    said: /The video service did not answer within 3 s\. The task may still have started/,
    next: /Open the submission in history before retrying/,
    code: 'upstream_timeout',
    upstreamStatus: null,
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
    await expect(c.failure).toContainText(failure.next);
    await expect(c.success).toHaveCount(0);
    expect(upstream.createCalls()).toHaveLength(1);
    // The request stays in the form, ready to be sent again.
    await expect(c.prompt).toHaveValue(prompt);
    await expect(c.submit).toBeEnabled();

    await c.failure.getByRole('link', { name: 'View this attempt in history' }).click();
    await expect(page.getByRole('heading', { name: 'Submission' })).toBeVisible();
    const error = page.getByRole('alert').filter({ hasText: `Failed: ${failure.code}` });
    await expect(error).toContainText(failure.said);
    if (failure.upstreamStatus === null) {
      await expect(error).not.toContainText('Video service answered HTTP');
    } else {
      await expect(error).toContainText(`Video service answered HTTP ${failure.upstreamStatus}.`);
    }
    await expect(page.getByRole('region', { name: 'Request JSON' })).toContainText(prompt);
    await expect(page.getByText('No response recorded.')).toBeVisible();

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByLabel('Search').fill(prompt);
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = page.getByRole('row').filter({ hasText: prompt });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Failed');

    await page.getByLabel('Status').selectOption('failed');
    await expect(page).toHaveURL(/status=failed/);
    await expect(row).toHaveCount(1);
  });
}

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
