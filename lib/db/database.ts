import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** Either driver: PGlite embedded under ./data, or a PostgreSQL server shared by several app instances. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}
