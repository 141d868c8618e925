import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { createSignInLimit } from './sign-in-limit';

describeEachDatabase('sign-in attempts per client address', (database) => {
  it('allows 10 a minute per address, then says how long to wait; other addresses are not affected', async () => {
    const limit = createSignInLimit(database.db, 10);
    const address = `203.0.113.${randomUUID()}`;
    const start = new Date();
    const answers = await Promise.all(Array.from({ length: 12 }, () => limit.take(address, start)));
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
    const refused = answers.find((a) => !a.ok);
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(await limit.take(`198.51.100.${randomUUID()}`, start)).toEqual({ ok: true });
    const later = new Date(start.getTime() + 45_000);
    expect(await limit.take(address, later)).toEqual({ ok: false, retryAfterSeconds: 15 });
    expect(await limit.take(address, new Date(start.getTime() + 60_001))).toEqual({ ok: true });
  });

  it('can be turned off with 0', async () => {
    const limit = createSignInLimit(database.db, 0);
    for (let i = 0; i < 15; i++) expect(await limit.take('192.0.2.1')).toEqual({ ok: true });
  });
});
