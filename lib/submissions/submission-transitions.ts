import 'server-only';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '@/lib/db/client';
import { type NewSubmissionRow, type SubmissionRow, submissionEvents, submissions } from '@/lib/db/schema';
import type { StatusChange } from './status-rules';
import type { EventSource, SubmissionError, SubmissionStatus } from './submission';
import { type Schedule, scheduled } from './submission-schedule';
import { storableError, storableJson, storableText } from './upstream-text';

/** The status change a write makes, logged beside it. */
interface Event {
  status: SubmissionStatus;
  source: EventSource;
  message: string | null;
  at: Date;
}

const NEVER_CREATED =
  'The video service has no record of this task: it was never created, so nothing was charged. You can submit it again.';

/**
 * Every status change of a `submissions` row, one named function per transition of its life:
 *   storePending -> markCreated | markCreateFailed | markCreateUncertain
 *   (pending, uncertain, or followed) -> recordSnapshot | markNeverCreated
 * (Writes that change no status, leases and schedules, are in submission-schedule.ts.) A write that
 * changes the status logs it in `submission_events` in the same statement: the embedded database's
 * driver has no transactions, and a second round trip could be lost.
 */
export function createSubmissionTransitions(db: Db) {
  /** One UPDATE and, with an event, its log line: `WITH changed AS (UPDATE ... RETURNING) INSERT ... SELECT`. */
  async function update(
    where: SQL | undefined,
    set: PgUpdateSetSource<typeof submissions>,
    event: Event | null,
  ): Promise<SubmissionRow | null> {
    const write = db.update(submissions).set(set).where(where).returning();
    if (!event) return (await write)[0] ?? null;
    const changed = db.$with('changed').as(write);
    const logged = db.$with('logged').as(
      db.insert(submissionEvents).select(
        db
          .select({
            id: nextEventId(),
            submissionId: changed.id,
            at: sql`${event.at.toISOString()}::timestamptz`.as('at'),
            status: sql`${event.status}::text`.as('status'),
            source: sql`${event.source}::text`.as('source'),
            message: sql`${event.message}::text`.as('message'),
          })
          .from(changed),
      ),
    );
    const rows = await db.with(changed, logged).select().from(changed);
    return rows[0] ?? null;
  }

  const stillPending = (id: string) => and(eq(submissions.id, id), eq(submissions.status, 'pending'));
  /** Compare-and-set: only if the row is as it was read, so two writers never undo each other's news. */
  const asRead = (row: SubmissionRow) =>
    and(eq(submissions.id, row.id), eq(submissions.updatedAt, row.updatedAt));

  return {
    /** Stored before any money is spent; `nextPollAt` is when to look it up should this process die. */
    async storePending(row: NewSubmissionRow & { status: 'pending' }): Promise<void> {
      const inserted = db.$with('inserted').as(db.insert(submissions).values(row).returning());
      await db
        .with(inserted)
        .insert(submissionEvents)
        .select(
          db
            .select({
              id: nextEventId(),
              submissionId: inserted.id,
              at: inserted.createdAt,
              status: inserted.status,
              source: sql`'create'::text`.as('source'),
              message: sql`null::text`.as('message'),
            })
            .from(inserted),
        );
    },

    /** The upstream accepted the task. A callback may have moved it on meanwhile: never a step back. */
    async markCreated(
      id: string,
      result: { taskId: string; response: Record<string, unknown> },
      at: Date,
      nextPollAt: Date,
    ): Promise<SubmissionRow | null> {
      const taskId = storableText(result.taskId);
      const response = storableJson(result.response);
      const created = await update(
        stillPending(id),
        { status: 'submitted', taskId, response, updatedAt: at, nextPollAt },
        { status: 'submitted', source: 'create', message: null, at },
      );
      if (created) return created;
      return update(
        eq(submissions.id, id),
        { taskId: sql`coalesce(${submissions.taskId}, ${taskId})`, response, updatedAt: at },
        null,
      );
    },

    /** A definite refusal (or nothing sent): failed for good, not looked up. */
    async markCreateFailed(id: string, error: SubmissionError, at: Date): Promise<SubmissionRow | null> {
      return fail(id, storableError(error), at, { nextPollAt: null });
    },

    /**
     * No answer, a reset, a 5xx, an unreadable reply: answered as failed, but the task may exist, so
     * the row stays due for its look-up (the `nextPollAt` it was stored with).
     */
    async markCreateUncertain(id: string, error: SubmissionError, at: Date): Promise<SubmissionRow | null> {
      return fail(id, storableError(error), at, {});
    },

    /** An upstream status (poll, look-up, refresh, callback) that the status rules found new. */
    async recordSnapshot(
      row: SubmissionRow,
      change: StatusChange,
      schedule: Schedule,
      source: EventSource,
      now: Date,
    ): Promise<SubmissionRow | null> {
      const statusMessage = change.statusMessage === null ? null : storableText(change.statusMessage);
      // An uncertain failure (no task ID) that the upstream settles as failed is a change too.
      const statusChanged = change.status !== row.status || row.taskId === null;
      return update(
        asRead(row),
        {
          status: change.status,
          statusMessage,
          video: storableJson(change.video),
          upstreamUpdatedAt: change.upstreamUpdatedAt,
          taskId: change.taskId === null ? null : storableText(change.taskId),
          // A status from the upstream replaces a local guess such as "timed out".
          error:
            change.status === 'failed'
              ? {
                  code: 'task_failed',
                  message: statusMessage ?? 'The video service reported that the task failed.',
                  upstreamStatus: null,
                }
              : null,
          ...scheduled(schedule),
          leaseUntil: null,
          updatedAt: now,
        },
        statusChanged ? { status: change.status, source, message: statusMessage, at: now } : null,
      );
    },

    /** The upstream has no such task (404 by external task ID): it was never created, nothing was charged. */
    async markNeverCreated(
      row: SubmissionRow,
      source: EventSource,
      now: Date,
    ): Promise<SubmissionRow | null> {
      return update(
        asRead(row),
        {
          status: 'failed',
          error: {
            code: row.error?.code ?? 'upstream_error',
            message: NEVER_CREATED,
            upstreamStatus: row.error?.upstreamStatus ?? null,
          },
          statusMessage: NEVER_CREATED,
          nextPollAt: null,
          leaseUntil: null,
          refreshedAt: now,
          updatedAt: now,
        },
        { status: 'failed', source, message: NEVER_CREATED, at: now },
      );
    },
  };

  /** The create call failed: written only if the row is still pending (a callback's news wins); else null. */
  function fail(
    id: string,
    error: SubmissionError,
    at: Date,
    schedule: { nextPollAt?: null },
  ): Promise<SubmissionRow | null> {
    return update(
      stillPending(id),
      { status: 'failed', error, statusMessage: error.message, updatedAt: at, ...schedule },
      { status: 'failed', source: 'create', message: error.message, at },
    );
  }
}

/** The events' own sequence, named because an INSERT ... SELECT gives every column. */
const nextEventId = () => sql<number>`nextval(pg_get_serial_sequence('submission_events', 'id'))`.as('id');

export type SubmissionTransitions = ReturnType<typeof createSubmissionTransitions>;
