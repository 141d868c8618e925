import { describe } from 'vitest';
import { freshDatabase } from '@/e2e/support/postgres.mjs';
import { describeUpstreamFaults } from '@/e2e/support/upstream-fault-matrix';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;

// A throwaway database on the PostgreSQL server, given to the app as DATABASE_URL. Skipped when
// TEST_DATABASE_URL is unset: there is no server to reach. The CI script always sets it.
describe.skipIf(TEST_DATABASE_URL === null)('on PostgreSQL', () => {
  describeUpstreamFaults('POST /api/submissions, every upstream failure (PostgreSQL)', async () => {
    const database = await freshDatabase(TEST_DATABASE_URL as string);
    return { env: { DATABASE_URL: database.url }, cleanUp: () => database.drop() };
  });
});
