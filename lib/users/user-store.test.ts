import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { user } from '@/lib/db/account-schema';
import { createUserStore } from './user-store';

describeEachDatabase('user changes', (database) => {
  const newUser = async (role: 'creator' | 'reviewer' | 'admin', banned = false) => {
    const id = randomUUID();
    await database.db
      .insert(user)
      .values({ id, name: role, email: `${id}@${database.token}.test`, role, banned });
    return id;
  };

  it('changes role, limit and disabled state, and finds nobody for an unknown id', async () => {
    const store = createUserStore(database.db);
    await newUser('admin');
    const id = await newUser('creator');
    const changed = await store.update(id, { role: 'reviewer', dailyVideoSecondsLimit: 60 }, new Date());
    expect(changed).toMatchObject({ id, role: 'reviewer', dailyVideoSecondsLimit: 60, banned: false });
    expect(await store.update(id, { banned: true }, new Date())).toMatchObject({ banned: true });
    expect(await store.update(randomUUID(), { role: 'admin' }, new Date())).toBeNull();
  });

  it('never demotes or disables the last enabled admin, even when two admins demote each other at once', async () => {
    const store = createUserStore(database.db);
    // The shared PostgreSQL test database may hold other suites' admins: make these the only enabled ones.
    const a = await newUser('admin');
    const b = await newUser('admin');
    const others = (await store.list()).filter(
      (row) => row.role === 'admin' && !row.banned && row.id !== a && row.id !== b,
    );
    for (const row of others)
      expect(await store.update(row.id, { banned: true }, new Date())).not.toBe('last_admin');
    await newUser('admin', true);
    const results = await Promise.all([
      store.update(a, { role: 'creator' }, new Date()),
      store.update(b, { banned: true }, new Date()),
    ]);
    expect(results.filter((r) => r === 'last_admin')).toHaveLength(1);
    const left = (await store.list()).filter((row) => row.role === 'admin' && !row.banned);
    expect(left).toHaveLength(1);
    const last = left[0]?.id as string;
    expect(await store.update(last, { role: 'reviewer' }, new Date())).toBe('last_admin');
    expect(await store.update(last, { banned: true }, new Date())).toBe('last_admin');
    expect(await store.update(last, { dailyVideoSecondsLimit: 10 }, new Date())).toMatchObject({
      role: 'admin',
    });
    for (const row of others) await store.update(row.id, { banned: false }, new Date());
  });
});
