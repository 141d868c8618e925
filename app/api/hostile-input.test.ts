import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '@/e2e/fake-upstream/fake-upstream.mjs';
import { signedInAs } from '@/e2e/support/route-auth';
import { encodeSocketPeer, socketHeaderName } from '@/lib/server/socket-peer';

// Hostile requests through the real route handlers, on a real embedded database and the fake
// upstream: each must get its answer in the envelope, never a 500, and nothing may be sent or stored.

const API_KEY = 'sk-hostile-input-3b9e1c7d5a';
type Handler = (request: Request, context?: { params: Promise<{ id: string }> }) => Promise<Response>;
interface Routes {
  submissions: { GET: Handler; POST: Handler; PUT: Handler; OPTIONS: Handler };
  one: { GET: Handler };
  refresh: { POST: Handler };
  health: { GET: Handler; DELETE: Handler };
}

let fake: FakeUpstream;
let routes: Routes;
let closeDatabase = async () => {};

beforeAll(async () => {
  fake = await startFakeUpstream({ apiKey: API_KEY });
  Object.assign(process.env, {
    KLING_API_BASE_URL: fake.url,
    KLING_API_KEY: API_KEY,
    KLING_API_TIMEOUT_MS: '3000',
    // Each test is its own user and client address (below), so three a minute never hold one test back.
    RATE_LIMIT_PER_MINUTE: '3',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'omni-hostile-')),
  });
  routes = {
    submissions: await import('./submissions/route'),
    one: await import('./submissions/[id]/route'),
    refresh: await import('./submissions/[id]/refresh/route'),
    health: await import('./health/route'),
  };
  const { getDatabase } = await import('@/lib/db/client');
  const opened = await getDatabase();
  closeDatabase = () => opened.close();
}, 60_000);
afterAll(async () => {
  await fake?.close();
  await closeDatabase();
});

let authorization = '';
let client = '';
let clients = 0;
beforeEach(async () => {
  // Each test is its own user from its own address: limits count per user, three a minute here.
  ({ authorization } = await signedInAs('creator'));
  fake.reset();
  clients++;
  client = `198.51.${Math.floor(clients / 250)}.${clients % 250}`;
});

/** A request as the server hands it to a route: from this test's client address, to the app's own host. */
function request(url: string, init: RequestInit & { headers?: Record<string, string> } = {}): Request {
  return new Request(`http://127.0.0.1:3000${url}`, {
    ...init,
    headers: {
      host: '127.0.0.1:3000',
      authorization,
      [socketHeaderName()]: encodeSocketPeer({ scheme: 'http', address: client }),
      ...init.headers,
    },
  });
}

const params = (values: { id: string }) => ({ params: Promise.resolve(values) });

function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return routes.submissions.POST(
    request('/api/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    }),
  );
}

async function expectError(response: Response, status: number, code: string) {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = JSON.parse(text);
  expect(body.error.code).toBe(code);
  return body as { error: { code: string; message: string; issues?: { path: string }[] } };
}

describe('text no database can hold (U+0000, lone surrogates)', () => {
  it.each([
    ['a prompt with U+0000', { prompt: 'a\u0000b' }, 'prompt'],
    ['a prompt with a lone surrogate', { prompt: 'a\ud800b' }, 'prompt'],
    [
      'a negative prompt with a lone low surrogate',
      { prompt: 'x', negative_prompt: '\udc00' },
      'negative_prompt',
    ],
    ['a model with U+0000', { model: 'kling\u0000', prompt: 'x' }, 'model'],
    [
      'a callback URL with U+0000',
      { prompt: 'x', callback_url: 'https://hooks.example.com/\u0000' },
      'callback_url',
    ],
    [
      'an image URL with U+0000',
      { image_list: [{ image_url: 'https://a.example/\u0000.png' }] },
      'image_list.0.image_url',
    ],
  ])('refuses %s with 422, naming the field; nothing is sent', async (_, fields, at) => {
    const body = await expectError(
      await post(JSON.stringify({ model: 'kling-v1', ...fields })),
      422,
      'validation_failed',
    );
    expect(body.error.issues?.map((issue) => issue.path)).toContain(at);
    expect(fake.createCalls()).toHaveLength(0);
  });

  it('keeps emoji and other surrogate pairs', async () => {
    const response = await post(JSON.stringify({ model: 'kling-v1', prompt: `A fox 🦊 ${randomUUID()}` }));
    expect(response.status).toBe(201);
  });

  it.each([
    ['a search', '?q=a%00b'],
    ['a status', '?status=%00'],
    ['a raw cursor', '?cursor=%00'],
    [
      'a cursor whose id is U+0000',
      `?cursor=${Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', '\u0000'])).toString('base64url')}`,
    ],
  ])('refuses %s holding U+0000 in the list query with 422', async (_, query) => {
    await expectError(
      await routes.submissions.GET(request(`/api/submissions${query}`)),
      422,
      'validation_failed',
    );
  });

  it('refuses a submission ID holding U+0000 with 422, on the detail and on refresh', async () => {
    await expectError(
      await routes.one.GET(request('/api/submissions/%00'), params({ id: '\u0000' })),
      422,
      'validation_failed',
    );
    await expectError(
      await routes.refresh.POST(
        request('/api/submissions/%00/refresh', { method: 'POST' }),
        params({ id: '\u0000' }),
      ),
      422,
      'validation_failed',
    );
  });

  it.each(['abc', '1', 'x'.repeat(100_000), '00000000-0000-0000-0000-00000000000g'])(
    'answers 404 for an ID that is not a UUID (%#), without asking the database',
    async (id) => {
      await expectError(
        await routes.one.GET(request(`/api/submissions/${id}`), params({ id })),
        404,
        'not_found',
      );
    },
  );

  it('refuses a body that names a key twice with 400 invalid_json', async () => {
    await expectError(
      await post('{"model":"kling-v1","prompt":"shown","prompt":"sent"}'),
      400,
      'invalid_json',
    );
    expect(fake.createCalls()).toHaveLength(0);
  });
});

describe('hosts and origins', () => {
  it.each([
    [
      'a submission',
      () => post(JSON.stringify({ model: 'kling-v1', prompt: 'x' }), { host: 'evil.example:3000' }),
    ],
    [
      'history',
      () => routes.submissions.GET(request('/api/submissions', { headers: { host: 'evil.example:3000' } })),
    ],
    [
      'the health check',
      () => routes.health.GET(request('/api/health', { headers: { host: 'evil.example' } })),
    ],
    [
      'a method a route does not serve',
      () =>
        routes.health.DELETE(request('/api/health', { method: 'DELETE', headers: { host: 'evil.example' } })),
    ],
  ])('answers %s sent to a foreign Host with 421 misdirected_request', async (_, send) => {
    await expectError(await send(), 421, 'misdirected_request');
    expect(fake.createCalls()).toHaveLength(0);
  });

  it('refuses an https Origin for this http host and port (403), and a cross-site browser without one', async () => {
    const body = JSON.stringify({ model: 'kling-v1', prompt: 'x' });
    await expectError(await post(body, { origin: 'https://127.0.0.1:3000' }), 403, 'forbidden_origin');
    await expectError(await post(body, { 'sec-fetch-site': 'cross-site' }), 403, 'forbidden_origin');
    expect(fake.createCalls()).toHaveLength(0);
    expect((await post(body, { origin: 'http://127.0.0.1:3000' })).status).toBe(201);
  });

  it('ignores X-Forwarded-Host from a client that is not a trusted proxy', async () => {
    const body = JSON.stringify({ model: 'kling-v1', prompt: 'x' });
    const headers = {
      origin: 'http://evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'http',
    };
    await expectError(await post(body, headers), 403, 'forbidden_origin');
  });
});

describe('methods', () => {
  it('answers a method a route does not serve with 405 in the envelope and an Allow header', async () => {
    const response = await routes.submissions.PUT(request('/api/submissions', { method: 'PUT' }));
    const body = await expectError(response, 405, 'method_not_allowed');
    expect(body.error.message).toBe('This address answers only GET and POST requests.');
    expect(response.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const options = await routes.submissions.OPTIONS(request('/api/submissions', { method: 'OPTIONS' }));
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
  });
});

describe('limits', () => {
  it('counts refreshes against the user’s limit, together with their submissions', async () => {
    const created = await (
      await post(JSON.stringify({ model: 'kling-v1', prompt: `refresh ${randomUUID()}` }))
    ).json();
    const refresh = () =>
      routes.refresh.POST(
        request(`/api/submissions/${created.id}/refresh`, { method: 'POST' }),
        params({ id: created.id }),
      );
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(200);
    const refused = await expectError(await refresh(), 429, 'rate_limited');
    expect(refused.error.message).toMatch(/Too many status checks from your account: at most 3 a minute/);
  });

  it('brings an upstream Retry-After of 99999999999 s down to 3600, in the header and the message', async () => {
    fake.nextReply({
      kind: 'status',
      status: 429,
      body: { code: 1303, message: 'busy' },
      headers: { 'Retry-After': '99999999999' },
    });
    const response = await post(JSON.stringify({ model: 'kling-v1', prompt: `retry ${randomUUID()}` }));
    const body = await expectError(response, 503, 'upstream_rate_limited');
    expect(response.headers.get('retry-after')).toBe('3600');
    expect(body.error.message).toContain('Try again in 3600 s.');
  });
});
