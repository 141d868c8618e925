import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { CompareFields } from '@/components/compare/compare-fields';
import { LinkedPlayers } from '@/components/compare/linked-players';
import { Timestamp } from '@/components/submissions/format-time';
import { compareHref } from '@/components/submissions/history-href';
import { StatusBadge } from '@/components/submissions/status-badge';
import { Notice } from '@/components/ui/notice';
import { compareRequests } from '@/lib/compare/request-fields';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { requireActor } from '@/lib/server/page-auth';
import { viewRequest } from '@/lib/submissions/request-view';
import type { Submission } from '@/lib/submissions/submission';
import type { Viewer } from '@/lib/submissions/submission-service';

export const metadata: Metadata = { title: 'Compare' };

type SearchParams = Record<string, string | string[] | undefined>;

async function load(id: string, viewer: Viewer): Promise<Submission> {
  try {
    return await (await getSubmissionService()).get(id, viewer);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}

function Side({ label, submission }: { label: 'A' | 'B'; submission: Submission }) {
  const prompt = viewRequest(submission.request).prompt.trim();
  return (
    <section
      aria-label={`Submission ${label}`}
      className="flex min-w-0 flex-col gap-1 rounded-lg border border-slate-300 bg-white p-3"
    >
      <p className="flex flex-wrap items-center gap-2">
        <span className="text-lg font-bold">{label}</span>
        <StatusBadge submission={submission} />
        <span className="text-xs text-slate-600">
          <Timestamp iso={submission.createdAt} />
        </span>
      </p>
      <Link
        href={`/submissions/${submission.id}`}
        className="font-medium text-indigo-800 wrap-anywhere underline"
      >
        {prompt ? (prompt.length > 100 ? `${prompt.slice(0, 100)}…` : prompt) : '(no prompt)'}
      </Link>
    </section>
  );
}

/** This page's own address, to come back to after signing in. */
function comparePath(params: SearchParams): string {
  const kept = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of [value].flat()) if (typeof one === 'string') kept.append(key, one);
  }
  return kept.size ? `/compare?${kept}` : '/compare';
}

const noVideo = (submission: Submission) =>
  submission.displayStatus === 'failed' ? 'No video: the task failed' : 'No video yet';

/** Two takes side by side: `/compare?a={id}&b={id}` (the history's checkboxes send `?id=&id=`). */
export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const actor = await requireActor(comparePath(params));
  const picked = [params.id].flat().filter((id): id is string => typeof id === 'string');
  if (picked.length === 2 && picked[0] && picked[1]) redirect(compareHref(picked[0], picked[1]));
  const { a: idA, b: idB } = params;
  if (typeof idA !== 'string' || typeof idB !== 'string' || !idA || !idB) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold text-slate-900">Compare submissions</h1>
        <Notice tone="info" role="status">
          Choose two submissions to compare: tick two rows in{' '}
          <Link href="/submissions" className="font-medium underline">
            History
          </Link>{' '}
          and press Compare selected, or use Compare with… on a submission’s page.
        </Notice>
      </div>
    );
  }
  const [a, b] = await Promise.all([load(idA, actor), load(idB, actor)]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Compare submissions</h1>
        <Link href={compareHref(b.id, a.id)} className="text-sm font-medium text-indigo-800 underline">
          Swap A and B
        </Link>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Side label="A" submission={a} />
        <Side label="B" submission={b} />
      </div>
      <section aria-labelledby="videos-title" className="flex flex-col gap-2">
        <h2 id="videos-title" className="text-lg font-semibold">
          Videos
        </h2>
        <LinkedPlayers
          sides={[
            { label: 'A', video: a.video, missing: noVideo(a) },
            { label: 'B', video: b.video, missing: noVideo(b) },
          ]}
        />
      </section>
      <section aria-labelledby="requests-title" className="flex flex-col gap-2">
        <h2 id="requests-title" className="text-lg font-semibold">
          Requests
        </h2>
        <CompareFields rows={compareRequests(a.request, b.request)} a={a.id} b={b.id} />
      </section>
    </div>
  );
}
