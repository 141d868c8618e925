import { randomUUID } from 'node:crypto';
import type { APIResponse } from '@playwright/test';
import type { ErrorEnvelope } from '../lib/contract/error-envelope';
import type { Behaviour } from './fake-upstream/fake-upstream.mjs';
import { expect, TEST_API_KEY, test } from './support/fixtures';

/** The parsed body, after checking it carries neither the key nor a stack trace. */
async function bodyOf(response: APIResponse): Promise<Record<string, unknown>> {
  const text = await response.text();
  expect(text).not.toContain(TEST_API_KEY);
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toContain('    at ');
  expect(response.headers()['content-type']).toContain('application/json');
  return JSON.parse(text);
}

/** An error envelope with this code, and nothing else at the top level but an optional submission. */
async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status()).toBe(status);
  const body = await bodyOf(response);
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
  expect(Object.keys(body).filter((key) => key !== 'error' && key !== 'submission')).toEqual([]);
  return body as ErrorEnvelope;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const JSON_HEADERS = { 'content-type': 'application/json' };

test.beforeEach(({ upstream }) => {
  upstream.reset();
});

test.describe('POST /api/submissions', () => {
  test('201 with the stored Submission; the upstream gets exactly the validated body', async ({
    request,
    upstream,
  }) => {
    const sent = {
      model: 'kling-v1',
      prompt: `A fox in fresh snow ${randomUUID()}`,
      duration: '7',
      image_list: [{ image_url: 'https://images.example.com/fox.png', type: 'first_frame' }],
      cfg_scale: 0.25,
    };
    const response = await request.post('/api/submissions', { data: sent });
    expect(response.status()).toBe(201);
    const submission = await bodyOf(response);

    expect(upstream.createCalls()).toHaveLength(1);
    const call = upstream.createCalls()[0];
    const forwarded = call?.body as Record<string, unknown>;
    // Left-out fields stay out; only an external task ID is added.
    expect(forwarded).toEqual({
      ...sent,
      external_task_id: expect.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
    });
    expect(call?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
    expect(call?.headers['content-type']).toContain('application/json');

    // (Task-status fields such as statusMessage may come on top of these.)
    expect(submission).toMatchObject({
      id: expect.any(String),
      status: 'submitted',
      taskId: expect.stringMatching(/^\d{18}$/),
      externalTaskId: forwarded.external_task_id,
      model: 'kling-v1',
      request: forwarded,
      response: expect.objectContaining({ object: 'video', model: 'kling-v1' }),
      error: null,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    const response_ = submission.response as Record<string, unknown>;
    expect(response_.id).toBe(submission.taskId);
    expect(response_.task_id).toBe(submission.taskId);

    expect(submission.request).toEqual(forwarded);

    const fetched = await request.get(`/api/submissions/${submission.id}`);
    expect(fetched.status()).toBe(200);
    expect(await bodyOf(fetched)).toMatchObject({
      id: submission.id,
      taskId: submission.taskId,
      externalTaskId: submission.externalTaskId,
      request: forwarded,
      createdAt: submission.createdAt,
    });
  });

  test('an external task ID given by the client is kept', async ({ request, upstream }) => {
    const externalTaskId = `shot-${randomUUID()}`;
    const response = await request.post('/api/submissions', {
      data: { model: 'kling-v1', prompt: 'A kept ID', external_task_id: externalTaskId },
    });
    expect(response.status()).toBe(201);
    expect(await bodyOf(response)).toMatchObject({ externalTaskId });
    expect(upstream.createCalls()[0]?.body).toMatchObject({ external_task_id: externalTaskId });
  });

  test('400 invalid_json for malformed JSON and for a body that is not an object', async ({
    request,
    upstream,
  }) => {
    for (const data of [
      '{"model": "kling-v1", "prompt": ',
      '[{"model":"kling-v1","prompt":"x"}]',
      '"text"',
      '',
    ]) {
      const response = await request.post('/api/submissions', { headers: JSON_HEADERS, data });
      await expectError(response, 400, 'invalid_json');
    }
    expect(upstream.createCalls()).toEqual([]);
  });

  test('422 validation_failed names every invalid field by its path; nothing is forwarded', async ({
    request,
    upstream,
  }) => {
    const response = await request.post('/api/submissions', {
      data: {
        model: '',
        prompt: 'A bridge in fog',
        cfg_scale: 2,
        duration: '3',
        image_list: [{ image_url: 'javascript:alert(1)', type: 'end_frame' }],
        video_list: [{ video_url: 'https://videos.example.com/a.mp4', refer_type: 'base' }],
        external_task_id: 'bad id!',
        seed: 42,
      },
    });
    const body = await expectError(response, 422, 'validation_failed');
    const paths = (body.error.issues ?? []).map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'model',
        'cfg_scale',
        'image_list.0.image_url',
        'image_list.0.type',
        'video_list.0.refer_type',
        'external_task_id',
        'seed',
      ]),
    );
    for (const issue of body.error.issues ?? []) expect(issue.message).toEqual(expect.any(String));
    expect(body.error.issues?.find((issue) => issue.path === 'cfg_scale')?.message).toMatch(/CFG scale/);
    expect(upstream.createCalls()).toEqual([]);

    // Cross-field: 3 seconds needs a frame image or a video; no input at all is refused too.
    const duration = await request.post('/api/submissions', {
      data: { model: 'kling-v1', prompt: 'x', duration: '3' },
    });
    expect((await expectError(duration, 422, 'validation_failed')).error.issues).toEqual([
      { path: 'duration', message: expect.stringMatching(/Duration 3 s needs/) },
    ]);
    const empty = await request.post('/api/submissions', { data: { model: 'kling-v1', prompt: '   ' } });
    expect((await expectError(empty, 422, 'validation_failed')).error.issues?.[0]?.path).toBe('prompt');
    expect(upstream.createCalls()).toEqual([]);
  });

  test('413 payload_too_large for a body over 64 KiB', async ({ request, upstream }) => {
    const response = await request.post('/api/submissions', {
      data: { model: 'kling-v1', prompt: 'p'.repeat(65 * 1024) },
    });
    await expectError(response, 413, 'payload_too_large');
    expect(upstream.createCalls()).toEqual([]);
  });

  test('403 forbidden_origin for a foreign Origin, with nothing forwarded; its own origin is fine', async ({
    request,
    upstream,
    app,
  }) => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${app.port + 1}`]) {
      const response = await request.post('/api/submissions', {
        headers: { origin },
        data: { model: 'kling-v1', prompt: 'A cross-site attempt' },
      });
      await expectError(response, 403, 'forbidden_origin');
    }
    expect(upstream.createCalls()).toEqual([]);

    const own = await request.post('/api/submissions', {
      headers: { origin: app.url },
      data: { model: 'kling-v1', prompt: 'From the app itself' },
    });
    expect(own.status()).toBe(201);
    expect(upstream.createCalls()).toHaveLength(1);
  });

  test('409 duplicate_external_task_id when the ID is reused; the second is not forwarded', async ({
    request,
    upstream,
  }) => {
    const external_task_id = `dup-${randomUUID()}`;
    const first = await request.post('/api/submissions', {
      data: { model: 'kling-v1', prompt: 'First', external_task_id },
    });
    expect(first.status()).toBe(201);
    const second = await request.post('/api/submissions', {
      data: { model: 'kling-v1', prompt: 'Second', external_task_id },
    });
    await expectError(second, 409, 'duplicate_external_task_id');
    expect(upstream.createCalls()).toHaveLength(1);
  });

  test('Idempotency-Key: a retry returns the first result with one upstream call; another body is a conflict', async ({
    request,
    upstream,
  }) => {
    const key = randomUUID();
    const data = { model: 'kling-v1', prompt: `Idempotent ${key}` };
    const first = await request.post('/api/submissions', { headers: { 'idempotency-key': key }, data });
    expect(first.status()).toBe(201);
    const created = await bodyOf(first);

    const retry = await request.post('/api/submissions', { headers: { 'idempotency-key': key }, data });
    expect(retry.status()).toBe(201);
    expect(await bodyOf(retry)).toMatchObject({ id: created.id, taskId: created.taskId });
    expect(upstream.createCalls()).toHaveLength(1);

    const other = await request.post('/api/submissions', {
      headers: { 'idempotency-key': key },
      data: { ...data, prompt: `${data.prompt} (changed)` },
    });
    await expectError(other, 409, 'idempotency_conflict');
    expect(upstream.createCalls()).toHaveLength(1);
  });

  test('Idempotency-Key: two identical requests at the same time create one task', async ({
    request,
    upstream,
  }) => {
    upstream.setDefault({ kind: 'delay', ms: 1_000 });
    const key = randomUUID();
    const data = { model: 'kling-v1', prompt: `Raced ${key}` };
    const [a, b] = await Promise.all([
      request.post('/api/submissions', { headers: { 'idempotency-key': key }, data }),
      request.post('/api/submissions', { headers: { 'idempotency-key': key }, data }),
    ]);
    expect([a.status(), b.status()]).toEqual([201, 201]);
    expect((await bodyOf(a)).id).toBe((await bodyOf(b)).id);
    expect(upstream.createCalls()).toHaveLength(1);
  });
});

test.describe('upstream failures are mapped and kept in history', () => {
  const CASES: {
    name: string;
    reply: Behaviour;
    status: number;
    code: string;
    upstreamStatus: number | null;
  }[] = [
    {
      name: '400 with a message',
      reply: { kind: 'status', status: 400, body: { code: 1201, message: 'image_url is not reachable' } },
      status: 422,
      code: 'upstream_rejected',
      upstreamStatus: 400,
    },
    {
      name: '422',
      reply: { kind: 'status', status: 422 },
      status: 422,
      code: 'upstream_rejected',
      upstreamStatus: 422,
    },
    {
      name: '401',
      reply: { kind: 'status', status: 401 },
      status: 502,
      code: 'upstream_unauthorized',
      upstreamStatus: 401,
    },
    {
      name: '403',
      reply: { kind: 'status', status: 403 },
      status: 502,
      code: 'upstream_unauthorized',
      upstreamStatus: 403,
    },
    {
      name: '429 with Retry-After',
      reply: { kind: 'status', status: 429, headers: { 'retry-after': '7' } },
      status: 503,
      code: 'upstream_rate_limited',
      upstreamStatus: 429,
    },
    {
      name: '500',
      reply: { kind: 'status', status: 500 },
      status: 502,
      code: 'upstream_error',
      upstreamStatus: 500,
    },
    {
      name: 'a non-JSON 200',
      reply: {
        kind: 'raw',
        status: 200,
        contentType: 'text/html',
        text: '<html><body>gateway page</body></html>',
      },
      status: 502,
      code: 'upstream_error',
      upstreamStatus: 200,
    },
    {
      name: 'a wrong-shaped JSON 200',
      reply: { kind: 'raw', status: 200, contentType: 'application/json', text: '{"object":"video"}' },
      status: 502,
      code: 'upstream_error',
      upstreamStatus: 200,
    },
    {
      name: 'a connection reset',
      reply: { kind: 'reset' },
      status: 502,
      code: 'upstream_error',
      upstreamStatus: null,
    },
    {
      name: 'no answer within KLING_API_TIMEOUT_MS',
      reply: { kind: 'hang' },
      status: 504,
      code: 'upstream_timeout',
      upstreamStatus: null,
    },
  ];

  for (const c of CASES) {
    test(`upstream ${c.name} -> ${c.status} ${c.code}, with the failed submission`, async ({
      request,
      upstream,
    }) => {
      upstream.nextReply(c.reply);
      const prompt = `Upstream ${c.name} ${randomUUID()}`;
      const response = await request.post('/api/submissions', { data: { model: 'kling-v1', prompt } });
      const body = await expectError(response, c.status, c.code);
      expect(upstream.createCalls()).toHaveLength(1);
      expect(body.submission).toMatchObject({
        status: 'failed',
        taskId: null,
        response: null,
        request: { model: 'kling-v1', prompt },
        error: { code: c.code, message: body.error.message, upstreamStatus: c.upstreamStatus },
      });
      if (c.code === 'upstream_rejected' && c.name.includes('message')) {
        expect(body.error.message).toContain('image_url is not reachable');
      }
      if (c.code === 'upstream_rate_limited') expect(response.headers()['retry-after']).toBe('7');

      // History has it, as failed, with the same error.
      const kept = { id: body.submission?.id, status: 'failed', error: body.submission?.error };
      const stored = await request.get(`/api/submissions/${body.submission?.id}`);
      expect(await bodyOf(stored)).toMatchObject(kept);
      const listed = await bodyOf(await request.get(`/api/submissions?q=${encodeURIComponent(prompt)}`));
      expect(listed.items).toEqual([expect.objectContaining(kept)]);
    });
  }

  test('429 without Retry-After still tells the client when to retry', async ({ request, upstream }) => {
    upstream.nextReply({ kind: 'status', status: 429 });
    const response = await request.post('/api/submissions', { data: { model: 'kling-v1', prompt: 'Busy' } });
    await expectError(response, 503, 'upstream_rate_limited');
    expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
  });
});

test.describe('GET /api/submissions', () => {
  test('newest first, with limit/cursor pages and status and q filters', async ({ request, upstream }) => {
    const tag = `list-${randomUUID()}`;
    const create = async (label: string) => {
      const response = await request.post('/api/submissions', {
        data: { model: 'kling-v1', prompt: `${tag} ${label}` },
      });
      const body = await bodyOf(response);
      return (body.submission ?? body) as { id: string; taskId: string | null; externalTaskId: string };
    };
    const one = await create('one');
    upstream.nextReply({ kind: 'status', status: 500 });
    const two = await create('two');
    const three = await create('three');
    const ids = (body: Record<string, unknown>) => (body.items as { id: string }[]).map((item) => item.id);
    const list = async (query: string) => {
      const response = await request.get(`/api/submissions?${query}`);
      expect(response.status()).toBe(200);
      return bodyOf(response);
    };

    const page1 = await list(`q=${tag}&limit=2`);
    expect(ids(page1)).toEqual([three.id, two.id]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await list(`q=${tag}&limit=2&cursor=${encodeURIComponent(String(page1.nextCursor))}`);
    expect(ids(page2)).toEqual([one.id]);
    expect(page2.nextCursor).toBeNull();

    const all = await list(`q=${tag}`);
    expect(ids(all)).toEqual([three.id, two.id, one.id]);
    expect(all.nextCursor).toBeNull();

    expect(ids(await list(`q=${tag}&status=failed`))).toEqual([two.id]);
    expect(ids(await list(`q=${tag}&status=submitted`))).toEqual([three.id, one.id]);
    // q matches the task ID and the external task ID as well as the prompt.
    expect(ids(await list(`q=${one.taskId}`))).toEqual([one.id]);
    expect(ids(await list(`q=${three.externalTaskId}`))).toEqual([three.id]);

    // Without a filter, the newest submissions of the whole app come first.
    const latest = await list('limit=1');
    expect(ids(latest)).toEqual([three.id]);
  });

  test('422 validation_failed for a limit outside 1..100 and other bad parameters', async ({ request }) => {
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['status=done', 'status'],
      ['cursor=not-a-cursor', 'cursor'],
    ]) {
      const response = await request.get(`/api/submissions?${query}`);
      const body = await expectError(response, 422, 'validation_failed');
      expect(body.error.issues?.map((issue) => issue.path)).toContain(path);
    }
    for (const query of ['limit=1', 'limit=100']) {
      expect((await request.get(`/api/submissions?${query}`)).status()).toBe(200);
    }
  });

  test('GET an unknown id -> 404 not_found', async ({ request }) => {
    for (const id of [randomUUID(), 'does-not-exist', 'x'.repeat(200)]) {
      await expectError(await request.get(`/api/submissions/${id}`), 404, 'not_found');
    }
  });

  test('a method a route does not serve -> 405 method_not_allowed; an address no route serves -> 404 not_found', async ({
    request,
    upstream,
  }) => {
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const response = await request.fetch('/api/submissions', { method, data: { model: 'kling-v1' } });
      await expectError(response, 405, 'method_not_allowed');
      expect(response.headers().allow).toBe('GET, POST, HEAD, OPTIONS');
    }
    await expectError(await request.get('/api/callbacks/kling'), 405, 'method_not_allowed');
    for (const path of ['/api', '/api/submission', '/api/submissions/abc/unknown']) {
      await expectError(await request.get(path), 404, 'not_found');
      await expectError(
        await request.post(path, { data: { model: 'kling-v1', prompt: 'x' } }),
        404,
        'not_found',
      );
    }
    expect(upstream.createCalls()).toHaveLength(0);
  });
});
