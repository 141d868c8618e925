import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { CompareSelection } from '@/components/submissions/compare-selection';
import {
  exportHref,
  HISTORY_FILTER_KEYS,
  type HistoryState,
  historyHref,
} from '@/components/submissions/history-href';
import { HistoryPages } from '@/components/submissions/history-pages';
import { HistorySearch } from '@/components/submissions/history-search';
import { LiveRefresh } from '@/components/submissions/live-refresh';
import { StatusTabs } from '@/components/submissions/status-tabs';
import { SubmissionTable } from '@/components/submissions/submission-table';
import { buttonClassName } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { readListQuery } from '@/lib/api/valid-input';
import type { ListFilters } from '@/lib/contract/list-query';
import { submissionIdSchema } from '@/lib/contract/submission';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { requireActor } from '@/lib/server/page-auth';
import { viewRequest } from '@/lib/submissions/request-view';
import { isTerminal, type Submission } from '@/lib/submissions/submission';
import type { Viewer } from '@/lib/submissions/submission-service';

export const metadata: Metadata = { title: 'History' };

type SearchParams = Record<string, string | string[] | undefined>;

function toParams(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    if (typeof value === 'string') params.set(key, value);
  }
  return params;
}

/** The tabs with their counts, streamed in after the list so counting never holds the page up. */
async function CountedTabs({
  state,
  filters,
  viewer,
}: {
  state: HistoryState;
  filters: ListFilters;
  viewer: Viewer;
}) {
  const counts = await (await getSubmissionService()).countByStatus(filters, viewer).catch(() => null);
  return <StatusTabs state={state} counts={counts} />;
}

/** "Compare with…" from a detail page: the submission every row is then compared with, if it exists. */
async function chosenForComparison(id: string | undefined, viewer: Viewer): Promise<Submission | null> {
  if (!id || !submissionIdSchema.safeParse(id).success) return null;
  return (await getSubmissionService()).get(id, viewer).catch(() => null);
}

function CompareBanner({ chosen, state }: { chosen: Submission; state: HistoryState }) {
  const prompt = viewRequest(chosen.request).prompt.trim();
  return (
    <Notice tone="info" role="status" title="Choose a submission to compare with">
      <p className="wrap-anywhere">
        “{prompt.length > 80 ? `${prompt.slice(0, 80)}…` : prompt || '(no prompt)'}”. Search or page to the
        other take, then choose Compare on its row.{' '}
        <Link href={historyHref({ ...state, compareWith: undefined })} className="font-medium underline">
          Cancel
        </Link>
      </p>
    </Notice>
  );
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = toParams(await searchParams);
  const actor = await requireActor(params.size ? `/submissions?${params}` : '/submissions');
  const chosen = await chosenForComparison(params.get('compareWith') ?? undefined, actor);
  const state: HistoryState = {
    ...Object.fromEntries(
      HISTORY_FILTER_KEYS.flatMap((key) => {
        const value = params.get(key);
        return value ? [[key, value]] : [];
      }),
    ),
    cursor: params.get('cursor') ?? undefined,
    compareWith: chosen?.id,
  };

  let body: React.ReactNode;
  let filters: ListFilters | null = null;
  try {
    const query = readListQuery(params);
    const { limit: _limit, after: _after, before: _before, ...listFilters } = query;
    filters = listFilters;
    const page = await (await getSubmissionService()).list(query, actor);
    const filtered = Boolean(query.status || query.q);
    const table = <SubmissionTable items={page.items} compareWith={state.compareWith} />;
    body =
      page.items.length === 0 ? (
        <>
          <Notice tone="info" role="status">
            {query.after ? (
              'No older submissions.'
            ) : query.before ? (
              'No newer submissions.'
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
          <HistoryPages state={state} prevCursor={null} nextCursor={null} />
        </>
      ) : (
        <>
          <LiveRefresh active={page.items.some((s) => !isTerminal(s.displayStatus))} />
          {state.compareWith ? table : <CompareSelection>{table}</CompareSelection>}
          <HistoryPages state={state} prevCursor={page.prevCursor} nextCursor={page.nextCursor} />
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
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">History</h1>
          <p className="text-sm text-slate-600">
            Every submission, newest first: its request, task ID, status and errors.
          </p>
        </div>
        {filters && (
          <div className="flex flex-wrap gap-2">
            <a href={exportHref(state, 'csv')} download className={buttonClassName()}>
              Export CSV
            </a>
            <a href={exportHref(state, 'json')} download className={buttonClassName()}>
              Export JSON
            </a>
          </div>
        )}
      </div>
      {chosen && <CompareBanner chosen={chosen} state={state} />}
      <HistorySearch state={state} />
      {filters && (
        <Suspense fallback={<StatusTabs state={state} counts={null} />}>
          <CountedTabs state={state} filters={filters} viewer={actor} />
        </Suspense>
      )}
      {body}
    </div>
  );
}
