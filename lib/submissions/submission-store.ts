import 'server-only';
import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { type SubmissionRow, submissionEvents, submissions } from '@/lib/db/schema';
import type { SubmissionStatus } from './submission';
import { createSubmissionSchedule } from './submission-schedule';
import { createSubmissionTransitions } from './submission-transitions';

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

/**
 * All SQL for submissions lives here: the reads below, every status change as a named transition
 * (submission-transitions.ts), leases and schedules (submission-schedule.ts). The service above it
 * never builds a query.
 */
export function createSubmissionStore(db: Db) {
  const first = async (where: SQL | undefined): Promise<SubmissionRow | null> => {
    const rows = await db.select().from(submissions).where(where).limit(1);
    return rows[0] ?? null;
  };

  return {
    ...createSubmissionTransitions(db),
    ...createSubmissionSchedule(db),

    findById: (id: string) => first(eq(submissions.id, id)),

    findByIdempotencyKey: (key: string) => first(eq(submissions.idempotencyKey, key)),

    findByExternalTaskId: (externalTaskId: string) => first(eq(submissions.externalTaskId, externalTaskId)),

    /** The submission a callback names, by the upstream's task ID or by our external task ID. */
    async findByTaskReference(
      taskId: string | null,
      externalTaskId: string | null,
    ): Promise<SubmissionRow | null> {
      const conditions = [
        ...(taskId ? [eq(submissions.taskId, taskId)] : []),
        ...(externalTaskId ? [eq(submissions.externalTaskId, externalTaskId)] : []),
      ];
      return conditions.length === 0 ? null : first(or(...conditions));
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

    /**
     * The distinct models of the latest `scan` submissions, most recently used first, at most
     * `limit`: a bounded read on the (created_at, id) index, however long the history.
     */
    async recentModels(scan: number, limit: number): Promise<string[]> {
      const recent = db
        .select({ model: submissions.model, createdAt: submissions.createdAt })
        .from(submissions)
        .orderBy(desc(submissions.createdAt), desc(submissions.id))
        .limit(scan)
        .as('recent');
      const rows = await db
        .select({ model: recent.model })
        .from(recent)
        .groupBy(recent.model)
        .orderBy(sql`max(${recent.createdAt}) desc`, recent.model)
        .limit(limit);
      return rows.map((row) => row.model);
    },

    /** Every status change of one submission, oldest first. */
    listEvents(submissionId: string) {
      return db
        .select()
        .from(submissionEvents)
        .where(eq(submissionEvents.submissionId, submissionId))
        .orderBy(asc(submissionEvents.at), asc(submissionEvents.id));
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
