// Direct database access for seeding and counting: PGlite opened on an app's data folder while the
// app is stopped (one process at a time), or a throwaway PostgreSQL database per run.
import path from 'node:path';
import { freshDatabase, withClient } from '../../e2e/support/postgres.mjs';

/** BENCH_DATABASE_URL, else TEST_DATABASE_URL; null means the PostgreSQL rows are skipped. */
export function postgresBaseUrl() {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
}

export const NO_POSTGRES_REASON = 'skipped: neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is set';

/** A new empty database on the server of `baseUrl` (its role needs CREATEDB); `drop()` removes it. */
export async function createThrowawayDatabase(baseUrl) {
  const database = await freshDatabase(baseUrl, 'omni_bench');
  if (!database.fresh)
    throw new Error(`could not create a database on ${new URL(baseUrl).host}: its role needs CREATEDB`);
  return database;
}

/** Runs `fn` with `{ query(sql, params) -> rows }` on PostgreSQL. */
export function withPostgres(url, fn) {
  return withClient(url, (client) =>
    fn({ query: async (sql, params) => (await client.query(sql, params)).rows }),
  );
}

/** Runs `fn` with `{ query(sql, params) -> rows }` on the embedded database of an app's data folder. */
export async function withPglite(dataDir, fn) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const client = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { pg_trgm } });
  try {
    return await fn({ query: async (sql, params) => (await client.query(sql, params)).rows });
  } finally {
    await client.close();
  }
}

/** How many of `ids` are stored as submitted: the check that every 2xx answer was kept. */
export async function countStored(db, ids) {
  const rows = await db.query(
    "SELECT count(*)::int AS n FROM submissions WHERE id = ANY($1::text[]) AND status = 'submitted'",
    [ids],
  );
  return rows[0].n;
}
