import type { Metadata } from 'next';
import Link from 'next/link';
import { RoleRequired } from '@/components/accounts/role-required';
import { Timestamp } from '@/components/submissions/format-time';
import { StatusBadge } from '@/components/submissions/status-badge';
import { buttonClassName } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { readListQuery } from '@/lib/api/valid-input';
import { getSubmissionService } from '@/lib/server/app-services';
import { actorWithRole } from '@/lib/server/page-auth';

export const metadata: Metadata = { title: 'To review' };

const promptOf = (request: Record<string, unknown>) =>
  typeof request.prompt === 'string' && request.prompt.trim() ? request.prompt.trim() : '(no prompt)';

/** Finished submissions nobody has reviewed yet, oldest first, leaving out the reviewer's own. */
export default async function ToReviewPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { actor, allowed } = await actorWithRole('/review', 'reviewer');
  if (!allowed) return <RoleRequired needed="reviewer" yours={actor.role} />;
  const { cursor } = await searchParams;
  const params = new URLSearchParams({
    view: 'to_review',
    ...(typeof cursor === 'string' ? { cursor } : {}),
  });
  const page = await (await getSubmissionService()).list(readListQuery(params), actor);
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">To review</h1>
        <p className="text-sm text-slate-600">
          Finished submissions with no review yet, oldest first. Your own are reviewed by someone else.
        </p>
      </div>
      {page.items.length === 0 ? (
        <Notice tone="info" role="status">
          Nothing to review{cursor ? ' after these' : ''}: every finished submission has a decision.
        </Notice>
      ) : (
        <ol
          className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white"
          aria-label="Submissions to review"
        >
          {page.items.map((submission) => (
            <li
              key={submission.id}
              className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4"
            >
              <StatusBadge submission={submission} />
              <Link
                href={`/submissions/${submission.id}`}
                className="min-w-0 flex-1 break-words font-medium text-indigo-800 hover:underline"
              >
                {promptOf(submission.request)}
              </Link>
              <span className="text-sm text-slate-600">
                {submission.createdBy?.name ?? 'Before accounts'} · <Timestamp iso={submission.createdAt} />
              </span>
            </li>
          ))}
        </ol>
      )}
      {page.nextCursor && (
        <Link href={`/review?cursor=${encodeURIComponent(page.nextCursor)}`} className={buttonClassName()}>
          Next page
        </Link>
      )}
    </div>
  );
}
