import { createHmac, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase, type TestDatabase } from '@/e2e/support/test-databases';
import { session, user } from '@/lib/db/account-schema';
import { openDatabase } from '@/lib/db/client';
import { createUserStore } from '@/lib/users/user-store';
import { createActorCache } from './actor-cache';
import { createActorStore } from './actor-store';
import { createApiTokens } from './api-tokens';
import { localAuthChanges, postgresAuthChanges } from './auth-changes';
import { createAuthenticator } from './authenticate';
import { sessionKey } from './credential-key';

const SECRET = 'cookie-signing-secret-for-tests-0123456789';

/** A session cookie exactly as Better Auth signs it. */
function cookieFor(token: string, secret = SECRET): string {
  const signature = createHmac('sha256', secret).update(token).digest('base64');
  return `better-auth.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

async function newUser(database: TestDatabase, role: 'creator' | 'reviewer' | 'admin' = 'creator') {
  const id = randomUUID();
  await database.db
    .insert(user)
    .values({ id, name: `User ${id.slice(0, 4)}`, email: `${id}@${database.token}.test`, role });
  return id;
}

async function newSession(database: TestDatabase, userId: string, expiresInMs = 3_600_000) {
  const token = randomUUID().replaceAll('-', '');
  await database.db
    .insert(session)
    .values({ id: randomUUID(), token, userId, expiresAt: new Date(Date.now() + expiresInMs) });
  return cookieFor(token);
}

describeEachDatabase('who a request acts for', (database) => {
  const setup = () => {
    const cache = createActorCache();
    const changes = localAuthChanges(cache);
    const authenticate = createAuthenticator({ store: createActorStore(database.db), cache, secret: SECRET });
    return { cache, changes, authenticate };
  };

  it('reads the signed session cookie, and refuses a forged, expired or missing one', async () => {
    const { authenticate } = setup();
    const id = await newUser(database, 'reviewer');
    const cookie = await newSession(database, id);
    await expect(authenticate(new Headers({ cookie }))).resolves.toMatchObject({
      id,
      role: 'reviewer',
      via: 'session',
    });
    const token = decodeURIComponent(cookie.split('=')[1] ?? '').split('.')[0] ?? '';
    await expect(
      authenticate(new Headers({ cookie: cookieFor(token, 'not-the-secret-not-the-secret-00') })),
    ).resolves.toBeNull();
    await expect(
      authenticate(new Headers({ cookie: `better-auth.session_token=${token}` })),
    ).resolves.toBeNull();
    await expect(
      authenticate(new Headers({ cookie: await newSession(database, id, -1_000) })),
    ).resolves.toBeNull();
    await expect(authenticate(new Headers())).resolves.toBeNull();
  });

  it('ends a live session at once when its user is disabled, although the sign-in was cached', async () => {
    const { authenticate, changes } = setup();
    const id = await newUser(database);
    const cookie = await newSession(database, id);
    expect(await authenticate(new Headers({ cookie }))).not.toBeNull();
    expect(await authenticate(new Headers({ cookie }))).not.toBeNull();
    const users = createUserStore(database.db);
    await users.update(id, { banned: true }, new Date());
    await users.endSignIns(id);
    await changes.publish({ kind: 'user', userId: id });
    await expect(authenticate(new Headers({ cookie }))).resolves.toBeNull();
  });

  it('ends a signed-out session at once', async () => {
    const { authenticate, changes } = setup();
    const id = await newUser(database);
    const cookie = await newSession(database, id);
    const token = decodeURIComponent(cookie.split('=')[1] ?? '').split('.')[0] ?? '';
    expect(await authenticate(new Headers({ cookie }))).not.toBeNull();
    await database.db.delete(session).where(eq(session.token, token));
    await changes.publish({ kind: 'credential', key: sessionKey(token) });
    await expect(authenticate(new Headers({ cookie }))).resolves.toBeNull();
  });

  it('acts for the owner of an API token until it is revoked; a wrong token never falls back to the cookie', async () => {
    const { authenticate, changes } = setup();
    const id = await newUser(database, 'admin');
    const tokens = createApiTokens(database.db, changes);
    const created = await tokens.create(id, 'nightly script');
    expect(created.token).toMatch(/^ovs_[A-Za-z0-9_-]{43}$/);
    const bearer = new Headers({ authorization: `Bearer ${created.token}` });
    await expect(authenticate(bearer)).resolves.toMatchObject({ id, role: 'admin', via: 'token' });
    expect(await tokens.list(id)).toEqual([
      { id: created.id, name: 'nightly script', createdAt: created.createdAt },
    ]);
    const cookie = await newSession(database, id);
    await expect(authenticate(new Headers({ authorization: 'Bearer ovs_nope', cookie }))).resolves.toBeNull();
    expect(await tokens.revoke(await newUser(database), created.id)).toBe(false);
    expect(await tokens.revoke(id, created.id)).toBe(true);
    await expect(authenticate(bearer)).resolves.toBeNull();
  });

  it('sees a role change from the next request on', async () => {
    const { authenticate, changes } = setup();
    const id = await newUser(database, 'reviewer');
    const cookie = await newSession(database, id);
    expect((await authenticate(new Headers({ cookie })))?.role).toBe('reviewer');
    await createUserStore(database.db).update(id, { role: 'creator' }, new Date());
    await changes.publish({ kind: 'user', userId: id });
    expect((await authenticate(new Headers({ cookie })))?.role).toBe('creator');
  });
});

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

// Two instances need a PostgreSQL server to share; the CI script always provides one.
describe.skipIf(!TEST_DATABASE_URL)('sign-in changes across instances on PostgreSQL', () => {
  it('signs out a user disabled through one instance on another, from its next request on', async () => {
    const url = TEST_DATABASE_URL as string;
    const mine = await openDatabase({ databaseUrl: url, dataDir: null });
    const other = await openDatabase({ databaseUrl: url, dataDir: null });
    const cacheA = createActorCache();
    const cacheB = createActorCache();
    const changesA = await postgresAuthChanges(mine.db, url, cacheA);
    const changesB = await postgresAuthChanges(other.db, url, cacheB);
    try {
      const b = createAuthenticator({ store: createActorStore(other.db), cache: cacheB, secret: SECRET });
      const pg = { db: mine.db, kind: 'postgres' as const, token: `t${randomUUID().slice(0, 8)}` };
      const id = await newUser(pg);
      const cookie = await newSession(pg, id);
      expect(await b(new Headers({ cookie }))).not.toBeNull();
      expect(await b(new Headers({ cookie }))).not.toBeNull();
      await createUserStore(mine.db).update(id, { banned: true }, new Date());
      await changesA.publish({ kind: 'user', userId: id });
      await expect(b(new Headers({ cookie }))).resolves.toBeNull();
    } finally {
      await changesA.close();
      await changesB.close();
      await mine.close();
      await other.close();
    }
  });
});
