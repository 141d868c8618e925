import { randomUUID } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect, test } from './support/fixtures';

// Every way an API client can send one request twice, against the built app: one paid task each time.

test.beforeEach(({ upstream }) => {
  upstream.reset();
});

const newRequest = (what: string) => ({ model: 'kling-v1', prompt: `${what} ${randomUUID()}` });

/** The history rows whose prompt, task ID or external task ID contains `q`. */
async function historyRows(request: APIRequestContext, q: string): Promise<Record<string, unknown>[]> {
  const response = await request.get(`/api/submissions?q=${encodeURIComponent(q)}`);
  expect(response.status()).toBe(200);
  return (await response.json()).items;
}

async function expectError(response: APIResponse, status: number, code: string): Promise<void> {
  expect(response.status()).toBe(status);
  expect((await response.json()).error).toMatchObject({ code, message: expect.any(String) });
}

test('a retry after a client timeout, while the first request is still in flight, gets the first task', async ({
  request,
  upstream,
}) => {
  upstream.setDefault({ kind: 'delay', ms: 2_000 });
  const key = randomUUID();
  const data = newRequest('A paper boat on a rainy street');

  // The client gives up on its first POST long before the upstream answers...
  const abandoned = await request
    .post('/api/submissions', { headers: { 'idempotency-key': key }, data, timeout: 300 })
    .then(
      () => 'answered',
      (error: Error) => error.message,
    );
  expect(abandoned).toMatch(/timeout|timed out/i);
  // ...while the server goes on with it: the upstream has the call, the row is pending.
  await expect.poll(() => upstream.createCalls().length).toBe(1);
  expect(await historyRows(request, data.prompt)).toMatchObject([{ status: 'pending' }]);

  const retry = await request.post('/api/submissions', { headers: { 'idempotency-key': key }, data });
  expect(retry.status()).toBe(201);
  expect(retry.headers()['idempotent-replayed']).toBe('true');
  const submission = await retry.json();
  expect(submission).toMatchObject({ status: 'submitted', taskId: expect.stringMatching(/^\d{18}$/) });

  expect(upstream.createCalls()).toHaveLength(1);
  expect(upstream.taskIds()).toEqual([submission.taskId]);
  const rows = await historyRows(request, data.prompt);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ id: submission.id, taskId: submission.taskId });
});

test('a reused Idempotency-Key replays the success for the same body and refuses another body', async ({
  request,
  upstream,
}) => {
  const key = randomUUID();
  const data = newRequest('A lighthouse keeper climbs the stairs');
  const first = await request.post('/api/submissions', { headers: { 'idempotency-key': key }, data });
  expect(first.status()).toBe(201);
  expect(first.headers()['idempotent-replayed']).toBeUndefined();
  const created = await first.json();

  const again = await request.post('/api/submissions', { headers: { 'idempotency-key': key }, data });
  expect(again.status()).toBe(201);
  expect(again.headers()['idempotent-replayed']).toBe('true');
  expect(await again.json()).toStrictEqual(created);

  const changed = { ...data, prompt: `${data.prompt}, in fog` };
  const other = await request.post('/api/submissions', {
    headers: { 'idempotency-key': key },
    data: changed,
  });
  await expectError(other, 409, 'idempotency_conflict');

  expect(upstream.createCalls()).toHaveLength(1);
  expect(await historyRows(request, data.prompt)).toHaveLength(1);
});

test('a reused external task ID is refused under another key or none, and nothing is forwarded', async ({
  request,
  upstream,
}) => {
  const external_task_id = `campaign-${randomUUID()}`;
  const data = { ...newRequest('A fox crosses a frozen river'), external_task_id };
  const first = await request.post('/api/submissions', {
    headers: { 'idempotency-key': randomUUID() },
    data,
  });
  expect(first.status()).toBe(201);

  const anotherKeyOrNone: Record<string, string>[] = [{ 'idempotency-key': randomUUID() }, {}];
  for (const headers of anotherKeyOrNone) {
    await expectError(
      await request.post('/api/submissions', { headers, data }),
      409,
      'duplicate_external_task_id',
    );
    const changed = { ...data, prompt: `${data.prompt}, at dawn` };
    await expectError(
      await request.post('/api/submissions', { headers, data: changed }),
      409,
      'duplicate_external_task_id',
    );
  }

  expect(upstream.createCalls()).toHaveLength(1);
  expect(await historyRows(request, external_task_id)).toHaveLength(1);
});
