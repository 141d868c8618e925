import type { SubmissionRow } from '@/lib/db/schema';
import { maskCallbackToken } from './callback-token';
import type { DisplayStatus, Submission } from './submission';

export const UNKNOWN_CHECKING_MESSAGE =
  'Unknown, checking: the video service’s answer was not recorded (the app may have restarted). It is being looked up by its external task ID; the request is never sent twice.';

/**
 * The status a person is shown. `checking`: the upstream's answer is unknown and the task is being
 * looked up: a pending row whose create call is overdue (its answer was lost), or a failed row still
 * due for a status query (an uncertain failure; a definite one, or a finished task, has none).
 */
export function displayStatusOf(row: SubmissionRow, now: number, lookUpAfterMs: number): DisplayStatus {
  if (row.status === 'pending') return now - row.createdAt.getTime() > lookUpAfterMs ? 'checking' : 'pending';
  if (row.status === 'failed' && row.nextPollAt !== null) return 'checking';
  return row.status;
}

export type PresentSubmission = (row: SubmissionRow) => Submission;

/**
 * How every page and API answer shows a submission: internal columns (idempotency key, hash, leases)
 * stay inside, the app's callback token is masked, and a submission being looked up says so.
 */
export function createSubmissionPresenter(options: {
  callbackToken: string | null;
  lookUpAfterMs: number;
}): PresentSubmission {
  return (row) => {
    const displayStatus = displayStatusOf(row, Date.now(), options.lookUpAfterMs);
    return {
      id: row.id,
      status: row.status,
      displayStatus,
      taskId: row.taskId,
      externalTaskId: row.externalTaskId,
      model: row.model,
      request: maskCallbackToken(row.request, options.callbackToken),
      response: row.response,
      error: row.error,
      statusMessage:
        displayStatus === 'checking' ? (row.statusMessage ?? UNKNOWN_CHECKING_MESSAGE) : row.statusMessage,
      video: row.video,
      refreshedAt: row.refreshedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  };
}
