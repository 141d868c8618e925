import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { QueryProvider } from '@/components/layout/query-provider';
import { CommentThread } from '@/components/reviews/comment-thread';
import { ReviewPanel } from '@/components/reviews/review-panel';
import { SubmissionDetail } from '@/components/submissions/submission-detail';
import { hasRole } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { requireActor } from '@/lib/server/page-auth';
import { getReviewService } from '@/lib/server/review-services';
import { isTerminal } from '@/lib/submissions/submission';

export const metadata: Metadata = { title: 'Submission' };

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/submissions/${encodeURIComponent(id)}`);
  try {
    const submission = await (await getSubmissionService()).get(id, actor);
    const reviewing = await getReviewService();
    const [reviews, comments] = await Promise.all([
      reviewing.reviews(actor, id),
      reviewing.comments(actor, id),
    ]);
    const whyNot = !hasRole(actor, 'reviewer')
      ? null
      : submission.createdBy?.id === actor.id
        ? 'You made this submission: another reviewer decides on it.'
        : !isTerminal(submission.status)
          ? 'It can be reviewed once the task has succeeded or failed.'
          : null;
    return (
      <div className="flex flex-col gap-6">
        <QueryProvider>
          <SubmissionDetail initial={submission} />
        </QueryProvider>
        <ReviewPanel
          submissionId={id}
          reviews={reviews}
          canDecide={hasRole(actor, 'reviewer') && whyNot === null}
          whyNot={whyNot}
        />
        <CommentThread submissionId={id} comments={comments} />
      </div>
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}
