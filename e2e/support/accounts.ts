import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { sessionCookieName } from '../../lib/auth/cookie-name';
import type { UserRole } from '../../lib/contract/accounts';
import { type AppProcess, TEST_ADMIN } from './app-process';

/** A signed-in person of a test app: their session (the signed cookie value) and an API token. */
export interface Identity {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  /** The session cookie's value; its name follows the app's origin. */
  session: string;
  token: string;
}

/** The people every test app has: its first admin, a reviewer and two creators. */
export interface Accounts {
  admin: Identity;
  reviewer: Identity;
  creator: Identity;
  otherCreator: Identity;
}

export type Persona = keyof Accounts;

const PASSWORD = 'e2e user password 52c8';

/** POST with the app's own Origin, as its pages send it. */
async function post(app: AppProcess, path: string, body: unknown, session?: string): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: app.url,
      ...(session ? { cookie: `${sessionCookieName(app.url)}=${session}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

async function expectOk(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Signs in through the API; the session cookie's value. */
export async function signInSession(app: AppProcess, email: string, password: string): Promise<string> {
  const response = await post(app, '/api/auth/sign-in/email', { email, password });
  await expectOk(response, `sign-in of ${email}`);
  const cookie = response.headers.getSetCookie().find((line) => line.includes('.session_token='));
  const value = cookie?.split(';')[0]?.split('=').slice(1).join('=');
  if (!value) throw new Error(`sign-in of ${email} set no session cookie`);
  return value;
}

async function identity(app: AppProcess, email: string, password: string): Promise<Identity> {
  const session = await signInSession(app, email, password);
  const me = (await expectOk(
    await fetch(`${app.url}/api/me`, { headers: { cookie: `${sessionCookieName(app.url)}=${session}` } }),
    `me of ${email}`,
  )) as { id: string; name: string; role: UserRole };
  const { token } = (await expectOk(await post(app, '/api/tokens', { name: 'e2e' }, session), 'token')) as {
    token: string;
  };
  return { id: me.id, name: me.name, email, role: me.role, session, token };
}

async function provision(app: AppProcess): Promise<Accounts> {
  const admin = await identity(app, TEST_ADMIN.email, TEST_ADMIN.password);
  const people = [
    { persona: 'reviewer', name: 'Rita Reviewer', role: 'reviewer' },
    { persona: 'creator', name: 'Cleo Creator', role: 'creator' },
    { persona: 'otherCreator', name: 'Otto Other', role: 'creator' },
  ] as const;
  const made = await Promise.all(
    people.map(async (person) => {
      const email = `${person.persona.toLowerCase()}@studio.test`;
      const created = await post(
        app,
        '/api/users',
        { email, name: person.name, role: person.role, password: PASSWORD },
        admin.session,
      );
      // A restarted instance on the same database has its people already.
      if (created.status !== 409) await expectOk(created, `creating ${email}`);
      return [person.persona, await identity(app, email, PASSWORD)] as const;
    }),
  );
  return { admin, ...Object.fromEntries(made) } as Accounts;
}

// Per worker process: the people of each database, and the apps now running on one.
const byDatabase = new Map<string, Promise<Accounts>>();
const running = new Map<string, { app: AppProcess; accounts: Accounts }>();
const listeners = new Set<(app: AppProcess, accounts: Accounts) => void>();

/** Gives a started app its people (once per database) and makes it known to signed-in pages and requests. */
export async function registerApp(app: AppProcess): Promise<Accounts> {
  let accounts = byDatabase.get(app.databaseKey);
  if (!accounts) {
    accounts = provision(app);
    byDatabase.set(app.databaseKey, accounts);
    accounts.catch(() => byDatabase.delete(app.databaseKey));
  }
  const ready = await accounts;
  running.set(app.url, { app, accounts: ready });
  for (const listener of listeners) listener(app, ready);
  return ready;
}

/**
 * Makes an app known without touching its database, when the people of that database were made
 * before (an app started behind a database that does not answer yet); otherwise nothing.
 */
export async function registerIfKnown(app: AppProcess): Promise<void> {
  const accounts = byDatabase.get(app.databaseKey);
  if (!accounts) return;
  const ready = await accounts;
  running.set(app.url, { app, accounts: ready });
  for (const listener of listeners) listener(app, ready);
}

export function forgetApp(app: AppProcess): void {
  running.delete(app.url);
}

/** The people of a running app. */
export function accountsOf(app: AppProcess): Accounts {
  const entry = running.get(app.url);
  if (!entry) throw new Error(`no accounts for ${app.url}: start it through the fixtures`);
  return entry.accounts;
}

/** `Authorization` for one person of `app`: their API token. */
export const authHeaders = (app: AppProcess, persona: Persona = 'creator') => ({
  authorization: `Bearer ${accountsOf(app)[persona].token}`,
});

/** The session cookie of one person, for a browser context. */
export function sessionCookie(app: AppProcess, persona: Persona) {
  const { hostname } = new URL(app.url);
  return {
    name: sessionCookieName(app.url),
    value: accountsOf(app)[persona].session,
    domain: hostname,
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: false,
  };
}

/**
 * Signs a browser context in as `persona` on every running app, and on each app started while it
 * is open: every app's cookie has its own name, so they sit side by side.
 */
export async function signInContext(context: BrowserContext, persona: Persona): Promise<() => void> {
  await context.addCookies([...running.values()].map(({ app }) => sessionCookie(app, persona)));
  const listener = (app: AppProcess) =>
    void context.addCookies([sessionCookie(app, persona)]).catch(() => {});
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A request context that acts as `persona` on whichever running app a request goes to (its API
 * token), unless the request names its own Authorization.
 */
export function actingAs(request: APIRequestContext, persona: Persona, baseURL?: string): APIRequestContext {
  type Options = { headers?: Record<string, string> } | undefined;
  const withAuth = (given: string, options: Options) => {
    const url = given.startsWith('/') && baseURL ? `${baseURL}${given}` : given;
    const entry = [...running.values()].find(({ app }) => url.startsWith(`${app.url}/`) || url === app.url);
    if (!entry || options?.headers?.authorization !== undefined) return options;
    return {
      ...options,
      headers: { authorization: `Bearer ${entry.accounts[persona].token}`, ...options?.headers },
    };
  };
  return new Proxy(request, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (!['get', 'post', 'put', 'patch', 'delete', 'head', 'fetch'].includes(String(property)))
        return value;
      return (url: string, options?: Options) =>
        (value as (url: string, options?: Options) => unknown).call(
          target,
          url,
          withAuth(String(url), options),
        );
    },
  });
}
