import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { QueryProvider } from '@/components/layout/query-provider';
import { CommentThread } from '@/components/reviews/comment-thread';
import { ReviewPanel } from '@/components/reviews/review-panel';
import { detailTitle } from '@/components/submissions/detail-title';
import { SubmissionDetail } from '@/components/submissions/submission-detail';
import { hasRole } from '@/lib/auth/roles';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { requireActor } from '@/lib/server/page-auth';
import { getReviewService } from '@/lib/server/review-services';
import { isTerminal } from '@/lib/submissions/submission';

type Props = { params: Promise<{ id: string }> };

/**
 * One read per request, shared by the title and the page: the signed-in user, the submission if they
 * may see it (else the Not found page), its timeline, reviews and comments.
 */
const loadSubmission = cache(async (id: string) => {
  const actor = await requireActor(`/submissions/${encodeURIComponent(id)}`);
  try {
    const service = await getSubmissionService();
    const submission = await service.get(id, actor);
    const reviewing = await getReviewService();
    const [events, reviews, comments] = await Promise.all([
      service.events(id, actor),
      reviewing.reviews(actor, id),
      reviewing.comments(actor, id),
    ]);
    return { actor, submission, events, reviews, comments };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { submission } = await loadSubmission((await params).id);
  return { title: detailTitle(submission) };
}

export default async function SubmissionPage({ params }: Props) {
  const { id } = await params;
  const { actor, submission, events, reviews, comments } = await loadSubmission(id);
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
        <SubmissionDetail
          initial={submission}
          initialEvents={events}
          aside={
            <ReviewPanel
              submissionId={id}
              reviews={reviews}
              canDecide={hasRole(actor, 'reviewer') && whyNot === null}
              whyNot={whyNot}
            />
          }
        />
      </QueryProvider>
      <CommentThread submissionId={id} comments={comments} />
    </div>
  );
}
