// Throwaway PostgreSQL databases, shared by the tests (TypeScript) and the benchmarks (plain
// JavaScript): each run gets an empty database of its own and drops it after. `tsc` checks the JSDoc
// types below against the code (checkJs).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const SAFE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** SQLSTATE 55006: the database is still in use (a session that was just ended has not exited yet). */
const OBJECT_IN_USE = '55006';

/**
 * @typedef {object} TestPostgres
 * @property {string} url The DATABASE_URL to give the apps.
 * @property {boolean} fresh False when no new database could be created and `url` is the shared one as given.
 * @property {() => Promise<void>} drop Drops the database created for this run (nothing, when it is the shared one).
 */

/**
 * Runs `fn` with a connected client on `url`, and closes it after.
 * @template T
 * @param {string} url
 * @param {(client: pg.Client) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops `name`, first ending this role's own sessions on it (an app that did not close them in time).
 * Other sessions, such as an autovacuum worker, are not this role's to end (`DROP ... WITH (FORCE)`
 * fails on them); DROP DATABASE stops autovacuum by itself, and is retried while sessions exit.
 * @param {string} baseUrl
 * @param {string} name
 */
async function dropDatabase(baseUrl, name) {
  await withClient(baseUrl, async (client) => {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()',
      [name],
    );
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch (error) {
        const code = error instanceof Error && 'code' in error ? error.code : undefined;
        if (code !== OBJECT_IN_USE || attempt >= 25) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  });
}

/**
 * A new, empty database on the PostgreSQL server of `baseUrl` (usually TEST_DATABASE_URL), so rows
 * left by other runs cannot interfere. Created by the URL's own role when it may (CREATEDB), else as
 * the `postgres` system user when the tests run as root next to the server; else the shared database.
 * @param {string} baseUrl
 * @param {string} [prefix] The new database's name starts with it (default `omni_e2e`).
 * @returns {Promise<TestPostgres>}
 */
export async function freshDatabase(baseUrl, prefix = 'omni_e2e') {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  try {
    await withClient(baseUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    return { url: url.toString(), fresh: true, drop: () => dropDatabase(baseUrl, name) };
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
