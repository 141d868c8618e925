import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '@/e2e/fake-upstream/fake-upstream.mjs';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import type { Db } from '@/lib/db/client';
import { callbackDeliveries, submissions } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { createHttpClient } from '@/lib/kling/http-client';
import { followSubmission } from './follow-submission';
import { SubmissionFailedError } from './submission-failed-error';
import { createSubmissionService, type SubmissionService } from './submission-service';
import { createSubmissionStore } from './submission-store';

// What the upstream sends is stored and shown, so it is stored safely: the app's secrets, when an
// upstream echoes them, are masked, and text PostgreSQL cannot hold (U+0000, lone surrogates)
// becomes U+FFFD. None of it may make a request, a refresh, a callback or a follower round fail.

const API_KEY = 'sk-test-hostile-upstream-61c0';
/** URL-unsafe, so its URL-encoded form differs. */
const TOKEN = 'cbt-Hostile+Token/77=zz';
const ENCODED_TOKEN = encodeURIComponent(TOKEN);
const PUBLIC_URL = 'https://studio.example.com';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: API_KEY });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** No secret in any form, anywhere in `value`. */
function expectNoSecret(value: unknown) {
  const text = JSON.stringify(value);
  for (const secret of [API_KEY, TOKEN, ENCODED_TOKEN]) expect(text).not.toContain(secret);
}

describeEachDatabase('what the upstream sends, stored', (database) => {
  let service: SubmissionService;
  let sequence = 0;
  const unique = (what: string) => `${database.token}-${what}-${++sequence}`;
  let taskSequence = 0;
  const newTaskId = () => `5${String(Date.now()).slice(-12)}${String(++taskSequence).padStart(5, '0')}`;
  const upstream = () => createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 2_000 });

  beforeAll(() => {
    service = createSubmissionService({
      db: database.db,
      upstream: upstream(),
      upstreamTimeoutMs: 2_000,
      pollIntervalMs: 60_000,
      callbackToken: TOKEN,
      publicUrl: PUBLIC_URL,
    });
  });
  afterAll(async () => {
    await database.db
      .delete(callbackDeliveries)
      .where(sql`${callbackDeliveries.body}::text like ${`%${database.token}%`}`);
  });

  const request = () => ({
    model: 'kling-v1',
    prompt: `${database.token} lanterns on a river`,
    external_task_id: unique('ext'),
  });

  /**
   * What the database holds from the upstream for this submission. (The stored request keeps the app's
   * own callback URL with its token, as it was sent; pages and the API show it masked.)
   */
  async function storedRow(id: string) {
    const [row] = await database.db.select().from(submissions).where(eq(submissions.id, id));
    const { request: _, ...fromUpstream } = row ?? {};
    return fromUpstream;
  }

  async function submitted() {
    const created = await service.create({ request: request(), idempotencyKey: null });
    return { id: created.id, taskId: created.taskId as string, externalTaskId: created.externalTaskId };
  }

  /** One status query, as the follower makes it. */
  async function follow(id: string) {
    const store = createSubmissionStore(database.db);
    const row = await store.findById(id);
    if (!row) throw new Error(`no submission ${id}`);
    return followSubmission({ store, upstream: upstream(), pollIntervalMs: 60_000 }, row);
  }

  describe('echoed secrets', () => {
    it('a create reply echoing the key and the token is stored and returned without them', async () => {
      const taskId = newTaskId();
      fake.nextReply({
        kind: 'status',
        status: 200,
        body: {
          id: taskId,
          task_id: taskId,
          object: 'video',
          debug: { authorization: `Bearer ${API_KEY}`, callback: `${PUBLIC_URL}/x?token=${ENCODED_TOKEN}` },
          [`echo ${TOKEN}`]: true,
        },
      });
      const created = await service.create({ request: request(), idempotencyKey: null });
      expect(created).toMatchObject({ status: 'submitted', taskId });
      expect(created.response).toMatchObject({ id: taskId, debug: { authorization: 'Bearer [redacted]' } });
      expectNoSecret(created);
      expectNoSecret(await service.get(created.id, 'everyone'));
      expectNoSecret(await storedRow(created.id));
    });

    it.each([
      ['the key', `quota of ${API_KEY} used up`],
      ['the token', `callback ${PUBLIC_URL}/api/callbacks/kling?token=${TOKEN} unreachable`],
      ['the URL-encoded token', `callback ?token=${ENCODED_TOKEN} unreachable`],
    ])('a status message holding %s is stored without it', async (_, message) => {
      const { id, taskId } = await submitted();
      fake.setTask(taskId, { status: 'failed', message });
      const after = await follow(id);
      expect(after).toMatchObject({ status: 'failed', statusMessage: expect.stringContaining('[redacted]') });
      expectNoSecret(await service.get(id, 'everyone'));
      expectNoSecret(await storedRow(id));
    });

    it('a 400 message holding the token is stored and answered without it', async () => {
      fake.nextReply({
        kind: 'status',
        status: 400,
        body: {
          code: 1201,
          message: `callback_url ${PUBLIC_URL}/api/callbacks/kling?token=${ENCODED_TOKEN} refused`,
        },
      });
      const error = await service.create({ request: request(), idempotencyKey: null }).then(
        () => null,
        (e: unknown) => e as SubmissionFailedError,
      );
      expect(error).toBeInstanceOf(SubmissionFailedError);
      expect(error?.message).toContain('token=[redacted] refused');
      expectNoSecret({ message: error?.message, submission: error?.submission });
      expectNoSecret(await storedRow(error?.submission.id as string));
    });

    it('a callback body holding the key and the token is logged and applied without them', async () => {
      const { id, taskId } = await submitted();
      fake.setTask(taskId, { status: 'processing', message: `rendering for ${API_KEY}` });
      const body = {
        ...fake.callbackBody(taskId),
        callback_url: `${PUBLIC_URL}/api/callbacks/kling?token=${ENCODED_TOKEN}`,
        note: `raw ${TOKEN}`,
      };
      await expect(service.receiveCallback(body)).resolves.toMatchObject({ outcome: 'applied' });
      const [delivery] = await service.callbacks(id, 'everyone');
      expect(delivery?.body).toMatchObject({
        callback_url: `${PUBLIC_URL}/api/callbacks/kling?token=[redacted]`,
      });
      expectNoSecret(await service.callbacks(id, 'everyone'));
      expectNoSecret(await service.get(id, 'everyone'));
      expectNoSecret(
        await database.db.select().from(callbackDeliveries).where(eq(callbackDeliveries.submissionId, id)),
      );
      expectNoSecret(await storedRow(id));
    });
  });

  describe('U+0000 and lone surrogates', () => {
    it('a status reply with task_status_msg "done\\u0000" is recorded, by the follower and by a refresh', async () => {
      const polled = await submitted();
      fake.setTask(polled.taskId, { status: 'processing', message: 'done\u0000' });
      expect(await follow(polled.id)).toMatchObject({ status: 'processing', statusMessage: 'done\uFFFD' });

      const refreshed = await submitted();
      fake.setTask(refreshed.taskId, {
        status: 'succeeded',
        message: 'done\u0000',
        videoUrl: 'https://cdn.example.com/v\u0000.mp4',
      });
      await expect(service.refresh(refreshed.id, 'everyone')).resolves.toMatchObject({
        status: 'succeeded',
        statusMessage: 'done\uFFFD',
        video: { url: 'https://cdn.example.com/v\uFFFD.mp4' },
      });
    });

    it('a lone surrogate in a status message becomes U+FFFD', async () => {
      const { id, taskId } = await submitted();
      fake.setTask(taskId, { status: 'failed', message: 'broken \uD800 text \uDC00' });
      const after = await follow(id);
      expect(after).toMatchObject({ status: 'failed', statusMessage: 'broken \uFFFD text \uFFFD' });
      expect(after.error?.message).toBe('broken \uFFFD text \uFFFD');
    });

    it('a callback holding U+0000 anywhere is applied and logged', async () => {
      const { id, taskId } = await submitted();
      fake.setTask(taskId, { status: 'processing', message: 'step\u00001' });
      const body = { ...fake.callbackBody(taskId), 'extra\u0000key': ['a\u0000', { b: '\uDFFF' }] };
      await expect(service.receiveCallback(body)).resolves.toMatchObject({
        outcome: 'applied',
        submissionId: id,
      });
      expect(await service.get(id, 'everyone')).toMatchObject({
        status: 'processing',
        statusMessage: 'step\uFFFD1',
      });
      const [delivery] = await service.callbacks(id, 'everyone');
      expect(delivery?.body).toMatchObject({ 'extra\uFFFDkey': ['a\uFFFD', { b: '\uFFFD' }] });
    });

    it('a callback naming its task only by IDs holding U+0000 is logged as an unknown task', async () => {
      const body = {
        task_id: '84\u000022',
        task_status: 'succeed',
        task_info: { external_task_id: `${unique('x')}\u0000` },
      };
      await expect(service.receiveCallback(body)).resolves.toStrictEqual({
        outcome: 'unknown_task',
        submissionId: null,
      });
    });

    it('a callback whose status holds U+0000 is logged as unreadable', async () => {
      const body = { task_id: unique('nul'), task_status: 'succeed\u0000' };
      await expect(service.receiveCallback(body)).resolves.toStrictEqual({
        outcome: 'unreadable',
        submissionId: null,
      });
    });

    it('a create reply holding U+0000 in other fields is stored, cleaned, with its task', async () => {
      const taskId = newTaskId();
      fake.nextReply({
        kind: 'status',
        status: 200,
        body: { id: taskId, object: 'video', model: 'kling\u0000v1' },
      });
      const created = await service.create({ request: request(), idempotencyKey: null });
      expect(created).toMatchObject({ status: 'submitted', taskId, response: { model: 'kling\uFFFDv1' } });
      await expect(service.get(created.id, 'everyone')).resolves.toStrictEqual(created);
    });

    it('an upstream error message holding U+0000 is stored and answered', async () => {
      fake.nextReply({ kind: 'status', status: 422, body: { message: 'bad\u0000prompt' } });
      const error = await service.create({ request: request(), idempotencyKey: null }).then(
        () => null,
        (e: unknown) => e as SubmissionFailedError,
      );
      expect(error?.submission.error?.message).toContain('bad\uFFFDprompt');
      await expect(service.get(error?.submission.id as string, 'everyone')).resolves.toStrictEqual(
        error?.submission,
      );
    });
  });
});

describe('an ID that is not the app’s ID format', () => {
  /** A database that fails the test if it is asked anything. */
  const untouchable = new Proxy(
    {},
    {
      get() {
        throw new Error('the database was asked');
      },
    },
  ) as Db;
  const service = createSubmissionService({
    db: untouchable,
    upstream: createHttpClient({ baseUrl: 'http://127.0.0.1:9', apiKey: API_KEY, timeoutMs: 100 }),
    upstreamTimeoutMs: 100,
    pollIntervalMs: 60_000,
    callbackToken: null,
    publicUrl: null,
  });

  it.each([
    ['U+0000', '\u0000'],
    ['an ID holding U+0000', `f2a4c0de-0000-4000-8000-00000000000\u0000`],
    ['a lone surrogate', '\uD800'],
    ['a word', 'not-an-id'],
    ['an overlong ID', 'x'.repeat(10_000)],
    ['an empty ID', ''],
  ])('%s is not_found, without asking the database', async (_, id) => {
    for (const call of [
      service.get(id, 'everyone'),
      service.refresh(id, 'everyone'),
      service.events(id, 'everyone'),
      service.callbacks(id, 'everyone'),
    ]) {
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'not_found', status: 404 });
    }
  });
});

vi.spyOn(console, 'warn').mockImplementation(() => undefined);
