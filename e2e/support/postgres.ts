import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface TestPostgres {
  /** The DATABASE_URL to give the apps. */
  url: string;
  /** False when no new database could be created and `url` is the shared one as given. */
  fresh: boolean;
  /** Drops the database created for this run (nothing, when it is the shared one). */
  drop(): Promise<void>;
}

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database on the PostgreSQL server of `baseUrl` (usually TEST_DATABASE_URL), so rows
 * left by other runs cannot interfere. Created by the URL's own role when it may (CREATEDB), else as
 * the `postgres` system user when the tests run as root next to the server; else the shared database.
 */
export async function freshDatabase(baseUrl: string): Promise<TestPostgres> {
  const name = `omni_e2e_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  try {
    await run(baseUrl, `CREATE DATABASE "${name}"`);
    return {
      url: url.toString(),
      fresh: true,
      drop: () => run(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  } catch {
    // No CREATEDB privilege: try the server's own superuser below.
  }
  const owner = decodeURIComponent(url.username);
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (local && process.getuid?.() === 0 && SAFE_NAME.test(owner)) {
    try {
      execFileSync('su', ['postgres', '-c', `createdb -O ${owner} ${name}`], { stdio: 'pipe' });
      return {
        url: url.toString(),
        fresh: true,
        drop: async () => {
          execFileSync('su', ['postgres', '-c', `dropdb --force --if-exists ${name}`], { stdio: 'pipe' });
        },
      };
    } catch {
      // No local superuser either.
    }
  }
  return { url: baseUrl, fresh: false, drop: async () => undefined };
}
