import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { user } from '@/lib/db/account-schema';
import { type Database, type Db, openDatabase } from '@/lib/db/client';
import { submissions } from '@/lib/db/schema';
import { insertWithinLimits, type SpendLimits } from './spend-limits';

function storeSubmission(createdBy: string, seconds: number, token: string, createdAt = new Date()) {
  return async (db: Db) => {
    const id = randomUUID();
    await db.insert(submissions).values({
      id,
      status: 'pending',
      externalTaskId: `${token}-${id}`,
      model: 'kling-v1',
      prompt: token,
      request: { model: 'kling-v1', duration: String(seconds) },
      createdAt,
      updatedAt: createdAt,
      createdBy,
      durationSeconds: seconds,
    });
  };
}

async function newUser(db: Db, token: string): Promise<string> {
  const id = randomUUID();
  await db.insert(user).values({ id, name: 'Spender', email: `${id}@${token}.test` });
  return id;
}

const stored = async (db: Db, userId: string, token: string) =>
  (
    await db
      .select()
      .from(submissions)
      .where(and(eq(submissions.createdBy, userId), like(submissions.prompt, token)))
  ).length;

describeEachDatabase('spend limits', (database) => {
  it('accepts exactly 10 of 20 concurrent 5-second submissions under a 50-second daily limit', async () => {
    const userId = await newUser(database.db, database.token);
    const limits: SpendLimits = { userId, userLimit: 50, appLimit: null };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        insertWithinLimits(database, limits, 5, storeSubmission(userId, 5, database.token)),
      ),
    );
    expect(results.filter((r) => r === null)).toHaveLength(10);
    const refused = results.filter((r) => r !== null);
    expect(refused).toHaveLength(10);
    expect(refused[0]).toMatchObject({ scope: 'user', used: 50, limit: 50 });
    expect(await stored(database.db, userId, database.token)).toBe(10);
  });

  it('does not count failed submissions or those older than 24 hours, and says when room frees up', async () => {
    const userId = await newUser(database.db, database.token);
    const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
    await storeSubmission(userId, 10, database.token, new Date(dayAgo - 60_000))(database.db);
    const oldestCounted = new Date(dayAgo + 3_600_000);
    await storeSubmission(userId, 8, database.token, oldestCounted)(database.db);
    const failedId = randomUUID();
    await database.db.insert(submissions).values({
      id: failedId,
      status: 'failed',
      externalTaskId: `${database.token}-${failedId}`,
      model: 'kling-v1',
      prompt: database.token,
      request: {},
      createdAt: new Date(),
      updatedAt: new Date(),
      createdBy: userId,
      durationSeconds: 10,
    });
    const limits: SpendLimits = { userId, userLimit: 15, appLimit: null };
    expect(
      await insertWithinLimits(database, limits, 5, storeSubmission(userId, 5, database.token)),
    ).toBeNull();
    const refusal = await insertWithinLimits(database, limits, 5, storeSubmission(userId, 5, database.token));
    expect(refusal).toMatchObject({ scope: 'user', used: 13, limit: 15 });
    expect(refusal?.freesAt.getTime()).toBe(oldestCounted.getTime() + 24 * 60 * 60 * 1000);
  });

  it('applies the app-wide limit to everyone together', async () => {
    const b = await newUser(database.db, database.token);
    const refusal = await insertWithinLimits(
      database,
      { userId: b, userLimit: null, appLimit: 0 },
      5,
      storeSubmission(b, 5, database.token),
    );
    expect(refusal).toMatchObject({ scope: 'app', limit: 0 });
    expect(await stored(database.db, b, database.token)).toBe(0);
  });
});

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

// Two instances need a PostgreSQL server to share; the CI script always provides one.
describe.skipIf(!TEST_DATABASE_URL)('spend limits across two instances on PostgreSQL', () => {
  it('never overshoots when two instances take 20 concurrent submissions at a 50-second limit', async () => {
    const url = TEST_DATABASE_URL as string;
    const instances: Database[] = [
      await openDatabase({ databaseUrl: url, dataDir: null }),
      await openDatabase({ databaseUrl: url, dataDir: null }),
    ];
    const token = `t${randomUUID().slice(0, 8)}`;
    try {
      const userId = await newUser(instances[0]?.db as Db, token);
      const limits: SpendLimits = { userId, userLimit: 50, appLimit: null };
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          insertWithinLimits(instances[i % 2] as Database, limits, 5, storeSubmission(userId, 5, token)),
        ),
      );
      expect(results.filter((r) => r === null)).toHaveLength(10);
      expect(await stored(instances[0]?.db as Db, userId, token)).toBe(10);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });
});
