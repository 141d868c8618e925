import { randomUUID } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { authHeaders } from './support/accounts';
import type { AppProcess } from './support/app-process';
import { expect, test, upstreamEnv } from './support/fixtures';

// Forged headers and hostile requests against the built app under `next start` (docs/reliability.md,
// "Hostile input and forged headers").

test.beforeEach(({ upstream }) => upstream.reset());

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with headers fetch would not send as given (Host, TRACE). */
function raw(
  app: AppProcess,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  return new Promise<RawAnswer>((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: app.port, method, path, headers, agent: false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const submission = () => JSON.stringify({ model: 'kling-v1', prompt: `A heron at dawn ${randomUUID()}` });
const JSON_BODY = { 'content-type': 'application/json' };

test('forged X-Forwarded-For no longer escapes the rate limit; behind a trusted proxy its hop is the client', async ({
  launchApp,
  upstream,
}) => {
  // Two apps and 150 requests one after another: more than a minute on a busy machine.
  test.setTimeout(180_000);
  const app = await launchApp({
    env: { ...upstreamEnv(upstream), RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_LOOPBACK: 'true' },
  });
  const post = (forwardedFor?: string) =>
    raw(
      app,
      'POST',
      '/api/submissions',
      { ...JSON_BODY, ...authHeaders(app), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      submission(),
    );

  for (let i = 0; i < 3; i++) expect((await post()).status).toBe(201);
  // A loopback hop written by the client is not the socket: it does not exempt it.
  expect((await post('203.0.113.7, 127.0.0.1')).status).toBe(429);
  const forged: number[] = [];
  for (let i = 1; i <= 150; i++) forged.push((await post(`198.51.${Math.floor(i / 250)}.${i % 250}`)).status);
  expect(forged.filter((status) => status !== 429)).toEqual([]);
  expect(upstream.createCalls()).toHaveLength(3);

  // With the test client listed as a proxy, the address it forwards is the client: sign-in attempts,
  // counted per address, show it (one a minute here).
  const proxied = await launchApp({
    env: { ...upstreamEnv(upstream), SIGN_IN_ATTEMPTS_PER_MINUTE: '1', TRUSTED_PROXIES: '127.0.0.1' },
    warmUp: false,
  });
  const signInVia = (client: string) =>
    raw(
      proxied,
      'POST',
      '/api/auth/sign-in/email',
      { ...JSON_BODY, 'x-forwarded-for': client },
      JSON.stringify({ email: 'someone@studio.test', password: 'not the password' }),
    );
  expect((await signInVia('203.0.113.7')).status).toBe(401);
  expect((await signInVia('203.0.113.7')).status).toBe(429);
  expect((await signInVia('203.0.113.7, 203.0.113.8')).status).toBe(401);
});

test('a request to a host name the app does not answer to gets 421, pages and API alike', async ({
  launchApp,
}) => {
  const app = await launchApp({ env: { ALLOWED_HOSTS: 'studio.test' } });
  for (const path of ['/', '/submissions', '/api/submissions?limit=1', '/api/health']) {
    const answer = await raw(app, 'GET', path, { host: `evil.example:${app.port}` });
    expect(answer.status, path).toBe(421);
    expect(JSON.parse(answer.body), path).toMatchObject({ error: { code: 'misdirected_request' } });
  }
  const rebound = await raw(
    app,
    'POST',
    '/api/submissions',
    {
      ...JSON_BODY,
      host: `evil.example:${app.port}`,
      origin: `http://evil.example:${app.port}`,
    },
    submission(),
  );
  expect(rebound.status).toBe(421);
  for (const host of [
    `localhost:${app.port}`,
    `127.0.0.1:${app.port}`,
    'studio.test',
    `studio.test:${app.port}`,
  ]) {
    expect((await raw(app, 'GET', '/api/health', { host })).status, host).toBe(200);
  }
  expect((await raw(app, 'GET', '/sign-in', { host: `localhost:${app.port}` })).status).toBe(200);
});

test('TRACE and other methods get the JSON 405, with nothing logged', async ({ app }) => {
  const before = app.output().length;
  for (const [method, path] of [
    ['TRACE', '/api/submissions'],
    ['TRACE', '/'],
    ['PROPFIND', '/submissions'],
  ] as const) {
    const answer = await raw(app, method, path);
    expect(answer.status, `${method} ${path}`).toBe(405);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'method_not_allowed', message: `This server does not answer ${method} requests.` },
    });
  }
  expect(app.output().slice(before)).not.toMatch(/\s+at |TypeError/);
});

test('no input gives a 500: NUL in ids, queries and bodies, broken escapes', async ({ app }) => {
  const cursorWithNul = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', '\u0000'])).toString('base64url');
  const cases: [string, string, number, string?][] = [
    ['GET', '/api/submissions/%00', 422],
    ['POST', '/api/submissions/%00/refresh', 422],
    ['GET', '/api/submissions/not-an-id', 404],
    ['GET', '/api/submissions?q=a%00b', 422],
    ['GET', `/api/submissions?cursor=${cursorWithNul}`, 422],
    ['GET', '/api/submissions/%ED%A0%80', 422],
    ['POST', '/api/submissions', 422, JSON.stringify({ model: 'kling-v1', prompt: 'a\u0000b' })],
    ['POST', '/api/submissions', 422, '{"model":"kling-v1","prompt":"\\ud800"}'],
    ['POST', '/api/submissions', 400, '{"model":"kling-v1","prompt":"a","prompt":"b"}'],
  ];
  for (const [method, path, status, body] of cases) {
    const answer = await raw(app, method, path, { ...authHeaders(app), ...(body ? JSON_BODY : {}) }, body);
    expect(answer.status, `${method} ${path} ${body ?? ''}`).toBe(status);
    expect(answer.headers['content-type']).toContain('application/json');
  }
  for (const path of ['/submissions?q=a%00b', `/submissions?cursor=${cursorWithNul}`, '/submissions/%00']) {
    expect((await raw(app, 'GET', path, authHeaders(app))).status, path).toBeLessThan(500);
  }
});

test('a query crafted as a log line writes no forged line to the server output', async ({ app }) => {
  const before = app.output().length;
  const forged = encodeURIComponent('\u0000\n{"level":"info","message":"forged"}');
  expect((await raw(app, 'GET', `/submissions?q=${forged}`, authHeaders(app))).status).toBeLessThan(500);
  expect((await raw(app, 'GET', `/api/submissions?q=${forged}`, authHeaders(app))).status).toBe(422);
  const lines = app.output().slice(before).split('\n');
  expect(
    lines.filter((line) => line.includes('"message":"forged"') && !line.includes('\\"message\\"')),
  ).toEqual([]);
});

test('a client trickling its body is cut off after about 30 s, not held 5 minutes', async ({ app }) => {
  test.setTimeout(120_000);
  const socket = net.connect(app.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const started = Date.now();
  let answer = '';
  socket.on('data', (chunk) => {
    answer += chunk.toString('latin1');
  });
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  socket.write(
    `POST /api/submissions HTTP/1.1\r\nHost: 127.0.0.1:${app.port}\r\nAuthorization: ${authHeaders(app).authorization}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
  );
  const trickle = setInterval(() => {
    if (!socket.destroyed) socket.write(' ');
  }, 2_000);
  try {
    const heldMs = await closed;
    // Node checks every 30 s: a request begun 30 s ago is closed at the next check.
    expect(heldMs).toBeGreaterThanOrEqual(29_000);
    expect(heldMs).toBeLessThan(65_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408|^$/);
  } finally {
    clearInterval(trickle);
    socket.destroy();
  }
});

test('GET /api/health says ok and nothing else; GET /api/openapi.json describes the API', async ({
  request,
}) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.text()).toBe('{"status":"ok"}');
  const document = await (await request.get('/api/openapi.json')).json();
  expect(document.openapi).toBe('3.1.0');
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining([
      '/api/submissions',
      '/api/submissions/{id}',
      '/api/health',
      '/api/callbacks/kling',
    ]),
  );
});
