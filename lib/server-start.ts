import 'server-only';
import { EnvError, getEnv } from '@/lib/config/env';
import { getDatabase } from '@/lib/db/client';
import { logError, logInfo } from '@/lib/logging/log';

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
 * Opens and migrates the database once the first page has been sent: opening the embedded database
 * keeps the CPU busy for seconds, which must not delay the first page, yet it should be ready by the
 * time the creator submits.
 */
export function warmUpDatabase(): void {
  getDatabase().then(
    (database) => logInfo('database ready', { kind: database.kind }),
    (error) => logError('database failed to open; requests will retry', error),
  );
}
