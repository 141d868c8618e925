import 'server-only';
import { sql } from 'drizzle-orm';
import { getEnv } from '@/lib/config/env';
import { createAppSettings } from '@/lib/db/app-settings';
import { getDatabase } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { getUpstream } from '@/lib/kling/upstream';
import { logError } from '@/lib/logging/log';
import { registerSecret } from '@/lib/security/secrets';
import { generateCallbackToken } from '@/lib/submissions/callback-token';
import { createSubmissionService, type SubmissionService } from '@/lib/submissions/submission-service';
import { createSubmissionStore } from '@/lib/submissions/submission-store';
import { startTaskFollower } from '@/lib/tasks/task-follower';
import { processSingleton } from './process-singleton';

/** The app's database, or 503 `database_unavailable` (nothing sent) when it cannot be reached. */
export async function openDatabase() {
  try {
    return await getDatabase();
  } catch (error) {
    logError('database unavailable', error);
    throw new AppError(
      'database_unavailable',
      'The database is not reachable, so nothing was sent. Try again in a minute.',
      { cause: error },
    );
  }
}

/** How long a health check waits for the database before calling it unavailable. */
const HEALTH_QUERY_TIMEOUT_MS = 5_000;

/** Throws `database_unavailable` unless the database opens and answers a query in time. */
export async function assertDatabaseAnswers(): Promise<void> {
  const unavailable = (cause?: unknown) =>
    new AppError('database_unavailable', 'The database is not answering.', { cause });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable()), HEALTH_QUERY_TIMEOUT_MS);
  });
  try {
    await Promise.race([
      (async () => {
        const { db } = await openDatabase();
        await db.execute(sql`select 1`);
      })(),
      timeout,
    ]);
  } catch (error) {
    throw unavailable(error);
  } finally {
    clearTimeout(timer);
  }
}

/** CALLBACK_TOKEN, or a token generated once and kept in the database (shared by every instance). */
export function getCallbackToken(): Promise<string> {
  return processSingleton('callback token', async () => {
    const fromEnv = getEnv().callbackToken;
    const token =
      fromEnv ??
      (await createAppSettings((await openDatabase()).db).keep('callback_token', generateCallbackToken()));
    registerSecret(token);
    return token;
  });
}

/** The app's submission service, on the app's database and upstream. */
export async function getSubmissionService(): Promise<SubmissionService> {
  const env = getEnv();
  const database = await openDatabase();
  return createSubmissionService({
    db: database.db,
    upstream: getUpstream(),
    upstreamTimeoutMs: env.upstreamTimeoutMs,
    pollIntervalMs: env.pollIntervalMs,
    callbackToken: await getCallbackToken(),
    publicUrl: env.publicUrl,
    dbKind: database.kind,
    appDailyLimit: env.dailyVideoSecondsLimit,
  });
}

/** Starts following open tasks in the background, once per process. */
export async function startTaskFollowing(): Promise<void> {
  await processSingleton('task follower', async () => {
    const env = getEnv();
    const database = await openDatabase();
    return startTaskFollower({
      store: createSubmissionStore(database.db, database.kind),
      upstream: getUpstream(),
      pollIntervalMs: env.pollIntervalMs,
      upstreamTimeoutMs: env.upstreamTimeoutMs,
    });
  });
}
