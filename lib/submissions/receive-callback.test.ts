import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { FakeUpstream } from '@/e2e/fake-upstream/fake-upstream.mjs';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { callbackDeliveries, submissions } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { createHttpClient } from '@/lib/kling/http-client';
import { createSubmissionService, type SubmissionService } from '@/lib/submissions/submission-service';
import { createSubmissionStore } from '@/lib/submissions/submission-store';

const API_KEY = 'sk-test-receive-callback';
const VIDEO_URL = 'https://cdn.example.com/videos/called-back.mp4';

const fake = setupFakeUpstream({ apiKey: API_KEY });
afterEach(() => {
  vi.useRealTimers();
});

describeEachDatabase('receiving callbacks', (database) => {
  let service: SubmissionService;
  let sequence = 0;
  const unique = (what: string) => `${database.token}-${what}-${++sequence}`;

  beforeAll(() => {
    service = createSubmissionService({
      db: database.db,
      upstream: createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 2_000 }),
      upstreamTimeoutMs: 2_000,
      pollIntervalMs: 60_000,
      callbackToken: null,
      publicUrl: null,
    });
  });
  afterAll(async () => {
    // Deliveries outlive their submissions on a shared PostgreSQL; every body here names the token.
    const pattern = `%${database.token}%`;
    await database.db
      .delete(callbackDeliveries)
      .where(
        or(
          sql`${callbackDeliveries.body}::text like ${pattern}`,
          inArray(
            callbackDeliveries.submissionId,
            database.db
              .select({ id: submissions.id })
              .from(submissions)
              .where(like(submissions.prompt, pattern)),
          ),
        ),
      );
  });

  async function submit(): Promise<{ id: string; taskId: string }> {
    const created = await service.create({
      request: { model: 'kling-v1', prompt: `${database.token} a comet`, external_task_id: unique('ext') },
      idempotencyKey: null,
    });
    if (!created.taskId) throw new Error('the fake did not create a task');
    return { id: created.id, taskId: created.taskId };
  }

  /** The upstream's callback for this task, as it stands at the fake now. */
  const bodyFor = (taskId: string) => fake.callbackBody(taskId);

  /** Deliveries that named no submission, found by a marker in their body. */
  async function unattached(marker: string) {
    return database.db
      .select()
      .from(callbackDeliveries)
      .where(
        and(
          isNull(callbackDeliveries.submissionId),
          sql`${callbackDeliveries.body}::text like ${`%${marker}%`}`,
        ),
      );
  }

  it('a callback that arrives while the create call is still answering is not undone by that answer', async () => {
    const externalTaskId = unique('early');
    fake.nextReply({ kind: 'delay', ms: 600 });
    const creating = service.create({
      request: {
        model: 'kling-v1',
        prompt: `${database.token} an early bird`,
        external_task_id: externalTaskId,
      },
      idempotencyKey: null,
    });
    const callsBefore = fake.createCalls().length;
    await vi.waitFor(() => expect(fake.createCalls().length).toBe(callsBefore + 1), {
      timeout: 5_000,
      interval: 10,
    });
    // The upstream has the task and reports it by its external task ID before its create answer arrives.
    const taskId = `9${Date.now()}`.padEnd(18, '7');
    fake.setTask(taskId, { status: 'processing', externalTaskId });
    const { outcome } = await service.receiveCallback(bodyFor(taskId));
    expect(outcome).toBe('applied');

    const created = await creating;
    expect(created).toMatchObject({ status: 'processing', taskId });
    expect((await service.get(created.id, 'everyone')).status).toBe('processing');
  });

  it('applies a new status and logs the delivery as applied', async () => {
    const { id, taskId } = await submit();
    fake.setTask(taskId, { status: 'processing', updatedAt: Date.now() });
    const body = bodyFor(taskId);

    await expect(service.receiveCallback(body)).resolves.toStrictEqual({
      outcome: 'applied',
      submissionId: id,
    });
    await expect(service.get(id, 'everyone')).resolves.toMatchObject({ status: 'processing', taskId });

    const [delivery] = await service.callbacks(id, 'everyone');
    expect(delivery).toMatchObject({ outcome: 'applied', taskStatus: 'processing', body });
    expect(new Date(delivery?.receivedAt ?? '').toISOString()).toBe(delivery?.receivedAt);
  });

  it('records the video of a succeeded task, and a failed task’s reason in plain words', async () => {
    const done = await submit();
    fake.setTask(done.taskId, { status: 'succeeded', videoUrl: VIDEO_URL, duration: 10 });
    await service.receiveCallback(bodyFor(done.taskId));
    await expect(service.get(done.id, 'everyone')).resolves.toMatchObject({
      status: 'succeeded',
      video: { url: VIDEO_URL, duration: 10 },
    });

    const blocked = await submit();
    fake.setTask(blocked.taskId, { status: 'failed', message: 'Failure to pass the risk control system' });
    await service.receiveCallback(bodyFor(blocked.taskId));
    const failed = await service.get(blocked.id, 'everyone');
    expect(failed).toMatchObject({ status: 'failed', video: null, error: { code: 'task_failed' } });
    expect(failed.statusMessage).toBe(
      'Blocked by content moderation: Failure to pass the risk control system',
    );
  });

  it('the same status twice is a duplicate and changes nothing', async () => {
    const { id, taskId } = await submit();
    fake.setTask(taskId, { status: 'processing', updatedAt: Date.now() });
    const body = bodyFor(taskId);
    await service.receiveCallback(body);
    const before = await service.get(id, 'everyone');

    await expect(service.receiveCallback(body)).resolves.toStrictEqual({
      outcome: 'duplicate',
      submissionId: id,
    });
    const after = await service.get(id, 'everyone');
    expect(after).toStrictEqual(before);
    expect((await service.callbacks(id, 'everyone')).map((d) => d.outcome).sort()).toEqual([
      'applied',
      'duplicate',
    ]);
  });

  it('a finished task told it succeeded again is a duplicate, video kept', async () => {
    const { id, taskId } = await submit();
    fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL });
    await service.receiveCallback(bodyFor(taskId));
    const before = await service.get(id, 'everyone');
    fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL, updatedAt: Date.now() + 5_000 });
    await expect(service.receiveCallback(bodyFor(taskId))).resolves.toMatchObject({ outcome: 'duplicate' });
    await expect(service.get(id, 'everyone')).resolves.toStrictEqual(before);
  });

  it('an older update (by updated_at) arriving late is stale and changes nothing', async () => {
    const { id, taskId } = await submit();
    const t = Date.now();
    fake.setTask(taskId, { status: 'processing', message: 'upscaling', updatedAt: t });
    const older = bodyFor(taskId);
    fake.setTask(taskId, { status: 'processing', message: 'rendering', updatedAt: t - 1_000 });
    const oldest = bodyFor(taskId);

    await service.receiveCallback(older);
    const before = await service.get(id, 'everyone');
    await expect(service.receiveCallback(oldest)).resolves.toMatchObject({ outcome: 'stale' });
    expect(await service.get(id, 'everyone')).toStrictEqual(before);
    expect(before.statusMessage).toBe('upscaling');
  });

  it('processing after succeeded is stale, even with a newer updated_at', async () => {
    const { id, taskId } = await submit();
    const t = Date.now();
    fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL, updatedAt: t });
    await service.receiveCallback(bodyFor(taskId));
    const before = await service.get(id, 'everyone');

    for (const updatedAt of [t - 1_000, t + 1_000]) {
      fake.setTask(taskId, { status: 'processing', updatedAt });
      await expect(service.receiveCallback(bodyFor(taskId))).resolves.toMatchObject({ outcome: 'stale' });
    }
    expect(await service.get(id, 'everyone')).toStrictEqual(before);
    expect(before).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL } });
  });

  it('submitted after processing is stale', async () => {
    const { id, taskId } = await submit();
    fake.setTask(taskId, { status: 'processing', updatedAt: Date.now() });
    await service.receiveCallback(bodyFor(taskId));
    fake.setTask(taskId, { status: 'submitted', updatedAt: Date.now() + 1_000 });
    await expect(service.receiveCallback(bodyFor(taskId))).resolves.toMatchObject({ outcome: 'stale' });
    await expect(service.get(id, 'everyone')).resolves.toMatchObject({ status: 'processing' });
  });

  it('finds a submission without a task ID yet by task_info.external_task_id', async () => {
    // Left pending (a crash, or the create call still in flight): only the external task ID is known.
    const id = randomUUID();
    const externalTaskId = unique('pending');
    const now = new Date();
    await createSubmissionStore(database.db).storePending({
      id,
      status: 'pending',
      externalTaskId,
      model: 'kling-v1',
      prompt: `${database.token} pending`,
      request: { model: 'kling-v1', prompt: `${database.token} pending`, external_task_id: externalTaskId },
      createdAt: now,
      updatedAt: now,
      nextPollAt: new Date(now.getTime() + 60_000),
    });
    const taskId = `7${String(Date.now()).slice(-12)}${String(sequence).padStart(5, '0')}`;
    fake.setTask(taskId, { status: 'processing', externalTaskId });
    const body = bodyFor(taskId);
    expect(body.task_info).toStrictEqual({ external_task_id: externalTaskId });

    await expect(service.receiveCallback(body)).resolves.toStrictEqual({
      outcome: 'applied',
      submissionId: id,
    });
    await expect(service.get(id, 'everyone')).resolves.toMatchObject({
      status: 'processing',
      taskId,
      externalTaskId,
    });
    // A callback never starts a second task.
    expect(fake.createCalls()).toHaveLength(0);
  });

  it('logs a callback for a task no submission has as unknown_task, changing nothing', async () => {
    const taskId = unique('nobody');
    const body = {
      task_id: taskId,
      task_status: 'succeed',
      task_info: { external_task_id: unique('nobody-ext') },
      updated_at: Date.now(),
    };
    await expect(service.receiveCallback(body)).resolves.toStrictEqual({
      outcome: 'unknown_task',
      submissionId: null,
    });
    const logged = await unattached(taskId);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ outcome: 'unknown_task', taskStatus: 'succeed', body });
  });

  it.each([
    ['a body without any task field', (marker: string) => ({ marker })],
    ['an unknown status', (marker: string) => ({ task_id: marker, task_status: 'exploded' })],
    ['no status at all', (marker: string) => ({ task_id: marker, task_result: {} })],
    ['a non-text status', (marker: string) => ({ task_id: marker, task_status: 3 })],
  ])('logs %s as unreadable, changing nothing', async (_, make) => {
    const { id } = await submit();
    const before = await service.get(id, 'everyone');
    const marker = unique('unreadable');
    const body = { ...make(marker), task_info: { external_task_id: before.externalTaskId } };

    await expect(service.receiveCallback(body)).resolves.toStrictEqual({
      outcome: 'unreadable',
      submissionId: null,
    });
    const logged = await unattached(marker);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ outcome: 'unreadable', body });
    expect(await service.get(id, 'everyone')).toStrictEqual(before);
  });

  it('lists a submission’s deliveries newest first', async () => {
    const { id, taskId } = await submit();
    // Each delivery one second after the last, so the order does not rest on the clock's resolution.
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const deliver = async (at: number, state: Parameters<FakeUpstream['setTask']>[1]) => {
      vi.setSystemTime(start + at);
      fake.setTask(taskId, state);
      return (await service.receiveCallback(bodyFor(taskId))).outcome;
    };

    expect(await deliver(1_000, { status: 'processing', updatedAt: start + 500 })).toBe('applied');
    expect(await deliver(2_000, { status: 'processing', updatedAt: start + 600 })).toBe('duplicate');
    expect(await deliver(3_000, { status: 'succeeded', videoUrl: VIDEO_URL, updatedAt: start + 2_500 })).toBe(
      'applied',
    );
    expect(await deliver(4_000, { status: 'processing', updatedAt: start + 100 })).toBe('stale');

    const listed = await service.callbacks(id, 'everyone');
    expect(listed.map((d) => [d.outcome, d.taskStatus])).toEqual([
      ['stale', 'processing'],
      ['applied', 'succeed'],
      ['duplicate', 'processing'],
      ['applied', 'processing'],
    ]);
    expect(listed.map((d) => Date.parse(d.receivedAt) - start)).toEqual([4_000, 3_000, 2_000, 1_000]);
    expect(await service.get(id, 'everyone')).toMatchObject({
      status: 'succeeded',
      video: { url: VIDEO_URL },
    });
  });

  it('lists no deliveries for a submission that got none', async () => {
    const { id } = await submit();
    await expect(service.callbacks(id, 'everyone')).resolves.toEqual([]);
  });

  it('answers not_found for the deliveries of an unknown submission', async () => {
    const error = await service.callbacks(randomUUID(), 'everyone').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'not_found' });
  });

  it('matches by task ID when the body names no external task ID', async () => {
    const { id, taskId } = await submit();
    const full: Record<string, unknown> = { ...bodyFor(taskId), task_status: 'processing' };
    const { task_info: _, ...body } = full;
    await expect(service.receiveCallback(body)).resolves.toStrictEqual({
      outcome: 'applied',
      submissionId: id,
    });
    const logged = await database.db
      .select()
      .from(callbackDeliveries)
      .where(eq(callbackDeliveries.submissionId, id));
    expect(logged).toHaveLength(1);
  });
});
