import 'server-only';
import { type Actor, hasRole } from '@/lib/auth/roles';
import type { Comment, Review, ReviewDecision } from '@/lib/contract/accounts';
import { AppError } from '@/lib/errors/app-error';
import { toPerson } from '@/lib/users/user-view';
import type { ReviewStore } from './review-store';

/** What reviews need to know of a submission the actor may see. */
export interface ReviewedSubmission {
  id: string;
  createdBy: string | null;
  status: string;
}

export interface ReviewServiceDeps {
  store: ReviewStore;
  /** The submission if `actor` may see it; not_found otherwise (never "forbidden": that would tell it exists). */
  visibleSubmission(actor: Actor, id: string): Promise<ReviewedSubmission>;
}

const FINISHED = new Set(['succeeded', 'failed']);

/** Review decisions (reviewers and admins, never on their own work) and the comment thread (anyone who sees it). */
export function createReviewService(deps: ReviewServiceDeps) {
  const { store } = deps;

  return {
    async review(
      actor: Actor,
      submissionId: string,
      input: { decision: ReviewDecision; comment?: string },
    ): Promise<void> {
      const submission = await deps.visibleSubmission(actor, submissionId);
      if (!hasRole(actor, 'reviewer')) {
        throw new AppError('forbidden', 'Only reviewers and admins can review submissions.');
      }
      if (submission.createdBy === actor.id) {
        throw new AppError('own_submission', 'You made this submission: another reviewer decides on it.');
      }
      if (!FINISHED.has(submission.status)) {
        throw new AppError(
          'not_finished',
          'This task has not finished yet. Review it once it has succeeded or failed.',
        );
      }
      const comment = input.comment?.trim() ? input.comment.trim() : null;
      await store.addReview({
        submissionId,
        reviewerId: actor.id,
        decision: input.decision,
        comment,
        at: new Date(),
      });
    },

    async reviews(actor: Actor, submissionId: string): Promise<Review[]> {
      await deps.visibleSubmission(actor, submissionId);
      return store.reviewsOf(submissionId);
    },

    async comment(actor: Actor, submissionId: string, body: string): Promise<Comment> {
      await deps.visibleSubmission(actor, submissionId);
      const at = new Date();
      const id = await store.addComment({ submissionId, authorId: actor.id, body, at });
      return { id, author: toPerson(actor), body, createdAt: at.toISOString() };
    },

    async comments(actor: Actor, submissionId: string): Promise<Comment[]> {
      await deps.visibleSubmission(actor, submissionId);
      return store.commentsOf(submissionId);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
