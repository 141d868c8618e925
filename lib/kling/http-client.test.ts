import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream } from '@/e2e/fake-upstream/fake-upstream.mjs';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import { ERROR_STATUS } from '@/lib/contract/error-codes';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { CREATE_TASK_PATH, createHttpClient } from './http-client';
import type { KlingUpstream } from './types';
import { UpstreamError } from './upstream-error';

const API_KEY = 'sk-test-4f1c9a7e2b6d';
const request: SubmissionRequest = {
  model: 'kling-v1',
  prompt: 'a lighthouse in a storm, waves crashing',
  duration: '10',
  image_list: [{ image_url: 'https://cdn.example.com/a.png', type: 'first_frame' }],
  cfg_scale: 0.3,
  external_task_id: 'http-client-test',
};

const fake = setupFakeUpstream({ apiKey: API_KEY });
let client: KlingUpstream;

beforeAll(() => {
  client = createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 2_000 });
});

/** The UpstreamError a create call ends in; fails the test if it succeeded or threw something else. */
async function failure(upstream: KlingUpstream = client): Promise<UpstreamError> {
  const error = await upstream.createTask(request).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  const upstreamError = error as UpstreamError;
  expect(upstreamError.message).not.toContain(API_KEY);
  return upstreamError;
}

describe('createHttpClient: success', () => {
  it('posts the validated body exactly, with the Bearer key, and returns the task ID', async () => {
    const created = await client.createTask(request);

    const [call] = fake.createCalls();
    expect(fake.createCalls()).toHaveLength(1);
    expect(call?.path).toBe(CREATE_TASK_PATH);
    expect(call?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call?.headers['content-type']).toBe('application/json');
    expect(call?.body).toStrictEqual(request);
    expect(created.taskId).toMatch(/^\d{18}$/);
    expect(created.response).toMatchObject({
      id: created.taskId,
      task_id: created.taskId,
      object: 'video',
      model: 'kling-v1',
    });
  });

  it('keeps the upstream reply as it came', async () => {
    const reply = {
      id: '842250903629086785',
      object: 'video',
      model: 'kling-v1',
      created_at: 1737367800,
      extra: [1],
    };
    fake.nextReply({ kind: 'status', status: 200, body: reply });
    await expect(client.createTask(request)).resolves.toStrictEqual({
      taskId: '842250903629086785',
      response: reply,
    });
  });

  it('reads the task ID from Kling’s native envelope too', async () => {
    fake.nextReply({
      kind: 'status',
      status: 200,
      body: { code: 0, message: 'SUCCEED', data: { task_id: '777' } },
    });
    await expect(client.createTask(request)).resolves.toMatchObject({ taskId: '777' });
  });

  it('waits for a slow answer that comes within the timeout', async () => {
    fake.nextReply({ kind: 'delay', ms: 300 });
    await expect(client.createTask(request)).resolves.toMatchObject({
      taskId: expect.stringMatching(/^\d{18}$/),
    });
  });

  it('joins a base URL that has a path prefix', async () => {
    const prefixed = createHttpClient({ baseUrl: `${fake.url}/gateway`, apiKey: API_KEY, timeoutMs: 2_000 });
    await expect(prefixed.createTask(request)).rejects.toMatchObject({
      code: 'upstream_error',
      upstreamStatus: 404,
    });
    expect(fake.requests.at(-1)?.path).toBe(`/gateway${CREATE_TASK_PATH}`);
  });
});

describe('createHttpClient: every failure classified (docs/api.md)', () => {
  it.each([400, 422])('%d -> upstream_rejected (422), keeping the upstream message', async (status) => {
    fake.nextReply({
      kind: 'status',
      status,
      body: { code: 1201, message: 'prompt contains unsupported content' },
    });
    const error = await failure();
    expect(error).toMatchObject({ code: 'upstream_rejected', upstreamStatus: status });
    expect(error.message).toContain('prompt contains unsupported content');
    expect(error.status).toBe(422);
  });

  it.each([401, 403])('%d -> upstream_unauthorized (502), naming the setting to check', async (status) => {
    fake.nextReply({ kind: 'status', status, body: { code: 1000, message: 'authentication failed' } });
    const error = await failure();
    expect(error).toMatchObject({ code: 'upstream_unauthorized', upstreamStatus: status });
    expect(error.message).toContain('KLING_API_KEY');
    expect(error.status).toBe(502);
  });

  it('a wrong key, as the real upstream answers it -> upstream_unauthorized', async () => {
    const wrongKey = createHttpClient({ baseUrl: fake.url, apiKey: 'sk-wrong-key-000', timeoutMs: 2_000 });
    const error = await failure(wrongKey);
    expect(error).toMatchObject({ code: 'upstream_unauthorized', upstreamStatus: 401 });
    expect(error.message).not.toContain('sk-wrong-key-000');
  });

  it('429 -> upstream_rate_limited (503) with the Retry-After seconds', async () => {
    fake.nextReply({
      kind: 'status',
      status: 429,
      body: { code: 1303, message: 'parallel task over resource pack limit' },
      headers: { 'retry-after': '17' },
    });
    const error = await failure();
    expect(error).toMatchObject({
      code: 'upstream_rate_limited',
      upstreamStatus: 429,
      retryAfterSeconds: 17,
    });
    expect(error.message).toContain('parallel task over resource pack limit');
    expect(error.status).toBe(503);
  });

  it('429 without Retry-After still tells the caller when to retry', async () => {
    fake.nextReply({ kind: 'status', status: 429 });
    const error = await failure();
    expect(error.code).toBe('upstream_rate_limited');
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it.each([500, 502, 503])('%d -> upstream_error (502)', async (status) => {
    fake.nextReply({ kind: 'status', status, body: { code: 5000, message: 'internal server error' } });
    const error = await failure();
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: status });
    expect(error.status).toBe(502);
  });

  it('an HTML error page -> upstream_error, without the HTML in the message', async () => {
    fake.nextReply({
      kind: 'raw',
      status: 502,
      contentType: 'text/html',
      text: '<html><body>Bad Gateway</body></html>',
    });
    const error = await failure();
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 502 });
    expect(error.message).not.toContain('<html>');
  });

  it.each([
    ['non-JSON', 'text/plain', 'OK'],
    ['truncated JSON', 'application/json', '{"id":"84225090'],
    ['a JSON array', 'application/json', '[{"id":"1"}]'],
    ['JSON without a task ID', 'application/json', '{"object":"video","model":"kling-v1"}'],
    ['JSON with an empty ID', 'application/json', '{"id":"","task_id":"  "}'],
    ['a JSON string', 'application/json', '"842250903629086785"'],
    ['an empty body', 'application/json', ''],
  ])('a 200 with %s -> upstream_error', async (_, contentType, text) => {
    fake.nextReply({ kind: 'raw', status: 200, contentType, text });
    const error = await failure();
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 200 });
  });

  it('a 200 carrying a native error code -> upstream_error with that code', async () => {
    fake.nextReply({
      kind: 'status',
      status: 200,
      body: { code: 1303, message: 'parallel task over resource pack limit' },
    });
    const error = await failure();
    expect(error.code).toBe('upstream_error');
    expect(error.message).toContain('1303');
  });

  it('a redirect is not followed: upstream_error with its status, one call', async () => {
    fake.nextReply({ kind: 'status', status: 302, body: { message: 'moved' } });
    const error = await failure();
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 302 });
    expect(fake.createCalls()).toHaveLength(1);
  });

  it('a reply of several megabytes is cut at 1 MiB and answered as upstream_error', async () => {
    fake.nextReply({
      kind: 'raw',
      status: 200,
      contentType: 'application/json',
      text: `{"id":"${'9'.repeat(3 * 1024 * 1024)}"}`,
    });
    const error = await failure();
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 200 });
  });

  it('a connection reset -> upstream_error with no status', async () => {
    fake.nextReply({ kind: 'reset' });
    const error = await failure();
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: null });
  });

  it('nothing listening -> upstream_error', async () => {
    const closed = await startFakeUpstream();
    await closed.close();
    const error = await failure(createHttpClient({ baseUrl: closed.url, apiKey: API_KEY, timeoutMs: 2_000 }));
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: null });
  });

  it('no answer within the timeout -> upstream_timeout (504)', async () => {
    const impatient = createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 300 });
    fake.nextReply({ kind: 'hang' });
    const error = await failure(impatient);
    expect(error).toMatchObject({ code: 'upstream_timeout', upstreamStatus: null });
    expect(error.status).toBe(ERROR_STATUS.upstream_timeout);
    expect(fake.createCalls()).toHaveLength(1);
  });

  it('a shorter timeout for one create call cuts it sooner; a longer one never extends the configured one', async () => {
    fake.nextReply({ kind: 'delay', ms: 1_000 });
    const shortened = await client.createTask(request, { timeoutMs: 300 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(shortened).toMatchObject({ code: 'upstream_timeout', upstreamStatus: null });

    const impatient = createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 300 });
    fake.nextReply({ kind: 'delay', ms: 1_000 });
    const lengthened = await impatient.createTask(request, { timeoutMs: 5_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(lengthened).toMatchObject({ code: 'upstream_timeout' });
    expect(fake.createCalls()).toHaveLength(2);
  });

  it('an answer that comes after the timeout -> upstream_timeout', async () => {
    const impatient = createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 300 });
    fake.nextReply({ kind: 'delay', ms: 2_000 });
    const error = await failure(impatient);
    expect(error.code).toBe('upstream_timeout');
  });
});

describe('createHttpClient: the key stays secret', () => {
  it.each([
    ['a 400 message', { kind: 'status', status: 400, body: { message: `invalid key ${API_KEY}` } }],
    ['a 429 message', { kind: 'status', status: 429, body: { message: `slow down, ${API_KEY}` } }],
    [
      'a 500 text body',
      { kind: 'raw', status: 500, contentType: 'text/plain', text: `token ${API_KEY} broke` },
    ],
    [
      'a 200 native error',
      { kind: 'status', status: 200, body: { code: 1000, message: `bad token ${API_KEY}` } },
    ],
  ] as const)('never repeats the key from %s', async (_, behaviour) => {
    fake.nextReply(behaviour);
    const error = await failure();
    expect(error.message).toContain('[redacted]');
  });
});

describe('createHttpClient: queryTask (docs/api.md, "Statuses")', () => {
  const VIDEO_URL = 'https://cdn.example.com/videos/result.mp4';

  /** A task the fake created from a real create call, as the app would have it. */
  async function createdTask(): Promise<string> {
    return (await client.createTask(request)).taskId;
  }

  /** The UpstreamError a query ends in; fails the test if it succeeded or threw something else. */
  async function queryFailure(id: string, upstream: KlingUpstream = client): Promise<UpstreamError> {
    const error = await upstream.queryTask(id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).message).not.toContain(API_KEY);
    return error as UpstreamError;
  }

  it('asks GET {base}/kling/v1/videos/omni-video/{task_id} with the Bearer key', async () => {
    const taskId = await createdTask();
    const snapshot = await client.queryTask(taskId);

    expect(snapshot).toMatchObject({ status: 'submitted', taskId, externalTaskId: request.external_task_id });
    const [call] = fake.queryCalls();
    expect(fake.queryCalls()).toHaveLength(1);
    expect(call?.path).toBe(`${CREATE_TASK_PATH}/${taskId}`);
    expect(call?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call?.body).toBeNull();
  });

  it('finds a task by its external task ID too', async () => {
    const taskId = await createdTask();
    const snapshot = await client.queryTask(request.external_task_id as string);
    expect(snapshot).toMatchObject({ status: 'submitted', taskId });
    expect(fake.queryCalls()[0]?.path).toBe(`${CREATE_TASK_PATH}/${request.external_task_id}`);
  });

  describe.each(['native', 'openai'] as const)('in the %s shape', (shape) => {
    beforeEach(() => fake.setQueryShape(shape));

    it.each(['submitted', 'processing'] as const)('reads %s', async (status) => {
      const taskId = await createdTask();
      fake.setTask(taskId, { status });
      await expect(client.queryTask(taskId)).resolves.toMatchObject({ status, taskId, video: null });
    });

    it('reads succeeded with the video URL and duration', async () => {
      const taskId = await createdTask();
      fake.setTask(taskId, { status: 'succeeded', videoUrl: VIDEO_URL, duration: 10 });
      await expect(client.queryTask(taskId)).resolves.toMatchObject({
        status: 'succeeded',
        taskId,
        video: { url: VIDEO_URL, duration: 10 },
      });
    });

    it('reads failed with the upstream’s reason', async () => {
      const taskId = await createdTask();
      fake.setTask(taskId, { status: 'failed', message: 'Failure to pass the risk control system' });
      await expect(client.queryTask(taskId)).resolves.toMatchObject({
        status: 'failed',
        statusMessage: 'Failure to pass the risk control system',
      });
    });
  });

  it('reads the upstream’s updated_at from a native reply', async () => {
    const taskId = await createdTask();
    fake.setTask(taskId, { status: 'processing', updatedAt: 1_737_367_860_123 });
    await expect(client.queryTask(taskId)).resolves.toMatchObject({ upstreamUpdatedAt: 1_737_367_860_123 });
  });

  it('404 (no such task) -> null: the task was never created', async () => {
    await expect(client.queryTask('never-created-ext-id')).resolves.toBeNull();
    expect(fake.queryCalls()).toHaveLength(1);
  });

  it.each([
    [500, 'upstream_error'],
    [502, 'upstream_error'],
    [429, 'upstream_rate_limited'],
    [401, 'upstream_unauthorized'],
    [400, 'upstream_rejected'],
  ] as const)('%d -> UpstreamError %s, never "no such task"', async (status, code) => {
    const taskId = await createdTask();
    fake.nextQueryReply({ kind: 'status', status });
    const error = await queryFailure(taskId);
    expect(error).toMatchObject({ code, upstreamStatus: status });
  });

  it('a wrong key -> upstream_unauthorized, not "no such task"', async () => {
    const taskId = await createdTask();
    const wrongKey = createHttpClient({ baseUrl: fake.url, apiKey: 'sk-wrong-key-111', timeoutMs: 2_000 });
    const error = await queryFailure(taskId, wrongKey);
    expect(error).toMatchObject({ code: 'upstream_unauthorized', upstreamStatus: 401 });
    expect(error.message).not.toContain('sk-wrong-key-111');
  });

  it.each([
    ['non-JSON', 'text/plain', 'OK'],
    ['an HTML page', 'text/html', '<html><body>gateway</body></html>'],
    ['truncated JSON', 'application/json', '{"code":0,"data":{"task_status":"succ'],
    ['JSON without a status', 'application/json', '{"code":0,"message":"SUCCEED","data":{"task_id":"1"}}'],
    ['an official error with HTTP 200', 'application/json', '{"code":1303,"message":"parallel task over"}'],
    ['an unknown status', 'application/json', '{"id":"1","object":"video","status":"exploded"}'],
    ['an empty body', 'application/json', ''],
  ])('a 200 with %s -> upstream_error', async (_, contentType, text) => {
    const taskId = await createdTask();
    fake.nextQueryReply({ kind: 'raw', status: 200, contentType, text });
    const error = await queryFailure(taskId);
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 200 });
  });

  it('a dropped connection -> upstream_error with no status', async () => {
    const taskId = await createdTask();
    fake.nextQueryReply({ kind: 'reset' });
    const error = await queryFailure(taskId);
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: null });
  });

  it('no answer within the timeout -> upstream_timeout', async () => {
    const taskId = await createdTask();
    const impatient = createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 200 });
    fake.nextQueryReply({ kind: 'hang' });
    const error = await queryFailure(taskId, impatient);
    expect(error).toMatchObject({ code: 'upstream_timeout', upstreamStatus: null });
  });

  it.each([
    ['a 500 JSON message', { kind: 'status', status: 500, body: { message: `bad token ${API_KEY}` } }],
    ['a 429 message', { kind: 'status', status: 429, body: { message: `slow down ${API_KEY}` } }],
    ['a 502 text body', { kind: 'raw', status: 502, contentType: 'text/plain', text: `key=${API_KEY}` }],
  ] as const)('never repeats the key from %s', async (_, behaviour) => {
    const taskId = await createdTask();
    fake.nextQueryReply(behaviour);
    const error = await queryFailure(taskId);
    expect(error.message).toContain('[redacted]');
  });
});
