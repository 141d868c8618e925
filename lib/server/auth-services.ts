import 'server-only';
import { randomBytes } from 'node:crypto';
import { createActorCache } from '@/lib/auth/actor-cache';
import { createActorStore } from '@/lib/auth/actor-store';
import { createApiTokens } from '@/lib/auth/api-tokens';
import { type AuthChanges, localAuthChanges, postgresAuthChanges } from '@/lib/auth/auth-changes';
import { type Auth, createAuth } from '@/lib/auth/auth-instance';
import { type Authenticate, createAuthenticator } from '@/lib/auth/authenticate';
import { sessionKey } from '@/lib/auth/credential-key';
import { ensureBootstrapAdmin, type FirstAdminDeps } from '@/lib/auth/first-admin';
import { signOutSession } from '@/lib/auth/password-sign-in';
import { sessionTokenFromCookie } from '@/lib/auth/session-cookie';
import { createSignInLimit } from '@/lib/auth/sign-in-limit';
import { getEnv } from '@/lib/config/env';
import type { UserCreate } from '@/lib/contract/accounts';
import { createAppSettings } from '@/lib/db/app-settings';
import { logInfo } from '@/lib/logging/log';
import { registerSecret } from '@/lib/security/secrets';
import { createUserService } from '@/lib/users/user-service';
import { createUserStore } from '@/lib/users/user-store';
import { openDatabase } from './app-services';
import { processSingleton } from './process-singleton';

const database = openDatabase;

/** BETTER_AUTH_SECRET, or a secret generated on first start and kept in the database (shared by every instance). */
export function getAuthSecret(): Promise<string> {
  return processSingleton('secret', async () => {
    const secret =
      getEnv().authSecret ??
      (await createAppSettings((await database()).db).keep(
        'auth_secret',
        randomBytes(32).toString('base64url'),
      ));
    registerSecret(secret);
    return secret;
  });
}

/** The sign-in cache and its change notices (one per process: the cache is shared by both). */
function getSignIns(): Promise<{ changes: AuthChanges; authenticate: Authenticate }> {
  return processSingleton('sign-ins', async () => {
    const { db } = await database();
    const url = getEnv().databaseUrl;
    const cache = createActorCache();
    const changes = url ? await postgresAuthChanges(db, url, cache) : localAuthChanges(cache);
    const authenticate = createAuthenticator({
      store: createActorStore(db),
      cache,
      secret: await getAuthSecret(),
    });
    return { changes, authenticate };
  });
}

export async function getAuthChanges(): Promise<AuthChanges> {
  return (await getSignIns()).changes;
}

/** The per-request check: who a request acts for (API token or session cookie), or null. */
export async function getAuthenticate(): Promise<Authenticate> {
  return (await getSignIns()).authenticate;
}

/** Better Auth for one origin (the browser's, or APP_PUBLIC_URL): cookies and origin checks follow it. */
export function getAuth(origin: string): Promise<Auth> {
  return processSingleton(`auth ${origin}`, async () =>
    createAuth({ db: (await database()).db, secret: await getAuthSecret(), origin }),
  );
}

/** Creates a user with a password sign-in; no request is involved, so no origin matters. */
async function createAccount(input: UserCreate): Promise<{ id: string }> {
  const auth = await getAuth(getEnv().publicUrl ?? 'http://localhost');
  const { user } = await auth.api.createUser({
    body: { email: input.email, password: input.password, name: input.name, role: input.role },
  });
  return { id: user.id };
}

export async function getUserService() {
  const { db } = await database();
  return createUserService({
    store: createUserStore(db),
    changes: await getAuthChanges(),
    createAccount,
    appDailyLimit: getEnv().dailyVideoSecondsLimit,
  });
}

export async function getApiTokens() {
  return createApiTokens((await database()).db, await getAuthChanges());
}

export async function getSignInLimit() {
  return createSignInLimit((await database()).db, getEnv().signInAttemptsPerMinute);
}

async function firstAdminDeps(): Promise<FirstAdminDeps> {
  const { db } = await database();
  return {
    users: createUserStore(db),
    settings: createAppSettings(db),
    createAccount,
    bootstrapConfigured: getEnv().bootstrapAdmin !== null,
  };
}

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD: the first admin exists from the first start on. Started with the
 * server; sign-in and setup wait for it, so a sign-in right after start finds the admin.
 */
export function ensureAdminFromEnvironment(): Promise<void> {
  return processSingleton('admin from environment', async () => {
    const admin = getEnv().bootstrapAdmin;
    if (!admin) return;
    const outcome = await ensureBootstrapAdmin(await firstAdminDeps(), admin);
    logInfo(outcome === 'created' ? 'admin created from ADMIN_EMAIL' : 'admin from ADMIN_EMAIL exists', {});
  });
}

/** What /setup needs, once the environment's admin (if any) exists. */
export async function getFirstAdminDeps(): Promise<FirstAdminDeps> {
  await ensureAdminFromEnvironment();
  return firstAdminDeps();
}

/** Signs the request's session out: deleted, its cookie cleared, and forgotten by every instance at once. */
export async function signOutEverywhere(
  auth: Auth,
  requestHeaders: Headers,
  secret: string,
): Promise<string[]> {
  const token = sessionTokenFromCookie(requestHeaders.get('cookie'), secret);
  const setCookie = await signOutSession(auth, requestHeaders);
  if (token) await (await getAuthChanges()).publish({ kind: 'credential', key: sessionKey(token) });
  return setCookie;
}
