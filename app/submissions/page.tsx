import type { Metadata } from 'next';
import Link from 'next/link';
import { HistoryFilters } from '@/components/submissions/history-filters';
import { LiveRefresh } from '@/components/submissions/live-refresh';
import { SubmissionTable } from '@/components/submissions/submission-table';
import { buttonClassName } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { readListQuery } from '@/lib/api/valid-input';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { requireActor } from '@/lib/server/page-auth';
import { isTerminal } from '@/lib/submissions/submission';

export const metadata: Metadata = { title: 'History' };

type SearchParams = Record<string, string | string[] | undefined>;

function toParams(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (typeof value === 'string') params.set(key, value);
  }
  return params;
}

function pageHref(params: URLSearchParams, cursor: string | null): string {
  const next = new URLSearchParams();
  for (const key of ['status', 'q'] as const) {
    const value = params.get(key);
    if (value) next.set(key, value);
  }
  if (cursor) next.set('cursor', cursor);
  return next.size ? `/submissions?${next}` : '/submissions';
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = toParams(await searchParams);
  const actor = await requireActor(params.size ? `/submissions?${params}` : '/submissions');
  const status = params.get('status') ?? '';
  const q = params.get('q') ?? '';

  let body: React.ReactNode;
  try {
    const page = await (await getSubmissionService()).list(readListQuery(params), actor);
    const filtered = Boolean(status || q);
    body =
      page.items.length === 0 ? (
        <Notice tone="info" role="status">
          {params.has('cursor') ? (
            'No older submissions.'
          ) : filtered ? (
            'No submission matches these filters. Clear the search or choose another status.'
          ) : (
            <>
              No submissions yet.{' '}
              <Link href="/" className="font-medium underline">
                Compose the first one
              </Link>
              .
            </>
          )}
        </Notice>
      ) : (
        <>
          <LiveRefresh active={page.items.some((s) => !isTerminal(s.displayStatus))} />
          <SubmissionTable items={page.items} />
          <nav aria-label="Pages" className="flex gap-3">
            {params.has('cursor') && (
              <Link href={pageHref(params, null)} className={buttonClassName()}>
                Newest
              </Link>
            )}
            {page.nextCursor && (
              <Link href={pageHref(params, page.nextCursor)} className={buttonClassName()}>
                Next page
              </Link>
            )}
          </nav>
        </>
      );
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    body = (
      <Notice tone="error" role="alert">
        {error.message}{' '}
        <Link href="/submissions" className="font-medium underline">
          Show all submissions
        </Link>
      </Notice>
    );
  }

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">History</h1>
        <p className="text-sm text-slate-600">
          Every submission, newest first: its request, task ID, status and errors.
        </p>
      </div>
      <HistoryFilters status={status} q={q} />
      {body}
    </div>
  );
}
