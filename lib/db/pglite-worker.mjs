// The embedded database in a thread of its own. PGlite runs PostgreSQL compiled to WebAssembly: opening
// it (seconds on a new data folder) and every query keep a CPU busy. Here they do not hold up the
// thread that answers HTTP requests, which can serve pages while the database opens.
// Plain JavaScript: tests load it as it is; `next build` bundles it as a worker chunk.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

/** Dates and times stay text, as Drizzle's own PGlite driver asks: Drizzle maps them to Date itself. */
const parsers = {
  [types.TIMESTAMP]: (value) => value,
  [types.TIMESTAMPTZ]: (value) => value,
  [types.INTERVAL]: (value) => value,
  [types.DATE]: (value) => value,
};

/** What a failed query reports: enough for the caller to tell a unique violation (SQLSTATE 23505). */
function describeError(error) {
  const { message = String(error), code, detail, constraint, table, column, severity } = error ?? {};
  return { message, code, detail, constraint, table, column, severity };
}

async function open({ dataDir, migrationsFolder }) {
  let location;
  if (dataDir) {
    // PGlite creates only the last folder of its path.
    mkdirSync(dataDir, { recursive: true });
    location = path.join(dataDir, 'pglite');
  }
  const client = await PGlite.create(location, { extensions: { pg_trgm } });
  await migrate(drizzle(client), { migrationsFolder });
  return client;
}

const opening = open(workerData);

parentPort.on('message', async (message) => {
  if (message.type === 'close') {
    const client = await opening.catch(() => null);
    await client?.close();
    parentPort.postMessage({ type: 'closed' });
    return;
  }
  const { id, sql, params, rowMode } = message;
  try {
    const client = await opening;
    const result = await client.query(sql, params, { rowMode, parsers });
    parentPort.postMessage({ id, rows: result.rows });
  } catch (error) {
    parentPort.postMessage({ id, error: describeError(error) });
  }
});

opening.then(
  () => parentPort.postMessage({ type: 'ready' }),
  (error) => parentPort.postMessage({ type: 'failed', error: describeError(error) }),
);
