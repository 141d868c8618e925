'use client';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { SubmitOutcome } from '@/lib/client/submissions-api';
import type { ApiError } from '@/lib/contract/errors';
import type { Submission } from '@/lib/contract/submission';

const MAY_HAVE_STARTED =
  'Open the submission in history before retrying: the task may have started anyway, and the app is checking.';

/** What to do next, for each way a submission can fail. */
function nextStep(error: ApiError, retryAfterSeconds: number | null, submission: Submission | null): string {
  // The upstream may have the task: sending the request again could pay for it twice.
  if (submission?.displayStatus === 'checking') return MAY_HAVE_STARTED;
  switch (error.code) {
    case 'validation_failed':
      return 'Fix the marked fields, then submit again. Nothing was sent.';
    case 'duplicate_external_task_id':
      return 'Change the External task ID or clear it to get a new one generated. Nothing was sent.';
    case 'upstream_rejected':
      return 'Change the request as the message says, then submit again.';
    case 'upstream_rate_limited':
      return `Wait ${retryAfterSeconds ?? 30} seconds, then submit again.`;
    case 'rate_limited':
      return `Wait ${retryAfterSeconds ?? 60} seconds, then submit again.`;
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

function ViewSubmission({ id }: { id: string }) {
  return (
    <p className="mt-1">
      <Link className="font-medium underline" href={`/submissions/${id}`}>
        View submission
      </Link>
    </p>
  );
}

/** The answer to the last submit: nothing before one (or while it is out), else the outcome or "no answer". */
export function SubmitResult({
  outcome,
  offline,
  onSubmitAsNew,
}: {
  outcome: SubmitOutcome | undefined;
  /** The request got no HTTP answer at all. */
  offline: boolean;
  /** Sends the same request again under a fresh Idempotency-Key: a second, paid task. */
  onSubmitAsNew: () => void;
}) {
  if (offline) {
    return (
      <Notice tone="error" role="alert" title="No answer from the server">
        Check your connection and press Submit again. The retry carries the same Idempotency-Key, so the task
        is never created twice.
      </Notice>
    );
  }
  if (!outcome) return null;
  if (outcome.kind === 'created' && outcome.replayed) {
    const { submission } = outcome;
    return (
      <Notice tone="success" role="status" title="Already submitted">
        <p>
          Already submitted: this request is task{' '}
          <output className="font-mono font-semibold">{submission.taskId}</output>. Nothing was paid twice.
        </p>
        <ViewSubmission id={submission.id} />
        <p className="mt-2">
          <Button onClick={onSubmitAsNew}>Send again as a new task</Button>
        </p>
      </Notice>
    );
  }
  if (outcome.kind === 'created') {
    const { submission } = outcome;
    return (
      <Notice tone="success" role="status" title="Submitted">
        <p>
          Task ID: <output className="font-mono font-semibold">{submission.taskId}</output>
        </p>
        <ViewSubmission id={submission.id} />
      </Notice>
    );
  }
  return (
    <Notice tone="error" role="alert" title="Submission failed">
      <p>{outcome.error.message}</p>
      <p className="mt-1">{nextStep(outcome.error, outcome.retryAfterSeconds, outcome.submission)}</p>
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
