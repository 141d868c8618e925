import { randomUUID } from 'node:crypto';
import { like, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, type Db, openDatabase } from '@/lib/db/client';
import { submissions } from '@/lib/db/schema';

/** One open test database, for use inside tests and hooks. */
export interface TestDatabase {
  readonly db: Db;
  readonly kind: Database['kind'];
  /**
   * Unique to this suite's run. Put it in every prompt or external task ID a test stores, and filter
   * lists by it: suites running in parallel on one PostgreSQL database then never see each other's rows.
   */
  readonly token: string;
}

function useTestDatabase(databaseUrl: string | null): TestDatabase {
  const token = `t${randomUUID().slice(0, 8)}`;
  let database: Database | undefined;

  beforeAll(async () => {
    database = await openDatabase({ databaseUrl, dataDir: null });
  });
  afterAll(async () => {
    if (!database) return;
    // A PostgreSQL database outlives the run (and may be shared): leave it as it was found.
    if (database.kind === 'postgres') {
      await database.db
        .delete(submissions)
        .where(or(like(submissions.prompt, `%${token}%`), like(submissions.externalTaskId, `%${token}%`)));
    }
    await database.close();
  });

  const open = (): Database => {
    if (!database) throw new Error('The test database is open only inside tests and hooks.');
    return database;
  };
  return {
    get db() {
      return open().db;
    },
    get kind() {
      return open().kind;
    },
    token,
  };
}

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;

/**
 * Runs the same suite on each database the app supports: in-memory PGlite (one instance for the
 * suite, as it takes seconds to start) and a PostgreSQL server given by TEST_DATABASE_URL.
 */
export function describeEachDatabase(title: string, suite: (database: TestDatabase) => void): void {
  describe(`${title} (PGlite)`, () => suite(useTestDatabase(null)));
  // Skipped when TEST_DATABASE_URL is unset: there is no PostgreSQL server to reach. The CI script always sets it.
  describe.skipIf(TEST_DATABASE_URL === null)(`${title} (PostgreSQL)`, () =>
    suite(useTestDatabase(TEST_DATABASE_URL)),
  );
}
