import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '@/e2e/fake-upstream/fake-upstream.mjs';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { createHttpClient } from '@/lib/kling/http-client';
import { followSubmission } from './follow-submission';
import type { SubmissionEvent } from './submission';
import { createSubmissionService, type SubmissionService } from './submission-service';
import { createSubmissionStore, type SubmissionStore } from './submission-store';

const API_KEY = 'sk-test-submission-events';
const VIDEO_URL = 'https://cdn.example.com/videos/timeline.mp4';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: API_KEY });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());
afterEach(() => {
  vi.useRealTimers();
});

/** The timeline without its times: [status, source, message]. */
const steps = (events: SubmissionEvent[]) => events.map((e) => [e.status, e.source, e.message]);

describeEachDatabase('a submission’s status timeline', (database) => {
  let service: SubmissionService;
  let store: SubmissionStore;
  let sequence = 0;
  const unique = (what: string) => `${database.token}-${what}-${++sequence}`;
  const upstream = () => createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 1_000 });

  beforeAll(() => {
    service = createSubmissionService({
      db: database.db,
      upstream: upstream(),
      upstreamTimeoutMs: 1_000,
      pollIntervalMs: 60_000,
      callbackToken: null,
      publicUrl: null,
    });
    store = createSubmissionStore(database.db);
  });

  const request = () => ({
    model: 'kling-v1',
    prompt: `${database.token} a lighthouse`,
    external_task_id: unique('ext'),
  });

  /** One status query, as the background follower makes it. */
  async function follow(id: string) {
    const row = await store.findById(id);
    if (!row) throw new Error(`no submission ${id}`);
    return followSubmission({ store, upstream: upstream(), pollIntervalMs: 60_000 }, row);
  }

  it('records every status change with its source, oldest first, and nothing for news without one', async () => {
    const created = await service.create({ request: request(), idempotencyKey: null });
    const taskId = created.taskId as string;
    await follow(created.id); // Still submitted: no change, no event.
    fake.setTask(taskId, { status: 'processing', message: 'rendering', updatedAt: Date.now() });
    await follow(created.id);
    fake.setTask(taskId, { status: 'processing', message: 'upscaling', updatedAt: Date.now() + 1 });
    await follow(created.id); // A new message, the same status: no event.
    fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL, updatedAt: Date.now() + 2 });
    await service.receiveCallback(fake.callbackBody(taskId));

    const events = await service.events(created.id, 'everyone');
    expect(steps(events)).toEqual([
      ['pending', 'create', null],
      ['submitted', 'create', null],
      ['processing', 'poll', 'rendering'],
      ['succeeded', 'callback', null],
    ]);
    expect(events[0]?.at).toBe(created.createdAt);
    expect(events.at(-1)?.at).toBe((await service.get(created.id, 'everyone')).updatedAt);
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const event of events) expect(new Date(event.at).toISOString()).toBe(event.at);
  });

  it('records a refused create call as failed by the create call, with its message', async () => {
    fake.nextReply({ kind: 'status', status: 422, body: { code: 1201, message: 'prompt too long' } });
    const failed = await service
      .create({ request: request(), idempotencyKey: null })
      .catch((e: { submission: { id: string } }) => e.submission);
    expect(steps(await service.events(failed.id, 'everyone'))).toEqual([
      ['pending', 'create', null],
      ['failed', 'create', 'The video service rejected the request: prompt too long'],
    ]);
  });

  it('records an uncertain failure, then what the look-up found', async () => {
    fake.nextReply({ kind: 'status', status: 502 });
    const sent = request();
    const failed = await service
      .create({ request: sent, idempotencyKey: null })
      .catch((e: { submission: { id: string } }) => e.submission);
    const taskId = `6${String(Date.now()).slice(-12)}00001`;
    fake.setTask(taskId, { status: 'processing', externalTaskId: sent.external_task_id });
    await follow(failed.id);
    const events = await service.events(failed.id, 'everyone');
    expect(steps(events).map(([status, source]) => [status, source])).toEqual([
      ['pending', 'create'],
      ['failed', 'create'],
      ['processing', 'lookup'],
    ]);
    expect(events[1]?.message).toContain('The task may still have started');
  });

  it('records a crashed submission the look-up finds never created, and a user’s refresh as refresh', async () => {
    const id = randomUUID();
    const startedAt = new Date(Date.now() - 5 * 60_000);
    const externalTaskId = unique('crash');
    await store.storePending({
      id,
      status: 'pending',
      externalTaskId,
      model: 'kling-v1',
      prompt: `${database.token} crashed`,
      request: { model: 'kling-v1', external_task_id: externalTaskId },
      createdAt: startedAt,
      updatedAt: startedAt,
      nextPollAt: startedAt,
    });
    await follow(id);
    expect(steps(await service.events(id, 'everyone'))).toEqual([
      ['pending', 'create', null],
      ['failed', 'lookup', expect.stringContaining('never created')],
    ]);

    const created = await service.create({ request: request(), idempotencyKey: null });
    fake.setTask(created.taskId as string, { status: 'succeeded', videoUrl: VIDEO_URL });
    await service.refresh(created.id, 'everyone');
    expect(steps(await service.events(created.id, 'everyone')).at(-1)).toEqual([
      'succeeded',
      'refresh',
      null,
    ]);
  });
});
