import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { type Behaviour, type FakeUpstream, startFakeUpstream } from '@/e2e/fake-upstream/fake-upstream.mjs';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { createHttpClient } from '@/lib/kling/http-client';
import { followSubmission } from './follow-submission';
import { SubmissionFailedError } from './submission-failed-error';
import { createSubmissionService, type SubmissionService } from './submission-service';
import { createSubmissionStore, type SubmissionStore } from './submission-store';
import { lookUpDelay } from './timings';

// A create call whose outcome is uncertain (no answer, a reset, a 5xx, an unreadable or absurd 2xx)
// may have created a paid task: it is answered as failed, but looked up like a crashed pending row,
// and whatever finds the task (a look-up, a refresh, a callback) moves the row to its real status.

const API_KEY = 'sk-test-uncertain-create';
const TIMEOUT_MS = 1_000;
const LOOK_UP_AFTER_MS = lookUpDelay(TIMEOUT_MS);
const VIDEO_URL = 'https://cdn.example.com/videos/uncertain.mp4';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: API_KEY });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(() => {
  vi.useRealTimers();
});
// Status queries that fail are logged as warnings; kept here rather than printed.
vi.spyOn(console, 'warn').mockImplementation(() => undefined);

const HTML_502: Behaviour = {
  kind: 'raw',
  status: 502,
  contentType: 'text/html',
  text: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
};
const TRUNCATED_200: Behaviour = {
  kind: 'raw',
  status: 200,
  contentType: 'application/json',
  text: '{"id":"842250903629086785","task_id":"8422509036',
};
const json200 = (text: string): Behaviour => ({
  kind: 'raw',
  status: 200,
  contentType: 'application/json',
  text,
});

// biome-ignore format: one row per case reads as the table it is.
const UNCERTAIN: [name: string, reply: Behaviour, code: string, httpStatus: number, upstreamStatus: number | null][] = [
  ['a 502 with an HTML body', HTML_502, 'upstream_error', 502, 502],
  ['a truncated 200', TRUNCATED_200, 'upstream_error', 502, 200],
  ['a 500 with a JSON body', { kind: 'status', status: 500 }, 'upstream_error', 502, 500],
  ['a 503', { kind: 'status', status: 503 }, 'upstream_error', 502, 503],
  ['a wrong-shaped 200', json200('{"object":"video"}'), 'upstream_error', 502, 200],
  ['a 200 with a 100 KB task ID', json200(JSON.stringify({ id: '8'.repeat(100 * 1024) })), 'upstream_error', 502, 200],
  ['a 200 with a task ID holding U+0000', json200('{"task_id":"84225090\\u000036290"}'), 'upstream_error', 502, 200],
  ['a connection reset', { kind: 'reset' }, 'upstream_error', 502, null],
  ['no answer within the timeout', { kind: 'hang' }, 'upstream_timeout', 504, null],
];

// biome-ignore format: one row per case reads as the table it is.
const REFUSED: [name: string, reply: Behaviour, code: string][] = [
  ['a 400', { kind: 'status', status: 400, body: { code: 1201, message: 'bad prompt' } }, 'upstream_rejected'],
  ['a 422', { kind: 'status', status: 422 }, 'upstream_rejected'],
  ['a 401', { kind: 'status', status: 401 }, 'upstream_unauthorized'],
  ['a 403', { kind: 'status', status: 403 }, 'upstream_unauthorized'],
  ['a 429', { kind: 'status', status: 429, headers: { 'retry-after': '4' } }, 'upstream_rate_limited'],
  ['a 200 carrying Kling code 1303', json200('{"code":1303,"message":"parallel task over resource pack limit"}'), 'upstream_error'],
];

describeEachDatabase('an uncertain create failure', (database) => {
  let service: SubmissionService;
  let store: SubmissionStore;
  let sequence = 0;
  const unique = (what: string) => `${database.token}-${what}-${++sequence}`;
  let taskSequence = 0;
  const newTaskId = () => `7${String(Date.now()).slice(-12)}${String(++taskSequence).padStart(5, '0')}`;

  beforeAll(() => {
    service = createSubmissionService({
      db: database.db,
      upstream: createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: TIMEOUT_MS }),
      upstreamTimeoutMs: TIMEOUT_MS,
      pollIntervalMs: 60_000,
      callbackToken: null,
      publicUrl: null,
    });
    store = createSubmissionStore(database.db);
  });

  /** Submits once with `reply` as the upstream's answer; returns the error the caller got. */
  async function failedCreate(reply: Behaviour) {
    fake.nextReply(reply);
    const externalTaskId = unique('ext');
    const error = await service
      .create({
        request: { model: 'kling-v1', prompt: `${database.token} a heron`, external_task_id: externalTaskId },
        idempotencyKey: null,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SubmissionFailedError);
    return { error: error as SubmissionFailedError, externalTaskId };
  }

  async function row(id: string) {
    const found = await store.findById(id);
    if (!found) throw new Error(`no submission ${id}`);
    return found;
  }

  /** Time passes until the submission may be looked up. */
  function afterLookUpTime(createdAt: string) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(createdAt) + LOOK_UP_AFTER_MS + 1_000);
  }

  it.each(UNCERTAIN)(
    '%s: answered as failed, as docs/api.md says, but kept open and due for a look-up',
    async (_, reply, code, httpStatus, upstreamStatus) => {
      const { error } = await failedCreate(reply);
      expect(error).toMatchObject({ code, status: httpStatus });
      expect(error.submission).toMatchObject({
        status: 'failed',
        displayStatus: 'checking',
        taskId: null,
        error: { code, upstreamStatus, message: error.message },
      });
      // The message says the task may exist and is being checked; never to try again (a second payment).
      expect(error.message).toContain('The task may still have started');
      expect(error.message).not.toMatch(/try again/i);
      await expect(service.get(error.submission.id, 'everyone')).resolves.toStrictEqual(error.submission);

      // Looked up like a crashed pending row: within the upstream timeout plus 30 s of the create call.
      const stored = await row(error.submission.id);
      const createdAt = stored.createdAt.getTime();
      expect(stored.nextPollAt?.getTime()).toBe(createdAt + LOOK_UP_AFTER_MS);
      expect(stored.nextPollAt?.getTime()).toBeLessThanOrEqual(createdAt + TIMEOUT_MS + 30_000);
      expect(fake.createCalls()).toHaveLength(1);
    },
  );

  it.each(UNCERTAIN)('%s: the look-up that finds the task moves it to its real status', async (_, reply) => {
    const { error, externalTaskId } = await failedCreate(reply);
    const taskId = newTaskId();
    fake.setTask(taskId, { status: 'processing', externalTaskId });

    const found = await followSubmission(
      {
        store,
        upstream: createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 2_000 }),
        pollIntervalMs: 60_000,
      },
      await row(error.submission.id),
    );
    expect(found).toMatchObject({ status: 'processing', taskId, error: null, statusMessage: null });
    expect(fake.queryCalls().map((call) => call.path)).toEqual([
      `/kling/v1/videos/omni-video/${externalTaskId}`,
    ]);
    await expect(service.get(error.submission.id, 'everyone')).resolves.toMatchObject({
      status: 'processing',
      displayStatus: 'processing',
      taskId,
      error: null,
    });
    expect(fake.createCalls()).toHaveLength(1);
  });

  it.each([
    ['a 502 with an HTML body', HTML_502],
    ['a truncated 200', TRUNCATED_200],
  ])('%s: the upstream’s own success callback is applied, not answered stale', async (_, reply) => {
    const { error, externalTaskId } = await failedCreate(reply);
    const taskId = newTaskId();
    fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL, externalTaskId });

    await expect(service.receiveCallback(fake.callbackBody(taskId))).resolves.toStrictEqual({
      outcome: 'applied',
      submissionId: error.submission.id,
    });
    const after = await service.get(error.submission.id, 'everyone');
    expect(after).toMatchObject({
      status: 'succeeded',
      displayStatus: 'succeeded',
      taskId,
      video: { url: VIDEO_URL },
      error: null,
    });
    expect((await row(after.id)).nextPollAt).toBeNull();
  });

  it.each([
    ['a 502 with an HTML body', HTML_502],
    ['a truncated 200', TRUNCATED_200],
  ])('%s: a user’s refresh asks the upstream and takes the status it finds', async (_, reply) => {
    const { error, externalTaskId } = await failedCreate(reply);
    const taskId = newTaskId();
    fake.setTask(taskId, { status: 'submitted', externalTaskId });

    // Before its look-up time a refresh asks nothing: a 404 then would not prove the task was never made.
    expect(await service.refresh(error.submission.id, 'everyone')).toMatchObject({
      status: 'failed',
      displayStatus: 'checking',
    });
    expect(fake.queryCalls()).toHaveLength(0);

    afterLookUpTime(error.submission.createdAt);
    const refreshed = await service.refresh(error.submission.id, 'everyone');
    expect(refreshed).toMatchObject({ status: 'submitted', displayStatus: 'submitted', taskId, error: null });
    expect(fake.queryCalls().map((call) => call.path)).toEqual([
      `/kling/v1/videos/omni-video/${externalTaskId}`,
    ]);
    expect(fake.createCalls()).toHaveLength(1);
  });

  it('is failed for good, "never created, nothing charged", only when the look-up answers 404', async () => {
    const { error } = await failedCreate(HTML_502);
    afterLookUpTime(error.submission.createdAt);

    // A look-up that fails proves nothing: still being checked.
    fake.nextQueryReply({ kind: 'status', status: 503 });
    expect(await service.refresh(error.submission.id, 'everyone')).toMatchObject({
      status: 'failed',
      displayStatus: 'checking',
    });

    vi.setSystemTime(Date.now() + 10_000);
    const closed = await service.refresh(error.submission.id, 'everyone');
    expect(closed).toMatchObject({ status: 'failed', displayStatus: 'failed', taskId: null });
    expect(closed.error).toMatchObject({ code: 'upstream_error', upstreamStatus: 502 });
    expect(closed.error?.message).toMatch(/never created, so nothing was charged/);
    expect((await row(closed.id)).nextPollAt).toBeNull();
    expect(fake.createCalls()).toHaveLength(1);
  });

  it('a retry under the same Idempotency-Key replays the uncertain failure: nothing is sent twice', async () => {
    const idempotencyKey = unique('key');
    const request = {
      model: 'kling-v1',
      prompt: `${database.token} a crane`,
      external_task_id: unique('ext'),
    };
    fake.nextReply(HTML_502);
    const first = await service.create({ request, idempotencyKey }).then(
      () => null,
      (e: unknown) => e as SubmissionFailedError,
    );
    const retry = await service.create({ request, idempotencyKey }).then(
      () => null,
      (e: unknown) => e as SubmissionFailedError,
    );
    expect(retry).toMatchObject({ replayed: true, code: 'upstream_error' });
    expect(retry?.submission).toStrictEqual(first?.submission);
    expect(fake.createCalls()).toHaveLength(1);
  });

  it.each(REFUSED)('%s is a definite refusal: failed for good, not looked up', async (_, reply, code) => {
    const { error } = await failedCreate(reply);
    expect(error.submission).toMatchObject({ status: 'failed', displayStatus: 'failed', error: { code } });
    expect((await row(error.submission.id)).nextPollAt).toBeNull();
  });
});
