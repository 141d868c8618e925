import 'server-only';
import { and, asc, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { ReviewFilter } from '@/lib/contract/accounts';
import type { Database, Db } from '@/lib/db/client';
import { type NewSubmissionRow, type SubmissionRow, submissionEvents, submissions } from '@/lib/db/schema';
import { insertWithinLimits, type SpendLimits, spendLimitReached } from '@/lib/usage/spend-limits';
import type { SubmissionStatus } from './submission';
import { createSubmissionSchedule } from './submission-schedule';
import { createSubmissionTransitions } from './submission-transitions';

export interface ListFilter {
  limit: number;
  status?: SubmissionStatus;
  q?: string;
  /** Keyset position: rows strictly older than this one (newer, for `toReview`). */
  after?: { createdAt: Date; id: string };
  /** Only this user's submissions. */
  createdBy?: string;
  /** By latest review decision; `unreviewed`: none yet. */
  review?: ReviewFilter;
  /** Finished, unreviewed submissions not made by `excludeCreatedBy`, oldest first. */
  toReview?: { excludeCreatedBy: string | null };
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
export function createSubmissionStore(db: Db, kind: Database['kind'] = 'pglite') {
  const transitions = createSubmissionTransitions(db);
  const first = async (where: SQL | undefined): Promise<SubmissionRow | null> => {
    const rows = await db.select().from(submissions).where(where).limit(1);
    return rows[0] ?? null;
  };

  return {
    ...transitions,
    ...createSubmissionSchedule(db),

    /**
     * Stores a new submission, and with `limits`, only if it fits under the creator's and the app's
     * daily video seconds (concurrent submissions never overshoot): else 429 spend_limit_reached.
     */
    async storePending(row: NewSubmissionRow & { status: 'pending' }, limits?: SpendLimits): Promise<void> {
      if (!limits) return transitions.storePending(row);
      const seconds = row.durationSeconds ?? 5;
      const refusal = await insertWithinLimits({ db, kind }, limits, seconds, (tx) =>
        createSubmissionTransitions(tx).storePending(row),
      );
      if (refusal) throw spendLimitReached(refusal, seconds);
    },

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
      if (filter.createdBy) conditions.push(eq(submissions.createdBy, filter.createdBy));
      if (filter.review === 'unreviewed') conditions.push(isNull(submissions.reviewDecision));
      else if (filter.review) conditions.push(eq(submissions.reviewDecision, filter.review));
      const oldestFirst = Boolean(filter.toReview);
      if (filter.toReview) {
        conditions.push(
          inArray(submissions.status, ['succeeded', 'failed']),
          isNull(submissions.reviewDecision),
        );
        const mine = filter.toReview.excludeCreatedBy;
        if (mine) conditions.push(sql`${submissions.createdBy} IS DISTINCT FROM ${mine}`);
      }
      if (filter.after) {
        const position = sql`(${filter.after.createdAt.toISOString()}::timestamptz, ${filter.after.id})`;
        conditions.push(
          oldestFirst
            ? sql`(${submissions.createdAt}, ${submissions.id}) > ${position}`
            : sql`(${submissions.createdAt}, ${submissions.id}) < ${position}`,
        );
      }
      const order = oldestFirst
        ? [asc(submissions.createdAt), asc(submissions.id)]
        : [desc(submissions.createdAt), desc(submissions.id)];
      return db
        .select()
        .from(submissions)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(...order)
        .limit(filter.limit);
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

export { isUniqueViolation } from '@/lib/db/unique-violation';
