import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { appSettings, callbackDeliveries, type SubmissionRow, submissions } from '@/lib/db/schema';
import type { StatusChange } from './status-rules';

export interface NewDelivery {
  id: string;
  submissionId: string | null;
  receivedAt: Date;
  taskStatus: string | null;
  outcome: string;
  body: unknown;
}

/** SQL for following tasks: claiming due rows, applying statuses, logging callbacks. */
export function createTaskStore(db: Db) {
  return {
    /**
     * Claims up to `limit` submissions whose next status query is due, for `leaseMs`. Rows another
     * instance holds (a live lease, or locked right now) are skipped, so no task is asked twice at once.
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
          .orderBy(asc(submissions.nextPollAt))
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

    /**
     * Writes a status change only if the row is as it was read (same updated_at): a callback and a
     * poll arriving together cannot overwrite each other's newer news.
     */
    async applyChange(
      row: SubmissionRow,
      change: StatusChange,
      schedule: { nextPollAt: Date | null; pollAttempts: number; refreshedAt?: Date },
      now: Date,
    ): Promise<SubmissionRow | null> {
      const rows = await db
        .update(submissions)
        .set({
          status: change.status,
          statusMessage: change.statusMessage,
          video: change.video,
          upstreamUpdatedAt: change.upstreamUpdatedAt,
          taskId: change.taskId,
          // A status from the upstream replaces a local guess such as "timed out".
          error:
            change.status === 'failed'
              ? {
                  code: 'task_failed',
                  message: change.statusMessage ?? 'The video service reported that the task failed.',
                  upstreamStatus: null,
                }
              : null,
          nextPollAt: schedule.nextPollAt,
          pollAttempts: schedule.pollAttempts,
          ...(schedule.refreshedAt ? { refreshedAt: schedule.refreshedAt } : {}),
          leaseUntil: null,
          updatedAt: now,
        })
        .where(and(eq(submissions.id, row.id), eq(submissions.updatedAt, row.updatedAt)))
        .returning();
      return rows[0] ?? null;
    },

    /** The upstream has no such task (404 by external task ID): it was never created, nothing was charged. */
    async markNeverCreated(row: SubmissionRow, now: Date): Promise<SubmissionRow | null> {
      const message =
        'The video service has no record of this task: it was never created, so nothing was charged. You can submit it again.';
      const previous = row.error as { code: string; upstreamStatus: number | null } | null;
      const rows = await db
        .update(submissions)
        .set({
          status: 'failed',
          error: {
            code: previous?.code ?? 'upstream_error',
            message,
            upstreamStatus: previous?.upstreamStatus ?? null,
          },
          statusMessage: message,
          nextPollAt: null,
          leaseUntil: null,
          refreshedAt: now,
          updatedAt: now,
        })
        .where(and(eq(submissions.id, row.id), eq(submissions.updatedAt, row.updatedAt)))
        .returning();
      return rows[0] ?? null;
    },

    /** Records a query that changed nothing (or failed) and when to ask again; releases the lease. */
    async reschedule(
      id: string,
      schedule: {
        nextPollAt: Date | null;
        pollAttempts: number;
        refreshedAt?: Date;
        statusMessage?: string | null;
      },
    ): Promise<SubmissionRow | null> {
      const rows = await db
        .update(submissions)
        .set({ ...schedule, leaseUntil: null })
        .where(eq(submissions.id, id))
        .returning();
      return rows[0] ?? null;
    },

    async release(id: string): Promise<void> {
      await db.update(submissions).set({ leaseUntil: null }).where(eq(submissions.id, id));
    },

    async findById(id: string): Promise<SubmissionRow | null> {
      const rows = await db.select().from(submissions).where(eq(submissions.id, id)).limit(1);
      return rows[0] ?? null;
    },

    /** The submission a callback names, by the upstream's task ID or by our external task ID. */
    async findByTaskReference(
      taskId: string | null,
      externalTaskId: string | null,
    ): Promise<SubmissionRow | null> {
      const conditions = [
        ...(taskId ? [eq(submissions.taskId, taskId)] : []),
        ...(externalTaskId ? [eq(submissions.externalTaskId, externalTaskId)] : []),
      ];
      if (conditions.length === 0) return null;
      const rows = await db
        .select()
        .from(submissions)
        .where(or(...conditions))
        .limit(1);
      return rows[0] ?? null;
    },

    async insertDelivery(delivery: NewDelivery): Promise<void> {
      await db.insert(callbackDeliveries).values(delivery);
    },

    async listDeliveries(submissionId: string, limit = 50) {
      return db
        .select()
        .from(callbackDeliveries)
        .where(eq(callbackDeliveries.submissionId, submissionId))
        .orderBy(desc(callbackDeliveries.receivedAt))
        .limit(limit);
    },

    /** Stores `value` under `key` unless one is there already; returns the value that is kept. */
    async keepSetting(key: string, value: string): Promise<string> {
      await db.insert(appSettings).values({ key, value }).onConflictDoNothing();
      const rows = await db.select().from(appSettings).where(eq(appSettings.key, key)).limit(1);
      return rows[0]?.value ?? value;
    },
  };
}

export type TaskStore = ReturnType<typeof createTaskStore>;
