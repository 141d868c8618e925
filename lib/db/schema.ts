import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { REVIEW_DECISIONS } from '@/lib/contract/accounts';
import { user } from './account-schema';

export * from './account-schema';
export * from './review-schema';

import { DELIVERY_OUTCOMES, EVENT_SOURCES, SUBMISSION_STATUSES } from '@/lib/contract/statuses';
import type { SubmissionError, SubmissionVideo } from '@/lib/contract/submission';

/** Every submission ever made: stored before the upstream call, updated after it. */
export const submissions = pgTable(
  'submissions',
  {
    id: text('id').primaryKey(),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull(),
    taskId: text('task_id'),
    externalTaskId: text('external_task_id').notNull(),
    model: text('model').notNull(),
    /** Copied out of the request so history search can use a trigram index. */
    prompt: text('prompt').notNull().default(''),
    // json, not jsonb: the exact body sent and received, key order included.
    request: json('request').$type<Record<string, unknown>>().notNull(),
    response: json('response').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<SubmissionError>(),
    statusMessage: text('status_message'),
    video: jsonb('video').$type<SubmissionVideo>(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true, mode: 'date' }),
    idempotencyKey: text('idempotency_key'),
    /** Hash of the client's body, to tell a retry from a different request under the same key. */
    requestHash: text('request_hash'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** When the status follower should next ask the upstream; null once the task has ended. */
    nextPollAt: timestamp('next_poll_at', { withTimezone: true, mode: 'date' }),
    pollAttempts: integer('poll_attempts').notNull().default(0),
    /** An instance that claimed the row for a status query holds it until then; others skip it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
    /** The upstream's own updated_at (ms) of the last status applied: older updates are stale. */
    upstreamUpdatedAt: bigint('upstream_updated_at', { mode: 'number' }),
    /** Who submitted it; null for submissions made before accounts existed. */
    createdBy: text('created_by').references(() => user.id),
    /** Seconds of video asked for (the request's duration, 5 when absent): what spend limits add up. */
    durationSeconds: integer('duration_seconds').notNull().default(5),
    /** The latest review decision, kept here so history can filter by it; null = not reviewed. */
    reviewDecision: text('review_decision', { enum: REVIEW_DECISIONS }),
  },
  (t) => [
    uniqueIndex('submissions_external_task_id_key').on(t.externalTaskId),
    uniqueIndex('submissions_idempotency_key_key').on(t.idempotencyKey),
    // Plain ascending indexes: scanned backward they serve ORDER BY created_at DESC, id DESC.
    index('submissions_created_at_id_idx').on(t.createdAt, t.id),
    index('submissions_status_created_at_id_idx').on(t.status, t.createdAt, t.id),
    index('submissions_task_id_idx').on(t.taskId),
    index('submissions_next_poll_at_idx').on(t.nextPollAt),
    index('submissions_prompt_trgm_idx').using('gin', sql`${t.prompt} gin_trgm_ops`),
    index('submissions_task_id_trgm_idx').using('gin', sql`${t.taskId} gin_trgm_ops`),
    index('submissions_external_task_id_trgm_idx').using('gin', sql`${t.externalTaskId} gin_trgm_ops`),
    // Spend limits sum a user's last 24 h; "mine" and "by creator" lists page by time.
    index('submissions_created_by_created_at_id_idx').on(t.createdBy, t.createdAt, t.id),
  ],
);

export type SubmissionRow = typeof submissions.$inferSelect;
export type NewSubmissionRow = typeof submissions.$inferInsert;

/**
 * Every status change of a submission, oldest first by (at, id): written by the same SQL statement
 * as the change itself, so the timeline can never miss one.
 */
export const submissionEvents = pgTable(
  'submission_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    submissionId: text('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull(),
    source: text('source', { enum: EVENT_SOURCES }).notNull(),
    message: text('message'),
  },
  (t) => [index('submission_events_submission_id_idx').on(t.submissionId, t.at, t.id)],
);

/** Every call the upstream made to the callback route, kept so a reviewer can see them. */
export const callbackDeliveries = pgTable(
  'callback_deliveries',
  {
    id: text('id').primaryKey(),
    /** Null when the delivery named no known submission. */
    submissionId: text('submission_id'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    taskStatus: text('task_status'),
    outcome: text('outcome', { enum: DELIVERY_OUTCOMES }).notNull(),
    body: json('body').$type<Record<string, unknown>>(),
  },
  (t) => [index('callback_deliveries_submission_id_idx').on(t.submissionId, t.receivedAt)],
);

/** Small values the app generates once and keeps, such as the callback token. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
