import 'server-only';
import { createReviewService, type ReviewService } from '@/lib/reviews/review-service';
import { createReviewStore } from '@/lib/reviews/review-store';
import { getSubmissionService, openDatabase } from './app-services';

/** Reviews and comments, on the app's database; visibility comes from the submission service. */
export async function getReviewService(): Promise<ReviewService> {
  const [{ db }, submissions] = await Promise.all([openDatabase(), getSubmissionService()]);
  return createReviewService({
    store: createReviewStore(db),
    visibleSubmission: (actor, id) => submissions.visible(id, actor),
  });
}
