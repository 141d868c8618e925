import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '@/e2e/support/postgres.mjs';
import { createAppSettings } from '@/lib/db/app-settings';
import { type Database, openDatabase } from '@/lib/db/client';
import { createUserStore } from '@/lib/users/user-store';
import { createAuth } from './auth-instance';
import { createFirstAdmin, ensureBootstrapAdmin, type FirstAdminDeps, setupNeeded } from './first-admin';

const kinds = [
  { name: 'PGlite', url: null as string | null },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'PostgreSQL', url: process.env.TEST_DATABASE_URL }] : []),
];

// Setup needs a database with no user at all: a new one per run.
describe.each(kinds)('the first admin ($name)', ({ url }) => {
  let database: Database;
  let drop: () => Promise<void> = async () => {};
  let deps: FirstAdminDeps;

  beforeAll(async () => {
    let databaseUrl: string | null = null;
    if (url) {
      const fresh = await freshDatabase(url, 'omni_unit');
      if (!fresh.fresh) throw new Error('the first-admin tests need a role that may create databases');
      databaseUrl = fresh.url;
      drop = fresh.drop;
    }
    database = await openDatabase({ databaseUrl, dataDir: null });
    const auth = createAuth({
      db: database.db,
      secret: 'first-admin-test-secret-0123456789ab',
      origin: 'http://127.0.0.1',
    });
    deps = {
      users: createUserStore(database.db),
      settings: createAppSettings(database.db),
      bootstrapConfigured: false,
      createAccount: async (input) => (await auth.api.createUser({ body: input })).user,
    };
  });
  afterAll(async () => {
    await database?.close();
    await drop();
  });

  it('has exactly one winner among concurrent setups, and setup is gone afterwards', async () => {
    expect(await setupNeeded(deps)).toBe(true);
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        createFirstAdmin(deps, {
          name: `Admin ${i}`,
          email: `admin${i}@example.com`,
          password: 'a long enough password',
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((a) => a.status === 'rejected')) {
      expect((attempt as PromiseRejectedResult).reason).toMatchObject({
        code: 'already_set_up',
        status: 409,
      });
    }
    const users = await createUserStore(database.db).list();
    expect(users).toHaveLength(1);
    expect(users[0]?.role).toBe('admin');
    expect(await setupNeeded(deps)).toBe(false);
  });

  it('creates the environment admin once and never changes an existing user', async () => {
    const email = `ops-${randomUUID().slice(0, 6)}@example.com`;
    expect(await ensureBootstrapAdmin(deps, { email, password: 'first password here' })).toBe('created');
    expect(
      await ensureBootstrapAdmin(deps, { email: email.toUpperCase(), password: 'other password here' }),
    ).toBe('exists');
    const row = await createUserStore(database.db).findByEmail(email);
    expect(row?.role).toBe('admin');
  });
});
