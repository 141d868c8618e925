import { randomUUID } from 'node:crypto';
import type { Submission } from '../lib/contract/submission';
import { startFakeUpstream } from './fake-upstream/fake-upstream.mjs';
import { newDataDir } from './support/app-process';
import { expect, TEST_API_KEY, test } from './support/fixtures';
import { detailUrl, getSubmission, queriesOf, statusBadge } from './support/tasks';

/** Short, so a submission left pending is looked up soon: KLING_API_TIMEOUT_MS + 10 s after it was stored. */
const TIMEOUT_MS = 2_000;

test('a submission left pending by a crash is shown "Unknown, checking", looked up by its external task ID, and never sent twice', async ({
  page,
  request,
  launchApp,
}) => {
  // Starts an app, kills it, starts it again and waits for the look-up time: more than the default.
  test.slow();
  // A fake of its own: no other app's status queries take the replies queued here.
  const fake = await startFakeUpstream({ apiKey: TEST_API_KEY });
  try {
    const env = {
      KLING_API_BASE_URL: fake.url,
      KLING_API_KEY: TEST_API_KEY,
      KLING_API_TIMEOUT_MS: String(TIMEOUT_MS),
      KLING_POLL_INTERVAL_MS: '300',
    };
    const dataDir = newDataDir();
    const first = await launchApp({ env, dataDir });

    // Two create calls the upstream never answers: one task it did create, one it never did.
    const created = {
      prompt: `A bridge at night ${randomUUID()}`,
      externalTaskId: `e2e-crash-a-${randomUUID()}`,
    };
    const lost = { prompt: `A pier at dawn ${randomUUID()}`, externalTaskId: `e2e-crash-b-${randomUUID()}` };
    fake.nextReply({ kind: 'hang' });
    fake.nextReply({ kind: 'hang' });
    const inFlight = [created, lost].map((s) =>
      request
        .post(`${first.url}/api/submissions`, {
          data: { model: 'kling-v1', prompt: s.prompt, external_task_id: s.externalTaskId },
          timeout: 30_000,
        })
        .then(
          (response) => `answered ${response.status()}`,
          () => 'cut off',
        ),
    );
    // Both are stored and their create calls are in flight: crash now, well before the calls time out.
    await expect.poll(() => fake.createCalls().length, { intervals: [50] }).toBe(2);
    await first.stop('SIGKILL');
    expect(await Promise.all(inFlight)).toEqual(['cut off', 'cut off']);
    const createCallsBefore = fake.createCalls().map((call) => call.body);
    expect(createCallsBefore).toHaveLength(2);

    // Until the restarted app gets an answer, every look-up fails (the upstream is unwell).
    for (let i = 0; i < 50; i++) {
      fake.nextQueryReply({ kind: 'status', status: 503, body: { code: 5000, message: 'service busy' } });
    }
    const second = await launchApp({ env, dataDir });
    const restartedAt = Date.now();

    const list = await request.get(`${second.url}/api/submissions?limit=10`);
    const items = (await list.json()).items as Submission[];
    const byExternalId = (id: string) => {
      const found = items.find((item) => item.externalTaskId === id);
      if (!found) throw new Error(`no submission with external task ID ${id}`);
      return found;
    };
    const a = byExternalId(created.externalTaskId);
    const b = byExternalId(lost.externalTaskId);
    // Neither is failed: they are pending, their outcome unknown.
    expect(a).toMatchObject({ status: 'pending', taskId: null, error: null });
    expect(b).toMatchObject({ status: 'pending', taskId: null, error: null });

    await page.goto(detailUrl(second, a.id));
    const badge = statusBadge(page);
    await expect(badge).toHaveText(/^(Pending|Unknown, checking)$/);
    await expect(badge).toHaveText('Unknown, checking', { timeout: 20_000 });
    await expect(
      page.getByRole('status').filter({ hasText: 'looked up by its external task ID' }),
    ).toBeVisible();
    // Looked up by the external task ID (there is no task ID), and the failed look-ups fail nothing.
    await expect
      .poll(() => queriesOf(fake, created.externalTaskId).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => queriesOf(fake, lost.externalTaskId).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect((await getSubmission(request, second, a.id)).status).toBe('pending');
    expect(await getSubmission(request, second, b.id)).toMatchObject({
      status: 'pending',
      statusMessage: expect.stringContaining('Unknown, checking'),
    });
    await expect(badge).toHaveText('Unknown, checking');

    await page.goto(`${second.url}/submissions`);
    await expect(page.getByRole('row').filter({ hasText: created.prompt })).toContainText(
      'Unknown, checking',
    );
    await expect(page.getByRole('row').filter({ hasText: lost.prompt })).toContainText('Unknown, checking');
    expect(fake.createCalls()).toHaveLength(2);

    // The upstream recovers. (a) It knows the first task by its external task ID; (b) not the second.
    const taskId = `8${Date.now()}${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
    fake.setTask(taskId, { status: 'submitted', externalTaskId: created.externalTaskId });
    fake.clearQueryReplies();

    await page.goto(detailUrl(second, a.id));
    await expect(badge).toHaveText('Submitted', { timeout: 20_000 });
    await expect(page.getByRole('definition').filter({ hasText: taskId })).toBeVisible();
    expect(await getSubmission(request, second, a.id)).toMatchObject({
      status: 'submitted',
      taskId,
      error: null,
    });

    await page.goto(detailUrl(second, b.id));
    await expect(statusBadge(page)).toHaveText('Failed', { timeout: 20_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Failed' })).toContainText('never created');
    const failed = await getSubmission(request, second, b.id);
    expect(failed).toMatchObject({ status: 'failed', taskId: null });
    expect(failed.error?.message).toContain('never created');

    // Never sent twice: no create call since the crash, from either app.
    expect(fake.createCalls().map((call) => call.body)).toEqual(createCallsBefore);
    expect(fake.createCalls().filter((call) => call.receivedAt >= restartedAt)).toEqual([]);
  } finally {
    await fake.close();
  }
});
