import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { REVIEW_DECISIONS } from '@/lib/contract/accounts';
import { user } from './account-schema';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every review decision ever taken; the newest per submission is its current review. */
export const reviews = pgTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    submissionId: text('submission_id').notNull(),
    reviewerId: text('reviewer_id')
      .notNull()
      .references(() => user.id),
    decision: text('decision', { enum: REVIEW_DECISIONS }).notNull(),
    comment: text('comment'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('reviews_submission_id_created_at_idx').on(t.submissionId, t.createdAt)],
);

/** The discussion under a submission, oldest first. */
export const comments = pgTable(
  'comments',
  {
    id: text('id').primaryKey(),
    submissionId: text('submission_id').notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => user.id),
    body: text('body').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('comments_submission_id_created_at_idx').on(t.submissionId, t.createdAt)],
);
