import type { SubmissionRow } from '@/lib/db/schema';
import { maskCallbackToken } from '@/lib/tasks/callback-token';
import type { Submission, SubmissionError, SubmissionStatus } from './submission';

export const UNKNOWN_CHECKING_MESSAGE =
  'Unknown, checking: the video service’s answer was not recorded (the app may have restarted). It is being looked up by its external task ID; the request is never sent twice.';

/** A stored row as the API and pages show it; internal columns (idempotency key, hash, leases) stay inside. */
export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    status: row.status as SubmissionStatus,
    displayStatus: row.status as SubmissionStatus,
    taskId: row.taskId,
    externalTaskId: row.externalTaskId,
    model: row.model,
    request: row.request as Record<string, unknown>,
    response: (row.response as Record<string, unknown> | null) ?? null,
    error: (row.error as SubmissionError | null) ?? null,
    statusMessage: row.statusMessage,
    video: (row.video as Submission['video']) ?? null,
    refreshedAt: row.refreshedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type PresentSubmission = (row: SubmissionRow) => Submission;

/**
 * How every page and API answer shows a submission: the app's callback token masked, and a
 * submission whose upstream answer is overdue marked "unknown, checking", never silently failed.
 */
export function createSubmissionPresenter(options: {
  callbackToken: string | null;
  reconcileAfterMs: number;
}): PresentSubmission {
  return (row) => {
    const submission = toSubmission(row);
    const overdue =
      row.status === 'pending' && Date.now() - row.createdAt.getTime() > options.reconcileAfterMs;
    return {
      ...submission,
      displayStatus: overdue ? 'checking' : submission.displayStatus,
      request: maskCallbackToken(submission.request, options.callbackToken),
      statusMessage: overdue
        ? (submission.statusMessage ?? UNKNOWN_CHECKING_MESSAGE)
        : submission.statusMessage,
    };
  };
}
