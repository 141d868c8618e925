import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { callbackDeliveries, type SubmissionRow } from '@/lib/db/schema';
import { createHttpClient } from '@/lib/kling/http-client';
import type { TaskSnapshot } from '@/lib/kling/task-snapshot';
import { SubmissionFailedError } from '@/lib/submissions/submission-failed-error';
import { createSubmissionService, type SubmissionService } from '@/lib/submissions/submission-service';
import { applySnapshot, type FollowDeps, followSubmission } from './follow-submission';
import { createSubmissionStore, type SubmissionStore } from './submission-store';

const API_KEY = 'sk-test-follow-task';
/** Short enough that the backoff has room to grow below its one-minute cap. */
const POLL_MS = 10_000;
const VIDEO_URL = 'https://cdn.example.com/videos/finished.mp4';
const MODERATION = 'Failure to pass the risk control system';

const fake = setupFakeUpstream({ apiKey: API_KEY });
/** Failed status queries are logged as warnings; kept here rather than printed. */
const warnings = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

/** A task ID the fake has never handed out, for a task "created" while the app was down. */
let taskSequence = 0;
const upstreamTaskId = () => `9${String(Date.now()).slice(-12)}${String(++taskSequence).padStart(5, '0')}`;

/** What the upstream says of a task that is processing, as of now. */
const processingSnapshot = (taskId: string | null): TaskSnapshot => ({
  status: 'processing',
  statusMessage: null,
  video: null,
  upstreamUpdatedAt: Date.now(),
  taskId,
  externalTaskId: null,
});

describeEachDatabase('following a task', (database) => {
  let store: SubmissionStore;
  let deps: FollowDeps;
  let service: SubmissionService;
  let sequence = 0;
  const unique = (what: string) => `${database.token}-${what}-${++sequence}`;

  function serviceWithTimeout(timeoutMs: number): SubmissionService {
    return createSubmissionService({
      db: database.db,
      upstream: createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs }),
      upstreamTimeoutMs: timeoutMs,
      pollIntervalMs: POLL_MS,
      callbackToken: null,
      publicUrl: null,
    });
  }

  beforeAll(() => {
    store = createSubmissionStore(database.db);
    deps = {
      store,
      upstream: createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 2_000 }),
      pollIntervalMs: POLL_MS,
    };
    service = serviceWithTimeout(2_000);
  });
  afterAll(async () => {
    // Callback deliveries outlive their submissions on a shared PostgreSQL; these name the token.
    await database.db
      .delete(callbackDeliveries)
      .where(sql`${callbackDeliveries.body}::text like ${`%${database.token}%`}`);
  });

  async function row(id: string): Promise<SubmissionRow> {
    const found = await store.findById(id);
    if (!found) throw new Error(`no submission ${id}`);
    return found;
  }

  /** One status query for this submission, as the background follower makes it. */
  /** Creates a submission whose upstream call fails; returns the failed submission stored for it. */
  async function failedCreate(on: SubmissionService, prompt: string, externalTaskId: string) {
    const failure = await on
      .create({
        request: { model: 'kling-v1', prompt, external_task_id: externalTaskId },
        idempotencyKey: null,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(failure).toBeInstanceOf(SubmissionFailedError);
    return (failure as SubmissionFailedError).submission;
  }

  async function follow(id: string): Promise<SubmissionRow> {
    return followSubmission(deps, await row(id));
  }

  async function submit(): Promise<{ id: string; taskId: string; externalTaskId: string }> {
    const created = await service.create({
      request: {
        model: 'kling-v1',
        prompt: `${database.token} a fox in the snow`,
        external_task_id: unique('ext'),
      },
      idempotencyKey: null,
    });
    if (!created.taskId) throw new Error('the fake did not create a task');
    return { id: created.id, taskId: created.taskId, externalTaskId: created.externalTaskId };
  }

  /** A submission left `pending` by a crash between the insert and the upstream's answer. */
  async function leftPending(): Promise<{ id: string; externalTaskId: string }> {
    const id = randomUUID();
    const externalTaskId = unique('crash');
    const startedAt = new Date(Date.now() - 5 * 60_000);
    await store.storePending({
      id,
      status: 'pending',
      externalTaskId,
      model: 'kling-v1',
      prompt: `${database.token} crashed mid-call`,
      request: {
        model: 'kling-v1',
        prompt: `${database.token} crashed mid-call`,
        external_task_id: externalTaskId,
      },
      createdAt: startedAt,
      updatedAt: startedAt,
      nextPollAt: new Date(startedAt.getTime() + 40_000),
    });
    return { id, externalTaskId };
  }

  it('follows submitted -> processing -> succeeded, recording the video', async () => {
    const { id, taskId } = await submit();

    const unchanged = await follow(id);
    expect(unchanged).toMatchObject({ status: 'submitted', taskId, video: null });
    expect(unchanged.refreshedAt).not.toBeNull();

    fake.setTask(taskId, { status: 'processing', updatedAt: Date.now() });
    expect(await follow(id)).toMatchObject({ status: 'processing', taskId });
    await expect(service.get(id, 'everyone')).resolves.toMatchObject({ status: 'processing', video: null });

    fake.setTask(taskId, {
      status: 'succeeded',
      videoUrl: VIDEO_URL,
      duration: 10,
      updatedAt: Date.now() + 1,
    });
    const done = await follow(id);
    expect(done).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL, duration: 10 }, error: null });
    // A finished task is no longer followed.
    expect(done.nextPollAt).toBeNull();
    expect(done.leaseUntil).toBeNull();

    const shown = await service.get(id, 'everyone');
    expect(shown).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL, duration: 10 } });
    expect(shown.refreshedAt).not.toBeNull();
    expect(fake.queryCalls().map((call) => call.path)).toEqual(
      Array(3).fill(`/kling/v1/videos/omni-video/${taskId}`),
    );
  });

  it('follows a task whose replies switch shape mid-way (native, then OpenAI)', async () => {
    const { id, taskId } = await submit();

    fake.setTask(taskId, { status: 'processing', updatedAt: Date.now() });
    expect(await follow(id)).toMatchObject({ status: 'processing' });

    fake.setQueryShape('openai');
    fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL, duration: 5 });
    expect(await follow(id)).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL, duration: 5 } });
  });

  it('follows a task through OpenAI replies, then native ones', async () => {
    const { id, taskId } = await submit();

    fake.setQueryShape('openai');
    fake.setTask(taskId, { status: 'processing' });
    expect(await follow(id)).toMatchObject({ status: 'processing' });

    fake.setQueryShape('native');
    fake.setTask(taskId, { status: 'failed', message: 'Internal error, please retry' });
    expect(await follow(id)).toMatchObject({
      status: 'failed',
      statusMessage: 'Internal error, please retry',
    });
  });

  it('records a moderation failure in plain words, as the submission’s error too', async () => {
    const { id, taskId } = await submit();
    fake.setTask(taskId, { status: 'processing' });
    await follow(id);

    fake.setTask(taskId, { status: 'failed', message: MODERATION });
    const failed = await follow(id);
    expect(failed.nextPollAt).toBeNull();

    const shown = await service.get(id, 'everyone');
    expect(shown).toMatchObject({ status: 'failed', taskId, video: null });
    expect(shown.statusMessage).toMatch(/^Blocked by content moderation/);
    expect(shown.statusMessage).toContain(MODERATION);
    expect(shown.error).toMatchObject({ code: 'task_failed', message: shown.statusMessage });
  });

  it('asks again later, with a growing delay, while nothing changes', async () => {
    const { id } = await submit();
    const first = await follow(id);
    const second = await follow(id);
    expect(first.pollAttempts).toBe(1);
    expect(second.pollAttempts).toBe(2);
    const delay = (r: SubmissionRow) => (r.nextPollAt as Date).getTime() - (r.refreshedAt as Date).getTime();
    expect(delay(second)).toBeGreaterThan(delay(first));
    expect(delay(first)).toBeGreaterThan(POLL_MS);
  });

  it('asks at the first interval again once something changed', async () => {
    const { id, taskId } = await submit();
    await follow(id);
    await follow(id);
    fake.setTask(taskId, { status: 'processing' });
    const changed = await follow(id);
    expect(changed.pollAttempts).toBe(0);
    expect((changed.nextPollAt as Date).getTime() - (changed.refreshedAt as Date).getTime()).toBe(POLL_MS);
  });

  it('keeps a task as it is, and asks again later, when the status query fails', async () => {
    const { id, taskId } = await submit();
    fake.setTask(taskId, { status: 'processing' });
    await follow(id);

    fake.nextQueryReply({ kind: 'status', status: 500 });
    const after = await follow(id);
    expect(after).toMatchObject({ status: 'processing', taskId, error: null, pollAttempts: 1 });
    expect(after.nextPollAt?.getTime()).toBeGreaterThan(Date.now());
    expect(after.leaseUntil).toBeNull();

    fake.nextQueryReply({ kind: 'raw', status: 200, contentType: 'text/html', text: '<html>oops</html>' });
    expect(await follow(id)).toMatchObject({ status: 'processing', pollAttempts: 2 });
  });

  it('logs a failed status query without the key, even when the upstream echoes it', async () => {
    const { id } = await submit();
    warnings.mockClear();
    fake.nextQueryReply({ kind: 'status', status: 500, body: { message: `invalid token ${API_KEY}` } });
    await follow(id);
    const lines = warnings.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => line.includes(id))).toBe(true);
    expect(lines.join('\n')).not.toContain(API_KEY);
  });

  it('never marks a task with a task ID failed because the upstream forgot it (404)', async () => {
    const { id } = await submit();
    fake.reset(); // The upstream no longer knows the task.
    const after = await follow(id);
    expect(after).toMatchObject({ status: 'submitted', error: null, pollAttempts: 1 });
    expect(after.nextPollAt).not.toBeNull();
  });

  it('a writer holding an old copy of the row never overwrites newer news (compare-and-set)', async () => {
    const { id, taskId } = await submit();
    const old = await row(id);
    const base = processingSnapshot(taskId);

    // A callback moves it to succeeded meanwhile.
    const video = { url: VIDEO_URL, duration: 5 };
    const first = await applySnapshot(
      deps,
      old,
      { ...base, status: 'succeeded', video, upstreamUpdatedAt: Date.now() + 10 },
      'callback',
    );
    expect(first.outcome).toBe('applied');

    // A poll that read the row before that now brings an older "processing": it must not win.
    const late = await applySnapshot(deps, old, base, 'poll');
    expect(late.outcome).toBe('stale');
    expect(await row(id)).toMatchObject({ status: 'succeeded', video });
  });

  it('a writer holding an old copy applies its news on top of the newer row', async () => {
    const { id, taskId } = await submit();
    const old = await row(id);
    const processing = processingSnapshot(taskId);
    await applySnapshot(deps, old, processing, 'callback');
    const video = { url: VIDEO_URL, duration: 5 };
    const later = await applySnapshot(
      deps,
      old,
      { ...processing, status: 'succeeded', video, upstreamUpdatedAt: Date.now() + 10 },
      'poll',
    );
    expect(later.outcome).toBe('applied');
    expect(await row(id)).toMatchObject({ status: 'succeeded', video });
  });

  it('a poll and a callback bringing the same news at once apply it once', async () => {
    const { id, taskId } = await submit();
    fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL });
    const [polled, called] = await Promise.all([
      follow(id),
      service.receiveCallback(fake.callbackBody(taskId)),
    ]);
    expect(polled.status).toBe('succeeded');
    expect(['applied', 'duplicate']).toContain(called.outcome);
    expect(await row(id)).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL }, nextPollAt: null });
  });

  describe('a submission left pending by a crash', () => {
    it('is looked up by its external task ID and takes the task ID and status it finds', async () => {
      const { id, externalTaskId } = await leftPending();
      const taskId = upstreamTaskId();
      fake.setTask(taskId, { status: 'processing', externalTaskId });

      const found = await follow(id);
      expect(found).toMatchObject({ status: 'processing', taskId, error: null });
      expect(found.nextPollAt).not.toBeNull();
      expect(fake.queryCalls().map((call) => call.path)).toEqual([
        `/kling/v1/videos/omni-video/${externalTaskId}`,
      ]);
      expect(fake.createCalls()).toHaveLength(0);

      // From then on it is followed by its task ID.
      fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL });
      expect(await follow(id)).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL } });
      expect(fake.queryCalls().at(-1)?.path).toBe(`/kling/v1/videos/omni-video/${taskId}`);
      expect(fake.createCalls()).toHaveLength(0);
    });

    it('works in the OpenAI shape too', async () => {
      const { id, externalTaskId } = await leftPending();
      const taskId = upstreamTaskId();
      fake.setQueryShape('openai');
      fake.setTask(taskId, { status: 'submitted', externalTaskId });
      expect(await follow(id)).toMatchObject({ status: 'submitted', taskId });
    });

    it('is marked failed "never created" when the upstream has no such task (404)', async () => {
      const { id } = await leftPending();
      const after = await follow(id);
      expect(after).toMatchObject({ status: 'failed', taskId: null, nextPollAt: null, leaseUntil: null });

      const shown = await service.get(id, 'everyone');
      expect(shown.statusMessage).toMatch(/never created/);
      expect(shown.error?.message).toMatch(/never created/);
      expect(fake.createCalls()).toHaveLength(0);
    });

    it.each([
      ['a server error', { kind: 'status', status: 500 }],
      ['a refused key', { kind: 'status', status: 401 }],
      ['a rate limit', { kind: 'status', status: 429 }],
      ['garbage', { kind: 'raw', status: 200, contentType: 'text/plain', text: 'nope' }],
      ['a dropped connection', { kind: 'reset' }],
    ] as const)('stays pending and is asked again later after %s', async (_, behaviour) => {
      const { id } = await leftPending();
      fake.nextQueryReply(behaviour);
      const after = await follow(id);
      expect(after).toMatchObject({ status: 'pending', taskId: null, error: null, pollAttempts: 1 });
      expect(after.nextPollAt?.getTime()).toBeGreaterThan(Date.now());
      expect(after.leaseUntil).toBeNull();
      expect(fake.createCalls()).toHaveLength(0);

      // Shown as unknown and being checked, not as failed.
      const shown = await service.get(id, 'everyone');
      expect(shown.status).toBe('pending');
      expect(shown.statusMessage).toMatch(/^Unknown, checking/);
    });

    it('is never sent to the create endpoint, however often it is looked up', async () => {
      const { id, externalTaskId } = await leftPending();
      fake.nextQueryReply({ kind: 'status', status: 503 });
      await follow(id);
      fake.nextQueryReply({ kind: 'reset' });
      await follow(id);
      fake.setTask(upstreamTaskId(), { status: 'submitted', externalTaskId });
      expect(await follow(id)).toMatchObject({ status: 'submitted' });
      expect(fake.queryCalls()).toHaveLength(3);
      expect(fake.createCalls()).toHaveLength(0);
    });
  });

  describe('a submission whose create call got no answer', () => {
    it('timed out, stored failed, is found by its external task ID later and corrected', async () => {
      fake.nextReply({ kind: 'hang' });
      const externalTaskId = unique('timeout');
      const { id } = await failedCreate(
        serviceWithTimeout(300),
        `${database.token} timed out`,
        externalTaskId,
      );
      const stored = await row(id);
      expect(stored).toMatchObject({ status: 'failed', taskId: null, error: { code: 'upstream_timeout' } });
      // The lookup is scheduled, not forgotten.
      expect(stored.nextPollAt).not.toBeNull();

      // The upstream did create it after all.
      const taskId = upstreamTaskId();
      fake.setTask(taskId, { status: 'processing', externalTaskId });
      const corrected = await follow(id);
      expect(corrected).toMatchObject({ status: 'processing', taskId, error: null });
      await expect(service.get(id, 'everyone')).resolves.toMatchObject({
        status: 'processing',
        taskId,
        error: null,
      });
      expect(fake.createCalls()).toHaveLength(1);
    });

    it('lost its connection, stored failed, is marked never created when the lookup says 404', async () => {
      fake.nextReply({ kind: 'reset' });
      const { id } = await failedCreate(service, `${database.token} reset`, unique('reset'));
      expect((await row(id)).nextPollAt).not.toBeNull();

      const after = await follow(id);
      expect(after).toMatchObject({ status: 'failed', nextPollAt: null });
      expect(after.statusMessage).toMatch(/never created/);
      expect(fake.createCalls()).toHaveLength(1);
    });

    it('a rejected submission (the upstream answered 422) is not looked up: it is closed', async () => {
      fake.nextReply({ kind: 'status', status: 422, body: { code: 1201, message: 'bad prompt' } });
      const { id } = await failedCreate(service, `${database.token} rejected`, unique('rej'));
      expect((await row(id)).nextPollAt).toBeNull();
    });
  });

  describe('a finished task asked about once more (a user’s refresh)', () => {
    async function succeeded(): Promise<{ id: string; taskId: string }> {
      const { id, taskId } = await submit();
      fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL });
      expect(await follow(id)).toMatchObject({ status: 'succeeded', nextPollAt: null });
      return { id, taskId };
    }

    it('stays finished and unfollowed when the upstream says the same', async () => {
      const { id } = await succeeded();
      const after = await follow(id);
      expect(after).toMatchObject({ status: 'succeeded', nextPollAt: null, leaseUntil: null });
    });

    it('stays finished and unfollowed when the status query fails', async () => {
      const { id } = await succeeded();
      fake.nextQueryReply({ kind: 'status', status: 500 });
      const after = await follow(id);
      expect(after).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL }, leaseUntil: null });
      expect(after.nextPollAt).toBeNull();
    });

    it('stays finished and unfollowed when the upstream no longer knows the task (404)', async () => {
      const { id } = await succeeded();
      fake.reset();
      const after = await follow(id);
      expect(after).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL } });
      expect(after.nextPollAt).toBeNull();
    });

    it('a failed query on a finished task never lets a later reply move it', async () => {
      const { id, taskId } = await succeeded();
      fake.nextQueryReply({ kind: 'status', status: 500 });
      await follow(id);
      fake.setTask(taskId, { status: 'failed', message: 'late nonsense' });
      expect(await follow(id)).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL } });
    });

    it('a rejected submission keeps the upstream’s reason when the lookup finds no task', async () => {
      fake.nextReply({
        kind: 'status',
        status: 400,
        body: { code: 1201, message: 'prompt contains unsupported content' },
      });
      const { id } = await failedCreate(service, `${database.token} rejected`, unique('rej'));
      const after = await follow(id);
      expect(after).toMatchObject({ status: 'failed', nextPollAt: null });
      const shown = await service.get(id, 'everyone');
      expect(shown.error).toMatchObject({ code: 'upstream_rejected', upstreamStatus: 400 });
      expect(shown.error?.message).toContain('prompt contains unsupported content');
    });
  });
});
