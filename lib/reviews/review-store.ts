import 'server-only';
import { randomUUID } from 'node:crypto';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Comment, Review, ReviewDecision } from '@/lib/contract/accounts';
import { user } from '@/lib/db/account-schema';
import type { Db } from '@/lib/db/client';
import { comments, reviews } from '@/lib/db/review-schema';
import { submissions } from '@/lib/db/schema';
import { toPerson } from '@/lib/users/user-view';

const reviewColumns = {
  submissionId: reviews.submissionId,
  decision: reviews.decision,
  comment: reviews.comment,
  createdAt: reviews.createdAt,
  reviewerId: user.id,
  reviewerName: user.name,
  reviewerEmail: user.email,
};

type ReviewRow = {
  decision: ReviewDecision;
  comment: string | null;
  createdAt: Date;
  reviewerId: string;
  reviewerName: string;
  reviewerEmail: string;
};

const toReview = (row: ReviewRow): Review => ({
  decision: row.decision,
  comment: row.comment,
  reviewer: toPerson({ id: row.reviewerId, name: row.reviewerName, email: row.reviewerEmail }),
  createdAt: row.createdAt.toISOString(),
});

/** All SQL for review decisions and comments. */
export function createReviewStore(db: Db) {
  return {
    /** Records a decision; the submission's current decision (for history filters) follows the newest. */
    async addReview(input: {
      submissionId: string;
      reviewerId: string;
      decision: ReviewDecision;
      comment: string | null;
      at: Date;
    }): Promise<void> {
      await db.insert(reviews).values({ id: randomUUID(), ...input, createdAt: input.at });
      await db
        .update(submissions)
        .set({
          reviewDecision: sql`(SELECT ${reviews.decision} FROM ${reviews} WHERE ${reviews.submissionId} = ${input.submissionId} ORDER BY ${reviews.createdAt} DESC, ${reviews.id} DESC LIMIT 1)`,
        })
        .where(eq(submissions.id, input.submissionId));
    },

    /** Every decision on one submission, newest first. */
    async reviewsOf(submissionId: string): Promise<Review[]> {
      const rows = await db
        .select(reviewColumns)
        .from(reviews)
        .innerJoin(user, eq(user.id, reviews.reviewerId))
        .where(eq(reviews.submissionId, submissionId))
        .orderBy(desc(reviews.createdAt), desc(reviews.id));
      return rows.map(toReview);
    },

    /** The newest decision of each of these submissions (one query for a page of history). */
    async latestReviews(submissionIds: string[]): Promise<Map<string, Review>> {
      if (submissionIds.length === 0) return new Map();
      const rows = await db
        .selectDistinctOn([reviews.submissionId], reviewColumns)
        .from(reviews)
        .innerJoin(user, eq(user.id, reviews.reviewerId))
        .where(inArray(reviews.submissionId, submissionIds))
        .orderBy(reviews.submissionId, desc(reviews.createdAt), desc(reviews.id));
      return new Map(rows.map((row) => [row.submissionId, toReview(row)]));
    },

    async addComment(input: {
      submissionId: string;
      authorId: string;
      body: string;
      at: Date;
    }): Promise<string> {
      const id = randomUUID();
      await db.insert(comments).values({
        id,
        submissionId: input.submissionId,
        authorId: input.authorId,
        body: input.body,
        createdAt: input.at,
      });
      return id;
    },

    /** The thread under one submission, oldest first. */
    async commentsOf(submissionId: string): Promise<Comment[]> {
      const rows = await db
        .select({
          id: comments.id,
          body: comments.body,
          createdAt: comments.createdAt,
          authorId: user.id,
          authorName: user.name,
          authorEmail: user.email,
        })
        .from(comments)
        .innerJoin(user, eq(user.id, comments.authorId))
        .where(eq(comments.submissionId, submissionId))
        .orderBy(asc(comments.createdAt), asc(comments.id));
      return rows.map((row) => ({
        id: row.id,
        author: toPerson({ id: row.authorId, name: row.authorName, email: row.authorEmail }),
        body: row.body,
        createdAt: row.createdAt.toISOString(),
      }));
    },
  };
}

export type ReviewStore = ReturnType<typeof createReviewStore>;
