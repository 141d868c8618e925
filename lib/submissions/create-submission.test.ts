import { beforeAll, expect, it, vi } from 'vitest';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { AppError } from '@/lib/errors/app-error';
import { createHttpClient } from '@/lib/kling/http-client';
import type { Submission } from './submission';
import { SubmissionFailedError } from './submission-failed-error';
import { createSubmissionService, type SubmissionService } from './submission-service';

const API_KEY = 'sk-test-create-submission';

const fake = setupFakeUpstream({ apiKey: API_KEY });

/** The error a call ends in; fails the test when it succeeded. */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describeEachDatabase('createSubmission', (database) => {
  let service: SubmissionService;
  let sequence = 0;
  /** A fresh ID for this test, carrying the suite's token. */
  const unique = (what: string) => `${database.token}-${what}-${++sequence}`;
  const requestWith = (extra: Partial<SubmissionRequest> = {}): SubmissionRequest => ({
    model: 'kling-v1',
    prompt: `${database.token} a hummingbird in slow motion`,
    duration: '5',
    ...extra,
  });

  function serviceWithTimeout(timeoutMs: number): SubmissionService {
    const upstream = createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs });
    return createSubmissionService({
      db: database.db,
      upstream,
      upstreamTimeoutMs: timeoutMs,
      pollIntervalMs: 60_000,
      callbackToken: null,
      publicUrl: null,
    });
  }

  beforeAll(() => {
    service = serviceWithTimeout(2_000);
  });

  it('stores the submission as pending before the upstream call, then as submitted with the task ID', async () => {
    const externalTaskId = unique('pending');
    // The upstream holds its answer long enough for the test to look at the stored row meanwhile.
    fake.nextReply({ kind: 'delay', ms: 1_000 });
    const creating = service.create({
      request: requestWith({ external_task_id: externalTaskId }),
      idempotencyKey: null,
    });

    await vi.waitFor(() => expect(fake.createCalls()).toHaveLength(1), { timeout: 5_000, interval: 10 });
    const during = (await service.list({ limit: 5, q: externalTaskId }, 'everyone')).items;
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject({
      status: 'pending',
      taskId: null,
      response: null,
      error: null,
      externalTaskId,
    });

    const created = await creating;
    expect(created).toMatchObject({ id: during[0]?.id, status: 'submitted', externalTaskId, error: null });
    expect(created.taskId).toMatch(/^\d{18}$/);
    expect(created.response).toMatchObject({ id: created.taskId, task_id: created.taskId, object: 'video' });
    await expect(service.get(created.id, 'everyone')).resolves.toStrictEqual(created);
  });

  it('generates an external task ID when absent, forwards it, and stores exactly the body it sent', async () => {
    const request = requestWith({ negative_prompt: 'blur', cfg_scale: 0.4 });
    const created = await service.create({ request, idempotencyKey: null });

    expect(created.externalTaskId).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/);
    const forwarded = fake.createCalls().map((call) => call.body);
    expect(forwarded).toStrictEqual([{ ...request, external_task_id: created.externalTaskId }]);
    expect(created.request).toStrictEqual(forwarded[0]);
    expect(created.model).toBe('kling-v1');
    expect(created.createdAt).toBe(new Date(created.createdAt).toISOString());
  });

  it('gives every submission its own generated external task ID', async () => {
    const first = await service.create({ request: requestWith(), idempotencyKey: null });
    const second = await service.create({ request: requestWith(), idempotencyKey: null });
    expect(first.externalTaskId).not.toBe(second.externalTaskId);
    expect(first.id).not.toBe(second.id);
  });

  it('keeps a given external task ID', async () => {
    const externalTaskId = unique('given');
    const created = await service.create({
      request: requestWith({ external_task_id: externalTaskId }),
      idempotencyKey: null,
    });
    expect(created.externalTaskId).toBe(externalTaskId);
    expect(fake.createCalls()[0]?.body).toMatchObject({ external_task_id: externalTaskId });
  });

  it('refuses a reused external task ID with duplicate_external_task_id, forwarding nothing', async () => {
    const externalTaskId = unique('dup');
    await service.create({
      request: requestWith({ external_task_id: externalTaskId }),
      idempotencyKey: null,
    });
    fake.reset();

    const error = await rejection(
      service.create({
        request: requestWith({
          external_task_id: externalTaskId,
          prompt: `${database.token} something else`,
        }),
        idempotencyKey: unique('key'),
      }),
    );
    expect(error.code).toBe('duplicate_external_task_id');
    expect(error.status).toBe(409);
    expect(error.message).toContain(externalTaskId);
    expect(fake.createCalls()).toHaveLength(0);
    expect((await service.list({ limit: 5, q: externalTaskId }, 'everyone')).items).toHaveLength(1);
  });

  it('answers a retry under the same Idempotency-Key with the first result, calling upstream once', async () => {
    const idempotencyKey = unique('key');
    const first = await service.create({ request: requestWith(), idempotencyKey });
    const retry = await service.create({ request: requestWith(), idempotencyKey });
    expect(retry).toStrictEqual(first);
    expect(fake.createCalls()).toHaveLength(1);
  });

  it('tells a replayed answer apart from the first, for the Idempotent-Replayed header', async () => {
    const idempotencyKey = unique('key');
    const first = await service.createOrReplay({ request: requestWith(), idempotencyKey });
    const retry = await service.createOrReplay({ request: requestWith(), idempotencyKey });
    expect(first.replayed).toBe(false);
    expect(retry).toStrictEqual({ submission: first.submission, replayed: true });

    fake.nextReply({ kind: 'status', status: 500 });
    const failedKey = unique('key');
    const failed = await rejection(service.create({ request: requestWith(), idempotencyKey: failedKey }));
    const failedRetry = await rejection(
      service.create({ request: requestWith(), idempotencyKey: failedKey }),
    );
    expect((failed as SubmissionFailedError).replayed).toBe(false);
    expect((failedRetry as SubmissionFailedError).replayed).toBe(true);
    expect(fake.createCalls()).toHaveLength(2);
  });

  it('treats the same body with keys in another order as the same request', async () => {
    const idempotencyKey = unique('key');
    const first = await service.create({
      request: { model: 'kling-v1', prompt: `${database.token} x`, mode: 'pro' },
      idempotencyKey,
    });
    const retry = await service.create({
      request: { mode: 'pro', prompt: `${database.token} x`, model: 'kling-v1' },
      idempotencyKey,
    });
    expect(retry.id).toBe(first.id);
    expect(fake.createCalls()).toHaveLength(1);
  });

  it.each([
    ['without', false],
    ['with', true],
  ])(
    'answers two concurrent calls under one key (%s an external task ID) with one submission',
    async (_, withId) => {
      const idempotencyKey = unique('key');
      const request = requestWith(withId ? { external_task_id: unique('race') } : {});
      fake.nextReply({ kind: 'delay', ms: 200 });
      const [a, b] = await Promise.all([
        service.create({ request, idempotencyKey }),
        service.create({ request, idempotencyKey }),
      ]);
      expect(a.id).toBe(b.id);
      expect(b).toStrictEqual(a);
      expect(a.status).toBe('submitted');
      expect(fake.createCalls()).toHaveLength(1);
    },
  );

  it('refuses the same Idempotency-Key with a different body (idempotency_conflict), calling upstream once', async () => {
    const idempotencyKey = unique('key');
    await service.create({ request: requestWith(), idempotencyKey });
    const error = await rejection(
      service.create({ request: requestWith({ duration: '10' }), idempotencyKey }),
    );
    expect(error.code).toBe('idempotency_conflict');
    expect(error.status).toBe(409);
    expect(fake.createCalls()).toHaveLength(1);
  });

  it('replays a failed first attempt instead of paying again', async () => {
    const idempotencyKey = unique('key');
    fake.nextReply({ kind: 'status', status: 500 });
    const first = await rejection(service.create({ request: requestWith(), idempotencyKey }));
    const retry = await rejection(service.create({ request: requestWith(), idempotencyKey }));
    expect(retry).toBeInstanceOf(SubmissionFailedError);
    expect((retry as SubmissionFailedError).submission).toStrictEqual(
      (first as SubmissionFailedError).submission,
    );
    expect(fake.createCalls()).toHaveLength(1);
  });

  const failures = [
    {
      name: 'a rejection (400)',
      behaviour: {
        kind: 'status',
        status: 400,
        body: { code: 1201, message: 'prompt contains unsupported content' },
      },
      error: { code: 'upstream_rejected', upstreamStatus: 400 },
      says: 'prompt contains unsupported content',
      retryAfterSeconds: null,
    },
    {
      name: 'a refused key (401)',
      behaviour: { kind: 'status', status: 401 },
      error: { code: 'upstream_unauthorized', upstreamStatus: 401 },
      says: 'KLING_API_KEY',
      retryAfterSeconds: null,
    },
    {
      name: 'a rate limit (429)',
      behaviour: { kind: 'status', status: 429, headers: { 'retry-after': '9' } },
      error: { code: 'upstream_rate_limited', upstreamStatus: 429 },
      says: '9 s',
      retryAfterSeconds: 9,
    },
    {
      name: 'a server error (503)',
      behaviour: { kind: 'status', status: 503 },
      error: { code: 'upstream_error', upstreamStatus: 503 },
      says: 'HTTP 503',
      retryAfterSeconds: null,
    },
    {
      name: 'a wrong-shaped reply',
      behaviour: { kind: 'raw', status: 200, contentType: 'application/json', text: '{"ok":true}' },
      error: { code: 'upstream_error', upstreamStatus: 200 },
      says: 'unexpected reply',
      retryAfterSeconds: null,
    },
    {
      name: 'a dropped connection',
      behaviour: { kind: 'reset' },
      error: { code: 'upstream_error', upstreamStatus: null },
      says: 'Could not reach',
      retryAfterSeconds: null,
    },
  ] as const;

  it.each(failures)('stores $name as a failed submission and reports it', async (failure) => {
    fake.nextReply(failure.behaviour);
    const error = await rejection(service.create({ request: requestWith(), idempotencyKey: null }));

    expect(error).toBeInstanceOf(SubmissionFailedError);
    const failed = error as SubmissionFailedError;
    expect(failed.code).toBe(failure.error.code);
    expect(failed.retryAfterSeconds).toBe(failure.retryAfterSeconds);
    expect(failed.submission).toMatchObject({ status: 'failed', taskId: null, response: null });
    expect(failed.submission.error).toMatchObject(failure.error);
    expect(failed.submission.error?.message).toContain(failure.says);
    expect(failed.submission.error?.message).not.toContain(API_KEY);
    await expect(service.get(failed.submission.id, 'everyone')).resolves.toStrictEqual(failed.submission);
  });

  it('stores a timeout as failed with upstream_timeout', async () => {
    fake.nextReply({ kind: 'hang' });
    const error = await rejection(
      serviceWithTimeout(300).create({ request: requestWith(), idempotencyKey: null }),
    );
    const stored: Submission = (error as SubmissionFailedError).submission;
    expect(error.code).toBe('upstream_timeout');
    expect(stored).toMatchObject({
      status: 'failed',
      error: { code: 'upstream_timeout', upstreamStatus: null },
    });
    expect(fake.createCalls()).toHaveLength(1);
  });
});
