import 'server-only';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { drizzle } from 'drizzle-orm/pg-proxy';
import type { Database, Db } from './database';

/** The database thread's script. Next's bundler follows `new Worker(path)` and builds it as a worker chunk. */
const WORKER_SCRIPT = path.join(process.cwd(), 'lib', 'db', 'pglite-worker.mjs');

interface QueryError {
  message: string;
  code?: string;
  [field: string]: unknown;
}

type Reply = { id: number; rows: unknown[] } | { id: number; error: QueryError };
type Event = { type: 'ready' } | { type: 'failed'; error: QueryError } | { type: 'closed' };

/** A database error as the pg drivers throw it: message plus SQLSTATE `code` and the like. */
function toError(details: QueryError): Error {
  return Object.assign(new Error(details.message), details);
}

/**
 * The embedded database, run in a worker thread (lib/db/pglite-worker.mjs) and reached through
 * Drizzle's proxy driver. Resolves once the database is open and migrated.
 */
export function openPgliteThread(dataDir: string | null, migrationsFolder: string): Promise<Database> {
  const worker = new Worker(WORKER_SCRIPT, { workerData: { dataDir, migrationsFolder } });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closed: (() => void) | null = null;

  const failAll = (error: Error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  return new Promise<Database>((resolve, reject) => {
    worker.on('message', (message: Reply | Event) => {
      if ('id' in message) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if ('error' in message) waiter?.reject(toError(message.error));
        else waiter?.resolve(message.rows);
        return;
      }
      if (message.type === 'ready') resolve(database);
      else if (message.type === 'failed') reject(toError(message.error));
      else closed?.();
    });
    worker.on('error', (error) => {
      failAll(error);
      reject(error);
    });
    worker.on('exit', (code) => {
      const error = new Error(`The embedded database stopped (exit code ${code}).`);
      failAll(error);
      reject(error);
    });

    const db: Db = drizzle((sql, params, method) =>
      new Promise<unknown[]>((resolveRows, rejectRows) => {
        const id = nextId++;
        pending.set(id, { resolve: resolveRows, reject: rejectRows });
        // Drizzle maps selected columns by position ("all"), anything else by name.
        worker.postMessage({ id, sql, params, rowMode: method === 'all' ? 'array' : 'object' });
      }).then((rows) => ({ rows })),
    ) as unknown as Db;

    const database: Database = {
      db,
      kind: 'pglite',
      close: () =>
        new Promise<void>((done) => {
          closed = () => {
            void worker.terminate().then(() => done());
          };
          worker.postMessage({ type: 'close' });
        }),
    };
  });
}
