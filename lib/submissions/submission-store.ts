import 'server-only';
import { and, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { type NewSubmissionRow, type SubmissionRow, submissions } from '@/lib/db/schema';
import type { SubmissionError, SubmissionStatus } from './submission';

export interface ListFilter {
  limit: number;
  status?: SubmissionStatus;
  q?: string;
  /** Keyset position: rows strictly older than this one. */
  after?: { createdAt: Date; id: string };
}

/** `%`, `_` and `\` typed by a user are literal characters, not wildcards. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** All SQL for submissions lives here; the service above it never builds a query. */
export function createSubmissionStore(db: Db) {
  return {
    async insert(row: NewSubmissionRow): Promise<void> {
      await db.insert(submissions).values(row);
    },

    async findById(id: string): Promise<SubmissionRow | null> {
      const rows = await db.select().from(submissions).where(eq(submissions.id, id)).limit(1);
      return rows[0] ?? null;
    },

    async findByIdempotencyKey(key: string): Promise<SubmissionRow | null> {
      const rows = await db.select().from(submissions).where(eq(submissions.idempotencyKey, key)).limit(1);
      return rows[0] ?? null;
    },

    async findByExternalTaskId(externalTaskId: string): Promise<SubmissionRow | null> {
      const rows = await db
        .select()
        .from(submissions)
        .where(eq(submissions.externalTaskId, externalTaskId))
        .limit(1);
      return rows[0] ?? null;
    },

    async markSubmitted(
      id: string,
      result: { taskId: string; response: Record<string, unknown> },
      at: Date,
      nextPollAt: Date,
    ): Promise<SubmissionRow | null> {
      // A callback may have moved the task on while the create call was answering: never step back.
      const stillPending = sql`${submissions.status} = 'pending'`;
      const rows = await db
        .update(submissions)
        .set({
          status: sql`CASE WHEN ${stillPending} THEN 'submitted' ELSE ${submissions.status} END`,
          taskId: sql`coalesce(${submissions.taskId}, ${result.taskId})`,
          response: result.response,
          updatedAt: at,
          nextPollAt: sql`CASE WHEN ${stillPending} THEN ${nextPollAt.toISOString()}::timestamptz ELSE ${submissions.nextPollAt} END`,
        })
        .where(eq(submissions.id, id))
        .returning();
      return rows[0] ?? null;
    },

    /** `nextPollAt` set: the upstream may have created the task anyway, so it is looked up later. */
    async markFailed(
      id: string,
      error: SubmissionError,
      at: Date,
      nextPollAt: Date | null,
    ): Promise<SubmissionRow | null> {
      const rows = await db
        .update(submissions)
        .set({ status: 'failed', error, statusMessage: error.message, updatedAt: at, nextPollAt })
        // A callback that already reported the task shows it exists: that news wins over a local failure.
        .where(and(eq(submissions.id, id), eq(submissions.status, 'pending')))
        .returning();
      if (rows[0]) return rows[0];
      const current = await db.select().from(submissions).where(eq(submissions.id, id)).limit(1);
      return current[0] ?? null;
    },

    /** Newest first, by keyset on (created_at, id): no OFFSET, steady at any depth. */
    async list(filter: ListFilter): Promise<SubmissionRow[]> {
      const conditions: SQL[] = [];
      if (filter.status) conditions.push(eq(submissions.status, filter.status));
      if (filter.q) {
        const pattern = containsPattern(filter.q);
        const match = or(
          ilike(submissions.prompt, pattern),
          ilike(submissions.taskId, pattern),
          ilike(submissions.externalTaskId, pattern),
        );
        if (match) conditions.push(match);
      }
      if (filter.after) {
        conditions.push(
          sql`(${submissions.createdAt}, ${submissions.id}) < (${filter.after.createdAt.toISOString()}::timestamptz, ${filter.after.id})`,
        );
      }
      return db
        .select()
        .from(submissions)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(submissions.createdAt), desc(submissions.id))
        .limit(filter.limit);
    },
  };
}

export type SubmissionStore = ReturnType<typeof createSubmissionStore>;

/** True when a write broke a unique index (pg and PGlite both report SQLSTATE 23505, under Drizzle's wrapper). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
