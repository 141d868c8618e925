import { sql } from 'drizzle-orm';
import { index, json, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Every submission ever made: stored before the upstream call, updated after it. */
export const submissions = pgTable(
  'submissions',
  {
    id: text('id').primaryKey(),
    status: text('status').notNull(),
    taskId: text('task_id'),
    externalTaskId: text('external_task_id').notNull(),
    model: text('model').notNull(),
    /** Copied out of the request so history search can use a trigram index. */
    prompt: text('prompt').notNull().default(''),
    // json, not jsonb: the exact body sent and received, key order included.
    request: json('request').notNull(),
    response: json('response'),
    error: jsonb('error'),
    statusMessage: text('status_message'),
    video: jsonb('video'),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true, mode: 'date' }),
    idempotencyKey: text('idempotency_key'),
    /** Hash of the client's body, to tell a retry from a different request under the same key. */
    requestHash: text('request_hash'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('submissions_external_task_id_key').on(t.externalTaskId),
    uniqueIndex('submissions_idempotency_key_key').on(t.idempotencyKey),
    // Plain ascending indexes: scanned backward they serve ORDER BY created_at DESC, id DESC.
    index('submissions_created_at_id_idx').on(t.createdAt, t.id),
    index('submissions_status_created_at_id_idx').on(t.status, t.createdAt, t.id),
    index('submissions_task_id_idx').on(t.taskId),
    index('submissions_prompt_trgm_idx').using('gin', sql`${t.prompt} gin_trgm_ops`),
    index('submissions_task_id_trgm_idx').using('gin', sql`${t.taskId} gin_trgm_ops`),
    index('submissions_external_task_id_trgm_idx').using('gin', sql`${t.externalTaskId} gin_trgm_ops`),
  ],
);

export type SubmissionRow = typeof submissions.$inferSelect;
export type NewSubmissionRow = typeof submissions.$inferInsert;
