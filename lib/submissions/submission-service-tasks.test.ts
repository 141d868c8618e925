import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { AppError } from '@/lib/errors/app-error';
import { createHttpClient } from '@/lib/kling/http-client';
import { SubmissionFailedError } from './submission-failed-error';
import {
  createSubmissionService,
  type SubmissionService,
  type SubmissionServiceDeps,
} from './submission-service';
import { createSubmissionStore } from './submission-store';
import { UNKNOWN_CHECKING_MESSAGE } from './submission-view';

const API_KEY = 'sk-test-service-tasks';
/** Long and URL-unsafe, as a generated or configured token may be. */
const TOKEN = 'cb-Secret+Token/42=xyzzy';
const PUBLIC_URL = 'https://studio.example.com';
const VIDEO_URL = 'https://cdn.example.com/videos/refreshed.mp4';

const fake = setupFakeUpstream({ apiKey: API_KEY });
afterEach(() => {
  vi.useRealTimers();
});

/** Time passes: `ms` from now. */
function later(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + ms);
}

/** The error a call ends in; fails the test when it succeeded. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  return error;
}

describeEachDatabase('submission service: callbacks and status', (database) => {
  let sequence = 0;
  const unique = (what: string) => `${database.token}-${what}-${++sequence}`;
  const requestWith = (extra: Partial<SubmissionRequest> = {}): SubmissionRequest => ({
    model: 'kling-v1',
    prompt: `${database.token} waves at dusk`,
    external_task_id: unique('ext'),
    ...extra,
  });

  function serviceWith(options: Partial<SubmissionServiceDeps> = {}): SubmissionService {
    const upstreamTimeoutMs = options.upstreamTimeoutMs ?? 2_000;
    return createSubmissionService({
      db: database.db,
      upstream: createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: upstreamTimeoutMs }),
      upstreamTimeoutMs,
      pollIntervalMs: 60_000,
      callbackToken: TOKEN,
      publicUrl: PUBLIC_URL,
      ...options,
    });
  }

  const expectNoToken = (value: unknown) => {
    const text = JSON.stringify(value);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(encodeURIComponent(TOKEN));
  };

  describe('the app’s own callback URL', () => {
    it('is sent upstream, with the real token, when the creator leaves Callback URL blank', async () => {
      const service = serviceWith();
      const created = await service.create({ request: requestWith(), idempotencyKey: null });

      const forwarded = fake.createCalls()[0]?.body as Record<string, unknown>;
      const url = new URL(forwarded.callback_url as string);
      expect(url.origin).toBe(PUBLIC_URL);
      expect(url.pathname).toBe('/api/callbacks/kling');
      expect(url.searchParams.get('token')).toBe(TOKEN);

      // Shown to people with the token masked, everywhere.
      expect(created.request.callback_url).toBe(`${PUBLIC_URL}/api/callbacks/kling?token=********`);
      expectNoToken(created);
      expectNoToken(await service.get(created.id, 'everyone'));
      expectNoToken(await service.list({ limit: 5, q: created.externalTaskId }, 'everyone'));
      expect(
        (await service.list({ limit: 5, q: created.externalTaskId }, 'everyone')).items[0]?.request
          .callback_url,
      ).toBe(created.request.callback_url);
    });

    it('is sent with the real token again when a reused request brings it back masked', async () => {
      const service = serviceWith();
      const first = await service.create({ request: requestWith(), idempotencyKey: null });
      // What "Reuse in composer" fills in: the request as shown, with a new external task ID.
      const reused = await service.create({
        request: { ...(first.request as SubmissionRequest), external_task_id: unique('ext') },
        idempotencyKey: null,
      });

      const forwarded = fake.createCalls()[1]?.body as Record<string, unknown>;
      expect(new URL(forwarded.callback_url as string).searchParams.get('token')).toBe(TOKEN);
      expect(reused.request.callback_url).toBe(first.request.callback_url);
      expectNoToken(reused);
    });

    it('keeps the creator’s own Callback URL, forwarded and shown as given', async () => {
      const service = serviceWith();
      const own = 'https://hooks.example.org/kling?tag=campaign';
      const created = await service.create({
        request: requestWith({ callback_url: own }),
        idempotencyKey: null,
      });
      expect(fake.createCalls()[0]?.body).toMatchObject({ callback_url: own });
      expect(created.request.callback_url).toBe(own);
    });

    it('is not added without a public URL: the field stays out of the request', async () => {
      const service = serviceWith({ publicUrl: null });
      const created = await service.create({ request: requestWith(), idempotencyKey: null });
      expect(fake.createCalls()[0]?.body).not.toHaveProperty('callback_url');
      expect(created.request).not.toHaveProperty('callback_url');
    });

    it('keeps the token masked on a submission the upstream refused', async () => {
      const service = serviceWith();
      fake.nextReply({ kind: 'status', status: 500 });
      const error = await rejection(service.create({ request: requestWith(), idempotencyKey: null }));
      expect(error).toBeInstanceOf(SubmissionFailedError);
      const { submission } = error as SubmissionFailedError;
      expect(submission.request.callback_url).toContain('token=********');
      expectNoToken(submission);
      expectNoToken(await service.get(submission.id, 'everyone'));
    });

    it('keeps the token masked on a retry answered from the first attempt', async () => {
      const service = serviceWith();
      const idempotencyKey = unique('key');
      const request = requestWith();
      await service.create({ request, idempotencyKey });
      const replayed = await service.create({ request, idempotencyKey });
      expectNoToken(replayed);
      expect(fake.createCalls()).toHaveLength(1);
    });
  });

  describe('refresh', () => {
    it('asks the upstream now and returns the updated submission', async () => {
      const service = serviceWith();
      const created = await service.create({ request: requestWith(), idempotencyKey: null });
      expect(created.refreshedAt).toBeNull();
      fake.setTask(created.taskId as string, { status: 'succeeded', videoUrl: VIDEO_URL, duration: 5 });

      const before = Date.now();
      const refreshed = await service.refresh(created.id, 'everyone');
      expect(refreshed).toMatchObject({
        id: created.id,
        status: 'succeeded',
        video: { url: VIDEO_URL, duration: 5 },
      });
      expect(Date.parse(refreshed.refreshedAt as string)).toBeGreaterThanOrEqual(before - 1);
      expect(fake.queryCalls().map((call) => call.path)).toEqual([
        `/kling/v1/videos/omni-video/${created.taskId}`,
      ]);
      await expect(service.get(created.id, 'everyone')).resolves.toStrictEqual(refreshed);
      expectNoToken(refreshed);
    });

    it('does not query a submission whose create call is still in flight', async () => {
      const service = serviceWith();
      const request = requestWith();
      fake.nextReply({ kind: 'delay', ms: 400 });
      const creating = service.create({ request, idempotencyKey: null });
      await vi.waitFor(() => expect(fake.createCalls()).toHaveLength(1), { timeout: 5_000, interval: 10 });
      const [pending] = (await service.list({ limit: 5, q: request.external_task_id }, 'everyone')).items;
      expect(pending?.status).toBe('pending');

      const refreshed = await service.refresh(pending?.id as string, 'everyone');
      expect(refreshed).toMatchObject({ status: 'pending', statusMessage: null });
      expect(fake.queryCalls()).toHaveLength(0);

      await expect(creating).resolves.toMatchObject({ status: 'submitted' });
      expect(fake.createCalls()).toHaveLength(1);
    });

    it('looks an overdue pending submission up by its external task ID, never creating it again', async () => {
      const service = serviceWith();
      const id = randomUUID();
      const externalTaskId = unique('crash');
      const startedAt = new Date(Date.now() - 10 * 60_000);
      await createSubmissionStore(database.db).storePending({
        id,
        status: 'pending',
        externalTaskId,
        model: 'kling-v1',
        prompt: `${database.token} crashed`,
        request: { model: 'kling-v1', prompt: `${database.token} crashed`, external_task_id: externalTaskId },
        createdAt: startedAt,
        updatedAt: startedAt,
        nextPollAt: new Date(startedAt.getTime() + 12_000),
      });
      // Shown as unknown while it is being checked, never silently failed.
      await expect(service.get(id, 'everyone')).resolves.toMatchObject({
        status: 'pending',
        statusMessage: UNKNOWN_CHECKING_MESSAGE,
      });
      expect(UNKNOWN_CHECKING_MESSAGE).toMatch(/^Unknown, checking: /);

      fake.setTask('812345678901234567', { status: 'processing', externalTaskId });
      const refreshed = await service.refresh(id, 'everyone');
      expect(refreshed).toMatchObject({
        status: 'processing',
        taskId: '812345678901234567',
        statusMessage: null,
      });
      expect(fake.queryCalls().map((call) => call.path)).toEqual([
        `/kling/v1/videos/omni-video/${externalTaskId}`,
      ]);
      expect(fake.createCalls()).toHaveLength(0);
    });

    it('shows a pending submission as unknown only once its answer is overdue', async () => {
      const service = serviceWith({ upstreamTimeoutMs: 1_000 });
      const store = createSubmissionStore(database.db);
      const insertPending = async (ageMs: number) => {
        const id = randomUUID();
        const externalTaskId = unique('age');
        const at = new Date(Date.now() - ageMs);
        await store.storePending({
          id,
          status: 'pending',
          externalTaskId,
          model: 'kling-v1',
          prompt: `${database.token} aged`,
          request: { model: 'kling-v1', external_task_id: externalTaskId },
          createdAt: at,
          updatedAt: at,
        });
        return id;
      };
      // Overdue: older than the upstream timeout plus ten seconds.
      const fresh = await insertPending(0);
      const overdue = await insertPending(60_000);
      await expect(service.get(fresh, 'everyone')).resolves.toMatchObject({
        status: 'pending',
        displayStatus: 'pending',
        statusMessage: null,
      });
      await expect(service.get(overdue, 'everyone')).resolves.toMatchObject({
        status: 'pending',
        displayStatus: 'checking',
        statusMessage: UNKNOWN_CHECKING_MESSAGE,
      });
    });

    it('leaves a submission another instance is asking about right now to it', async () => {
      const service = serviceWith();
      const created = await service.create({ request: requestWith(), idempotencyKey: null });
      fake.setTask(created.taskId as string, { status: 'processing' });
      expect(
        await createSubmissionStore(database.db).claimOne(created.id, new Date(), 60_000),
      ).not.toBeNull();

      const refreshed = await service.refresh(created.id, 'everyone');
      expect(refreshed).toMatchObject({ status: 'submitted' });
      expect(fake.queryCalls()).toHaveLength(0);
    });

    it('keeps a finished video when the upstream fails to answer a refresh, and stops following it', async () => {
      const service = serviceWith();
      const created = await service.create({ request: requestWith(), idempotencyKey: null });
      fake.setTask(created.taskId as string, { status: 'succeeded', videoUrl: VIDEO_URL });
      const done = await service.refresh(created.id, 'everyone');

      later(6_000);
      fake.nextQueryReply({ kind: 'status', status: 502 });
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        const after = await service.refresh(created.id, 'everyone');
        expect(after).toMatchObject({ status: 'succeeded', video: done.video, error: null });
      } finally {
        warn.mockRestore();
      }
      // A later wrong answer cannot turn it into a failure.
      later(6_000);
      fake.setTask(created.taskId as string, { status: 'failed', message: 'bogus' });
      await expect(service.refresh(created.id, 'everyone')).resolves.toMatchObject({
        status: 'succeeded',
        video: done.video,
      });
      expect(fake.queryCalls()).toHaveLength(3);
    });

    it('keeps the upstream’s reason on a rejected submission when refreshed', async () => {
      const service = serviceWith();
      fake.nextReply({ kind: 'status', status: 422, body: { code: 1201, message: 'image too small' } });
      const error = await rejection(service.create({ request: requestWith(), idempotencyKey: null }));
      const { submission } = error as SubmissionFailedError;

      const refreshed = await service.refresh(submission.id, 'everyone');
      expect(refreshed.status).toBe('failed');
      expect(refreshed.error).toStrictEqual(submission.error);
      expect(refreshed.error?.message).toContain('image too small');
    });

    it('within 5 s of the last upstream answer returns the stored submission without asking again', async () => {
      const service = serviceWith();
      const created = await service.create({ request: requestWith(), idempotencyKey: null });
      fake.setTask(created.taskId as string, { status: 'processing' });
      const first = await service.refresh(created.id, 'everyone');
      expect(first).toMatchObject({ status: 'processing' });

      fake.setTask(created.taskId as string, { status: 'succeeded', videoUrl: VIDEO_URL });
      for (let i = 0; i < 5; i++)
        await expect(service.refresh(created.id, 'everyone')).resolves.toStrictEqual(first);
      expect(fake.queryCalls()).toHaveLength(1);

      later(5_001);
      await expect(service.refresh(created.id, 'everyone')).resolves.toMatchObject({ status: 'succeeded' });
      expect(fake.queryCalls()).toHaveLength(2);
    });

    it('answers not_found for an unknown submission', async () => {
      const error = await rejection(serviceWith().refresh(randomUUID(), 'everyone'));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'not_found' });
      expect(fake.queryCalls()).toHaveLength(0);
    });
  });
});
