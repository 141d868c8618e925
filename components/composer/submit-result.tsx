'use client';
import Link from 'next/link';
import { lazy, type Ref, Suspense, useEffect } from 'react';
import { Notice } from '@/components/ui/notice';
import type { SubmitOutcome } from '@/lib/client/submissions-api';
import type { ApiError } from '@/lib/contract/errors';
import type { Submission } from '@/lib/contract/submission';
import type { SubmitState } from './use-submit-request';

const loadLiveResult = () => import('./live-result');
const LiveResult = lazy(loadLiveResult);

/** Starts loading the live result before the first submit, so it shows at once. */
export const preloadLiveResult = loadLiveResult;

const MAY_HAVE_STARTED =
  'Open the submission in history before retrying: the task may have started anyway, and the app is checking.';

/** What to do next, for each way a submission can fail; null when Submit's countdown says it. */
function nextStep(error: ApiError, retryAfterSeconds: number | null, submission: Submission | null) {
  // The upstream may have the task: sending the request again could pay for it twice.
  if (submission?.displayStatus === 'checking') return MAY_HAVE_STARTED;
  if (retryAfterSeconds !== null) return null;
  switch (error.code) {
    case 'validation_failed':
      return 'Fix the marked fields, then submit again. Nothing was sent.';
    case 'duplicate_external_task_id':
      return 'Change the External task ID or clear it to get a new one generated. Nothing was sent.';
    case 'upstream_rejected':
      return 'Change the request as the message says, then submit again.';
    case 'upstream_rate_limited':
    case 'rate_limited':
      return 'Wait a minute, then submit again.';
    case 'upstream_unauthorized':
      return 'Ask the administrator to check the server’s API key. Your request is kept in history.';
    case 'upstream_timeout':
      return MAY_HAVE_STARTED;
    case 'spend_limit_reached':
      return 'Nothing was sent. Ask an admin for a higher daily limit, or submit once room frees up.';
    case 'unauthenticated':
      return 'Your session ended: sign in again (your draft is kept), then submit.';
    case 'server_busy':
      return 'Submit again in a few seconds. Nothing was sent, so nothing was charged.';
    case 'forbidden_origin':
      return 'Submit from this app’s own page.';
    default:
      return 'Try again in a minute. The attempt is kept in history.';
  }
}

function RejectedResult({ outcome }: { outcome: Extract<SubmitOutcome, { kind: 'rejected' }> }) {
  const next = nextStep(outcome.error, outcome.retryAfterSeconds, outcome.submission);
  return (
    <Notice tone="error" role="alert" title="Submission failed">
      <p>{outcome.error.message}</p>
      {next && <p className="mt-1">{next}</p>}
      {outcome.submission && (
        <p className="mt-1">
          <Link className="font-medium underline" href={`/submissions/${outcome.submission.id}`}>
            View this attempt in history
          </Link>
        </p>
      )}
    </Notice>
  );
}

/**
 * The answer to the last submit, in place: nothing before one (or while it is out); then the task
 * with its live status (Submitted, Processing, then the video or the reason it failed), or why it
 * was not accepted, or "no answer". The status region stays on the page, so changes are announced.
 */
export function SubmitResult({
  ref,
  state,
  onSubmitAsNew,
  onStatusLine,
}: {
  ref: Ref<HTMLDivElement>;
  state: SubmitState;
  /** Sends the same request again under a fresh Idempotency-Key: a second, paid task. */
  onSubmitAsNew: () => void;
  /** The result in a few words, for the submit bar on phones; null without one. */
  onStatusLine: (line: string | null) => void;
}) {
  const outcome = state.status === 'answered' ? state.outcome : undefined;
  const created = outcome?.kind === 'created' ? outcome : undefined;
  // A created task's line comes from its live result; the others are known here.
  const line =
    state.status === 'offline'
      ? 'No answer from the server.'
      : outcome?.kind === 'rejected'
        ? 'Submission failed.'
        : null;
  useEffect(() => {
    if (!created) onStatusLine(line);
  }, [created, line, onStatusLine]);

  return (
    <div id="submit-result" ref={ref} tabIndex={-1} className="flex scroll-my-4 flex-col gap-3 outline-none">
      <div role="status" className="empty:hidden">
        {created && (
          <Suspense
            fallback={
              <Notice tone="info" title="Submitted">
                Task ID:{' '}
                <output className="break-all font-mono font-semibold">{created.submission.taskId}</output>
              </Notice>
            }
          >
            <LiveResult
              key={created.submission.id}
              outcome={created}
              onSubmitAsNew={onSubmitAsNew}
              onStatusLine={onStatusLine}
            />
          </Suspense>
        )}
      </div>
      {state.status === 'offline' && (
        <Notice tone="error" role="alert" title="No answer from the server">
          Check your connection and press Submit again. The retry carries the same Idempotency-Key, so the
          task is never created twice.
        </Notice>
      )}
      {outcome?.kind === 'rejected' && <RejectedResult outcome={outcome} />}
    </div>
  );
}
