import 'server-only';
import { EnvError, getEnv } from '@/lib/config/env';
import { getDatabase } from '@/lib/db/client';
import { logError, logInfo } from '@/lib/logging/log';
import { createCallGrace } from '@/lib/submissions/timings';
import { startTaskFollowing } from './app-services';
import { ensureAdminFromEnvironment } from './auth-services';

/** Fails fast on bad configuration, for example a base URL without a key. */
export function checkConfiguration(): void {
  let env: ReturnType<typeof getEnv>;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\nOmni Video Studio cannot start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  logInfo('starting', {
    mode: env.upstream ? 'upstream' : 'demo',
    upstream: env.upstream ? env.upstream.baseUrl : 'built-in simulator (demo mode)',
    database: env.databaseUrl ? 'postgresql' : `embedded (${env.dataDir})`,
  });
}

/**
 * Opens and migrates the database, then starts following tasks. The embedded database opens in a
 * thread of its own (seconds of CPU on a new data folder), so the server answers meanwhile; requests
 * that need the database wait for it. A failure is logged, not fatal: each request retries.
 */
export async function openDatabaseAtStart(): Promise<void> {
  try {
    const database = await getDatabase();
    logInfo('database ready', { kind: database.kind });
    await ensureAdminFromEnvironment().catch((error) =>
      logError('admin from ADMIN_EMAIL not created', error),
    );
    await startTaskFollowing();
  } catch (error) {
    logError('database failed to open; requests will retry', error);
  }
}

/**
 * Bounds a normal stop (SIGTERM, SIGINT). Next closes its HTTP server gracefully, waiting for every
 * open connection to end; a browser on a live page (a task's detail page asks every 3 s) keeps its
 * keep-alive connection busy, so that wait never ended. Requests in flight get long enough for a
 * create call to get the upstream's answer and store it; then the process exits anyway.
 */
export function limitShutdownTime(): void {
  const graceMs = createCallGrace(getEnv().upstreamTimeoutMs);
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(code), graceMs).unref();
    });
  }
}
