'use client';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import type { ApiError } from '@/lib/contract/errors';
import type { Submission } from '@/lib/submissions/submission';

export type ResultState =
  | { kind: 'idle' }
  | { kind: 'created'; submission: Submission; replayed: boolean }
  | { kind: 'rejected'; error: ApiError; submission: Submission | null; retryAfterSeconds: number | null }
  | { kind: 'offline' };

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

export function SubmitResult({
  state,
  onSubmitAsNew,
}: {
  state: ResultState;
  /** Sends the same request again under a fresh Idempotency-Key: a second, paid task. */
  onSubmitAsNew: () => void;
}) {
  if (state.kind === 'created' && state.replayed) {
    const { submission } = state;
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
  if (state.kind === 'created') {
    const { submission } = state;
    return (
      <Notice tone="success" role="status" title="Submitted">
        <p>
          Task ID: <output className="font-mono font-semibold">{submission.taskId}</output>
        </p>
        <ViewSubmission id={submission.id} />
      </Notice>
    );
  }
  if (state.kind === 'rejected') {
    return (
      <Notice tone="error" role="alert" title="Submission failed">
        <p>{state.error.message}</p>
        <p className="mt-1">{nextStep(state.error, state.retryAfterSeconds, state.submission)}</p>
        {state.submission && (
          <p className="mt-1">
            <Link className="font-medium underline" href={`/submissions/${state.submission.id}`}>
              View this attempt in history
            </Link>
          </p>
        )}
      </Notice>
    );
  }
  if (state.kind === 'offline') {
    return (
      <Notice tone="error" role="alert" title="No answer from the server">
        Check your connection and press Submit again. The retry carries the same Idempotency-Key, so the task
        is never created twice.
      </Notice>
    );
  }
  return null;
}
