import { randomUUID } from 'node:crypto';
import { authHeaders, type Persona } from './support/accounts';
import { openComposer } from './support/composer';
import { expect, test, upstreamEnv } from './support/fixtures';

/** A client on another machine, as a reverse proxy on this one forwards it. */
const REMOTE = { 'x-forwarded-for': '203.0.113.42' };
/** Another machine again: limits count per user, not per address, once signed in. */
const ELSEWHERE = { 'x-forwarded-for': '198.51.100.8' };
/** The tests' own requests stand for that proxy: its X-Forwarded-For is believed. */
const BEHIND_PROXY = { TRUSTED_PROXIES: '127.0.0.1' };
// These tests start their own apps on the worker's fake upstream: start each from no recorded calls.
test.beforeEach(({ upstream }) => upstream.reset());

const body = () => ({ model: 'kling-v1', prompt: `A lighthouse at dusk ${randomUUID()}` });

test('one user past their submissions a minute gets 429 with Retry-After, and nothing reaches the upstream', async ({
  launchApp,
  upstream,
}) => {
  const app = await launchApp({
    env: { ...upstreamEnv(upstream), ...BEHIND_PROXY, RATE_LIMIT_PER_MINUTE: '3' },
  });
  const post = (headers: Record<string, string>, persona: Persona = 'creator') =>
    fetch(`${app.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(app, persona), ...headers },
      body: JSON.stringify(body()),
    });

  for (let i = 0; i < 3; i++) expect((await post(REMOTE)).status).toBe(201);
  // The same user from another address is the same user.
  const refused = await post(ELSEWHERE);
  expect(refused.status).toBe(429);
  const retryAfter = Number(refused.headers.get('retry-after'));
  // Three a minute: the next one comes back within 20 s.
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(20);
  const envelope = await refused.json();
  expect(envelope).toEqual({
    error: {
      code: 'rate_limited',
      message: expect.stringMatching(/at most 3 a minute\. Nothing was sent\./),
    },
  });
  expect(upstream.createCalls()).toHaveLength(3);

  // Another user is not held back by the first one, from the same address.
  expect((await post(REMOTE, 'otherCreator')).status).toBe(201);
  // The operator's own scripts on this machine (no forwarded hop) are not limited (RATE_LIMIT_LOOPBACK unset).
  for (let i = 0; i < 4; i++) expect((await post({})).status).toBe(201);
  expect(upstream.createCalls()).toHaveLength(8);
});

test('a creator who submits too often is told how long to wait, at the form', async ({
  launchApp,
  upstream,
  page,
}) => {
  const app = await launchApp({
    env: { ...upstreamEnv(upstream), ...BEHIND_PROXY, RATE_LIMIT_PER_MINUTE: '1' },
  });
  await page.setExtraHTTPHeaders(REMOTE);
  const c = await openComposer(page, app.url);
  await c.prompt.fill(`A paper boat on a puddle ${randomUUID()}`);
  await c.submit.click();
  await expect(c.success).toBeVisible();

  await c.prompt.fill(`A paper boat in the rain ${randomUUID()}`);
  await c.submit.click();
  await expect(c.failure).toBeVisible();
  // One message says what happened; Submit itself counts down to when it may be used again.
  await expect(c.failure).toContainText(
    'Too many submissions from your account: at most 1 a minute. Nothing was sent.',
  );
  await expect(c.failure).not.toContainText(/wait|seconds|try again/i);
  await expect(c.submit).toBeDisabled();
  await expect(c.submit).toHaveText(/^Submit in ([1-5]?\d|60) s$/);
  const first = Number(/(\d+) s$/.exec((await c.submit.textContent()) ?? '')?.[1]);
  await expect(c.submit).not.toHaveText(`Submit in ${first} s`);
  // Ctrl+Enter does not get around it either.
  await c.prompt.press('Control+Enter');
  expect(upstream.createCalls()).toHaveLength(1);
});

test('RATE_LIMIT_LOOPBACK=true counts clients on this machine too', async ({ launchApp, upstream }) => {
  const app = await launchApp({
    env: { ...upstreamEnv(upstream), RATE_LIMIT_PER_MINUTE: '2', RATE_LIMIT_LOOPBACK: 'true' },
  });
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const response = await fetch(`${app.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(app) },
      body: JSON.stringify(body()),
    });
    statuses.push(response.status);
  }
  expect(statuses).toEqual([201, 201, 429]);
});
