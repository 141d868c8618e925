import 'server-only';
import { and, asc, eq, type SQL, sql, sum } from 'drizzle-orm';
import type { Database, Db } from '@/lib/db/client';
import { submissions } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { countedSince } from '@/lib/users/user-store';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The caps a new submission must fit under; null = no cap of that kind. */
export interface SpendLimits {
  userId: string | null;
  userLimit: number | null;
  appLimit: number | null;
}

export interface SpendRefusal {
  scope: 'user' | 'app';
  used: number;
  limit: number;
  /** When enough of today's seconds are 24 h old for this request to fit. */
  freesAt: Date;
}

// Arbitrary fixed keys for PostgreSQL advisory locks: one for the app-wide cap, one space per user.
const APP_LOCK = 7_316_2026;
const USER_LOCK_SPACE = 7_316;

/** One process owns the embedded database: its checks and inserts take turns here. */
let embeddedTurn: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = embeddedTurn.then(work, work);
  embeddedTurn = run.catch(() => undefined);
  return run;
}

async function usedIn(db: Db, scope: SQL | undefined, since: Date): Promise<number> {
  const rows = await db
    .select({ used: sum(submissions.durationSeconds).mapWith(Number) })
    .from(submissions)
    .where(and(countedSince(since), scope));
  return rows[0]?.used ?? 0;
}

/** The time room frees up: the oldest counted submissions age out one by one until the request fits. */
async function freesAt(db: Db, scope: SQL | undefined, since: Date, excess: number): Promise<Date> {
  const rows = await db
    .select({ createdAt: submissions.createdAt, seconds: submissions.durationSeconds })
    .from(submissions)
    .where(and(countedSince(since), scope))
    .orderBy(asc(submissions.createdAt))
    .limit(10_000);
  let freed = 0;
  for (const row of rows) {
    freed += row.seconds;
    if (freed >= excess) return new Date(row.createdAt.getTime() + DAY_MS);
  }
  return new Date(since.getTime() + 2 * DAY_MS);
}

async function check(db: Db, limits: SpendLimits, seconds: number, now: Date): Promise<SpendRefusal | null> {
  const since = new Date(now.getTime() - DAY_MS);
  const caps: { scope: SpendRefusal['scope']; limit: number | null; where: SQL | undefined }[] = [
    {
      scope: 'user',
      limit: limits.userId ? limits.userLimit : null,
      where: limits.userId ? eq(submissions.createdBy, limits.userId) : undefined,
    },
    { scope: 'app', limit: limits.appLimit, where: undefined },
  ];
  for (const cap of caps) {
    if (cap.limit === null) continue;
    const used = await usedIn(db, cap.where, since);
    if (used + seconds > cap.limit) {
      const at = await freesAt(db, cap.where, since, used + seconds - cap.limit);
      return { scope: cap.scope, used, limit: cap.limit, freesAt: at };
    }
  }
  return null;
}

/**
 * Stores a submission only if it fits under every cap, so concurrent submissions never overshoot
 * one: on PostgreSQL the check and the insert run in one transaction holding an advisory lock per
 * cap (every instance takes turns); on the embedded database, in turns within its one process.
 * Without caps the insert runs as is.
 */
export async function insertWithinLimits(
  database: Pick<Database, 'db' | 'kind'>,
  limits: SpendLimits,
  seconds: number,
  insert: (db: Db) => Promise<void>,
  now: () => Date = () => new Date(),
): Promise<SpendRefusal | null> {
  const capped = (limits.userId !== null && limits.userLimit !== null) || limits.appLimit !== null;
  if (!capped) {
    await insert(database.db);
    return null;
  }
  const checkThenInsert = async (db: Db) => {
    const refusal = await check(db, limits, seconds, now());
    if (!refusal) await insert(db);
    return refusal;
  };
  if (database.kind === 'pglite') return inTurn(() => checkThenInsert(database.db));
  return database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    if (limits.appLimit !== null) await db.execute(sql`SELECT pg_advisory_xact_lock(${APP_LOCK})`);
    if (limits.userId !== null && limits.userLimit !== null) {
      await db.execute(sql`SELECT pg_advisory_xact_lock(${USER_LOCK_SPACE}, hashtext(${limits.userId}))`);
    }
    return checkThenInsert(db);
  });
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

function inWords(ms: number): string {
  const total = minutes(ms);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${total} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** 429 with what is used, the cap, and when room frees up; Retry-After says the same (within 1..3600 s). */
export function spendLimitReached(refusal: SpendRefusal, seconds: number, now = Date.now()): AppError {
  const wait = Math.max(0, refusal.freesAt.getTime() - now);
  const whose = refusal.scope === 'user' ? 'You have' : 'Everyone together has';
  const limit = refusal.scope === 'user' ? 'your daily limit' : 'the app’s daily limit';
  return new AppError(
    'spend_limit_reached',
    `${whose} used ${refusal.used} of ${limit} of ${refusal.limit} video seconds in the last 24 hours; this request asks for ${seconds} more. Room frees up at ${refusal.freesAt.toISOString().slice(11, 16)} UTC (in ${inWords(wait)}). Nothing was sent.`,
    { retryAfterSeconds: Math.ceil(wait / 1000) },
  );
}
