import 'server-only';
import path from 'node:path';
import { getEnv } from '@/lib/config/env';
import type { Database } from './database';

export type { Database, Db } from './database';

export interface DatabaseOptions {
  /** A `postgres://` URL; null for the embedded database. */
  databaseUrl: string | null;
  /** Folder of the embedded database; null keeps it in memory (tests). */
  dataDir: string | null;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib', 'db', 'migrations');
/** Any fixed number: instances starting together on one PostgreSQL migrate one after another. */
const MIGRATION_LOCK_ID = 7_316_2025;

async function openPostgres(databaseUrl: string): Promise<Database> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const lockClient = await pool.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migrate(drizzle(lockClient), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    lockClient.release();
  }
  return { db: drizzle(pool), kind: 'postgres', close: () => pool.end() };
}

/** Opens a database and brings its schema up to date: no manual migration step, ever. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  const { openPgliteThread } = await import('./pglite-thread');
  return openPgliteThread(options.dataDir, MIGRATIONS_FOLDER);
}

// Next evaluates this module more than once (instrumentation, each route): one instance per process.
const holder = globalThis as typeof globalThis & {
  __omniDatabase?: Promise<Database>;
  __omniDatabaseOpen?: boolean;
};

/** The app's database, opened on first use and shared by every module of the process. */
export function getDatabase(): Promise<Database> {
  if (!holder.__omniDatabase) {
    const env = getEnv();
    holder.__omniDatabase = openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir }).then(
      (database) => {
        holder.__omniDatabaseOpen = true;
        return database;
      },
      (error) => {
        // A failed start (server down, disk full) must not stick: the next request tries again.
        holder.__omniDatabase = undefined;
        throw error;
      },
    );
  }
  return holder.__omniDatabase;
}

/** True once the database has opened in this process: what only improves a page need not wait for it. */
export function isDatabaseOpen(): boolean {
  return holder.__omniDatabaseOpen === true;
}
