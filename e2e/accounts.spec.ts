import { randomUUID } from 'node:crypto';
import { sessionCookieName } from '../lib/auth/cookie-name';
import { accountsOf, authHeaders, signInSession } from './support/accounts';
import { TEST_ADMIN } from './support/app-process';
import { openComposer } from './support/composer';
import { expect, test, upstreamEnv } from './support/fixtures';

// Accounts as people meet them: the first visit, signing in and out, what each role's menu offers,
// and an admin's controls taking effect at once.

test.describe('signed out', () => {
  test.use({ persona: 'nobody' });

  test('a first start without ADMIN_EMAIL asks for the first admin, signs them in, and /setup is gone after', async ({
    launchApp,
    page,
  }) => {
    const app = await launchApp({ env: { ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }, warmUp: false });
    await page.goto(`${app.url}/submissions`);
    await expect(page).toHaveURL(`${app.url}/setup`);
    await expect(page.getByRole('heading', { name: 'Create the first admin account' })).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill('Ada Admin');
    await page.getByLabel('Email', { exact: true }).fill('ada@studio.test');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    const password = page.getByLabel('Password', { exact: true });
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toBeFocused();
    await expect(page.getByText('Password must be at least 12 characters.')).toBeVisible();
    await password.fill('a long admin password');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await expect(page.getByRole('heading', { name: 'Compose a video request' })).toBeVisible();
    await expect(page.getByText('Signed in as Ada Admin')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Users' })).toBeVisible();

    await page.goto(`${app.url}/setup`);
    await expect(page).toHaveURL(/\/(sign-in|$)/);
    const again = await fetch(`${app.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Eve', email: 'eve@studio.test', password: 'another long password' }),
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('already_set_up');
  });

  test('a signed-out visitor is sent to sign in and comes back to the page they asked for', async ({
    app,
    page,
  }) => {
    await page.goto(`${app.url}/submissions?status=failed`);
    await expect(page).toHaveURL(
      `${app.url}/sign-in?next=${encodeURIComponent('/submissions?status=failed')}`,
    );
    await page.getByLabel('Email', { exact: true }).fill('creator@studio.test');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'wrong' })).toHaveText(
      'The email or password is wrong. Check both and try again.',
    );
    await page.getByLabel('Password', { exact: true }).fill('e2e user password 52c8');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${app.url}/submissions?status=failed`);
    await expect(page.getByText('Signed in as Cleo Creator')).toBeVisible();
    await expect(page.getByText('(creator)')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto(`${app.url}/`);
    await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  });

  test('the API answers 401 unauthenticated without a session, and sign-in errors come in the envelope', async ({
    app,
  }) => {
    const list = await fetch(`${app.url}/api/submissions`);
    expect(list.status).toBe(401);
    expect((await list.json()).error.code).toBe('unauthenticated');
    for (const body of [
      { email: 'creator@studio.test', password: 'wrong password!' },
      { email: 'nobody@studio.test', password: 'wrong password!' },
    ]) {
      const response = await fetch(`${app.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: {
          code: 'invalid_credentials',
          message: 'The email or password is wrong. Check both and try again.',
        },
      });
    }
    const signedIn = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.getSetCookie().find((line) => line.includes('.session_token=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await signedIn.json()).user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin' });
  });

  test('sign-in attempts are limited per client address, loopback included', async ({ launchApp }) => {
    const app = await launchApp({ env: { SIGN_IN_ATTEMPTS_PER_MINUTE: '10' } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${app.url}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ email: 'creator@studio.test', password: `guess number ${i}` }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    // The fixtures' own sign-ins for this app came first: 10 a minute in all, then 429.
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });
});

test('each role sees the menu it may use, and a creator is told /admin/users is not for them', async ({
  page,
  app,
}) => {
  await page.goto(`${app.url}/`);
  const menu = page.getByRole('navigation', { name: 'Main' });
  await expect(menu.getByRole('link')).toHaveText(['Composer', 'History', 'API tokens']);
  await page.goto(`${app.url}/admin/users`);
  await expect(page.getByText('This page is for admins; you are signed in as a creator.')).toBeVisible();
});

test.describe('as an admin', () => {
  test.use({ persona: 'admin' });

  test('an admin invites a user, changes their role and limit, and disabling ends their live session at once', async ({
    page,
    app,
  }) => {
    await page.goto(`${app.url}/admin/users`);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
      'Composer',
      'History',
      'To review',
      'Users',
      'API tokens',
    ]);
    const email = `new-${randomUUID().slice(0, 8)}@studio.test`;
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Name', { exact: true }).fill('Nia New');
    await page.getByLabel('Role', { exact: true }).selectOption('reviewer');
    await page.getByLabel('Starting password', { exact: true }).fill('starting password 1234');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByRole('status')).toContainText(`Nia New can now sign in as ${email}`);
    await expect(page.getByLabel('Role of Nia New')).toHaveValue('reviewer');

    // Nia signs in elsewhere and keeps a live session.
    const session = await signInSession(app, email, 'starting password 1234');
    const asNia = { cookie: `${sessionCookieName(app.url)}=${session}` };
    expect((await fetch(`${app.url}/api/me`, { headers: asNia })).status).toBe(200);

    await page.getByLabel('Role of Nia New').selectOption('creator');
    await expect(page.getByRole('status')).toContainText('Nia New is now a creator.');
    await page.getByLabel('Daily limit of Nia New', { exact: true }).fill('60');
    await page.getByRole('button', { name: 'Save the daily limit of Nia New' }).click();
    await expect(page.getByRole('status')).toContainText('Nia New may request 60 video seconds a day.');
    const me = await (await fetch(`${app.url}/api/me`, { headers: asNia })).json();
    expect(me).toMatchObject({
      role: 'creator',
      dailyVideoSecondsLimit: 60,
      usage: { videoSecondsLast24h: 0 },
    });

    await page.getByRole('button', { name: 'Disable Nia New' }).click();
    await expect(page.getByRole('status')).toContainText('Nia New is disabled');
    const after = await fetch(`${app.url}/api/me`, { headers: asNia });
    expect(after.status).toBe(401);
    const again = await fetch(`${app.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ email, password: 'starting password 1234' }),
    });
    expect(again.status).toBe(403);
    expect((await again.json()).error.code).toBe('account_disabled');
  });

  test('the last enabled admin cannot be demoted or disabled', async ({ app }) => {
    const adminId = accountsOf(app).admin.id;
    const response = await fetch(`${app.url}/api/users/${adminId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...authHeaders(app, 'admin') },
      body: JSON.stringify({ role: 'creator' }),
    });
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe('last_admin');
  });
});

test('a creator makes an API token, sees it once, scripts a submission with it, and revokes it', async ({
  page,
  app,
}) => {
  await page.goto(`${app.url}/settings/tokens`);
  await page.getByLabel('Token name', { exact: true }).fill('nightly batch');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByLabel('New token').textContent())?.trim() ?? '';
  expect(token).toMatch(/^ovs_/);
  const submitted = await fetch(`${app.url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ model: 'kling-v1', prompt: `Scripted ${randomUUID()}` }),
  });
  expect(submitted.status).toBe(201);
  expect((await submitted.json()).createdBy).toMatchObject({ name: 'Cleo Creator' });

  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  await page.getByRole('button', { name: 'Revoke nightly batch' }).click();
  await expect(page.getByRole('button', { name: 'Revoke nightly batch' })).toHaveCount(0);
  const revoked = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(revoked.status).toBe(401);
});

test('a creator sees their use against their limit, and a request past it is explained at Submit and never sent', async ({
  launchApp,
  upstream,
  page,
}) => {
  upstream.reset();
  const app = await launchApp({ env: upstreamEnv(upstream) });
  const creator = accountsOf(app).creator;
  await fetch(`${app.url}/api/users/${creator.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...authHeaders(app, 'admin') },
    body: JSON.stringify({ dailyVideoSecondsLimit: 10 }),
  });
  const c = await openComposer(page, `${app.url}/`);
  await expect(page.getByText('0 of 10 video seconds used in the last 24 hours.')).toBeVisible();
  await c.prompt.fill(`A lantern on the water ${randomUUID()}`);
  await c.submit.click();
  await expect(c.success).toBeVisible();
  // The use beside Submit catches up without a reload.
  await expect(page.getByText('5 of 10 video seconds used in the last 24 hours.')).toBeVisible();
  await c.prompt.fill(`A lantern in the fog ${randomUUID()}`);
  await c.submit.click();
  await expect(c.success).toBeVisible();
  await page.reload();
  await expect(page.getByText('10 of 10 video seconds used in the last 24 hours.')).toBeVisible();

  await c.prompt.fill(`A lantern at dawn ${randomUUID()}`);
  await c.submit.click();
  await expect(c.failure).toContainText('You have used 10 of your daily limit of 10 video seconds');
  await expect(c.failure).toContainText('Nothing was sent.');
  expect(upstream.createCalls()).toHaveLength(2);
});

test('20 concurrent submissions at a 50-second limit: exactly 10 accepted, 10 refused with Retry-After', async ({
  launchApp,
}) => {
  const app = await launchApp();
  const creator = accountsOf(app).creator;
  await fetch(`${app.url}/api/users/${creator.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...authHeaders(app, 'admin') },
    body: JSON.stringify({ dailyVideoSecondsLimit: 50 }),
  });
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      fetch(`${app.url}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(app) },
        body: JSON.stringify({ model: 'kling-v1', prompt: `Concurrent ${i} ${randomUUID()}`, duration: '5' }),
      }),
    ),
  );
  const statuses = answers.map((answer) => answer.status).sort();
  expect(statuses.filter((status) => status === 201)).toHaveLength(10);
  const refused = answers.filter((answer) => answer.status === 429);
  expect(refused).toHaveLength(10);
  for (const answer of refused) {
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await answer.json()).error.code).toBe('spend_limit_reached');
  }
});
