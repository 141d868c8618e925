import 'server-only';
import { and, asc, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { type SubmissionRow, submissions } from '@/lib/db/schema';

/** When the follower asks next; a write that records an upstream answer also says when it came. */
export interface Schedule {
  nextPollAt: Date | null;
  pollAttempts: number;
  refreshedAt?: Date;
}

export function scheduled(schedule: Schedule) {
  const { nextPollAt, pollAttempts, refreshedAt } = schedule;
  return { nextPollAt, pollAttempts, ...(refreshedAt ? { refreshedAt } : {}) };
}

/**
 * The writes of a `submissions` row that change no status: who holds it for a status query (leases)
 * and when it is asked next.
 */
export function createSubmissionSchedule(db: Db) {
  return {
    /** A query that changed nothing (or failed): when to ask again; the lease is released. */
    async reschedule(id: string, schedule: Schedule): Promise<SubmissionRow | null> {
      const rows = await db
        .update(submissions)
        .set({ ...scheduled(schedule), leaseUntil: null })
        .where(eq(submissions.id, id))
        .returning();
      return rows[0] ?? null;
    },

    /**
     * Claims up to `limit` submissions whose next status query is due, for `leaseMs`. Look-ups (no task
     * ID yet: a crash or an uncertain failure) come before routine polls, then the longest due first.
     * Rows another instance holds (a live lease, or locked right now) are skipped, so no task is asked twice at once.
     */
    async claimDue(now: Date, limit: number, leaseMs: number): Promise<SubmissionRow[]> {
      // One statement, no transaction: the CTE locks the rows it picks and, holding FOR UPDATE, is never
      // folded into the UPDATE, so it runs once and the batch is exactly `limit` (an IN (subquery) may be
      // re-run by the planner and take more). Locked rows are skipped: another instance is claiming them.
      const due = db.$with('due').as(
        db
          .select({ id: submissions.id })
          .from(submissions)
          .where(
            and(
              isNotNull(submissions.nextPollAt),
              lte(submissions.nextPollAt, now),
              or(isNull(submissions.leaseUntil), lt(submissions.leaseUntil, now)),
            ),
          )
          .orderBy(sql`${submissions.taskId} is null desc`, asc(submissions.nextPollAt))
          .limit(limit)
          .for('update', { skipLocked: true }),
      );
      return db
        .with(due)
        .update(submissions)
        .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
        .where(inArray(submissions.id, db.select({ id: due.id }).from(due)))
        .returning();
    },

    /** Takes the lease of one submission (a refresh asked for by a user); null if another holds it. */
    async claimOne(id: string, now: Date, leaseMs: number): Promise<SubmissionRow | null> {
      const rows = await db
        .update(submissions)
        .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
        .where(
          and(eq(submissions.id, id), or(isNull(submissions.leaseUntil), lt(submissions.leaseUntil, now))),
        )
        .returning();
      return rows[0] ?? null;
    },
  };
}
