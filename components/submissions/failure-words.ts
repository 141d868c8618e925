import type { ErrorCode } from '@/lib/contract/error-codes';
import type { Submission } from '@/lib/submissions/submission';

/** What went wrong, in a reviewer's words; the code stays beside it in small print. */
const HEADINGS: Partial<Record<ErrorCode, string>> = {
  task_failed: 'The video service could not make this video',
  upstream_rejected: 'The video service refused the request',
  upstream_unauthorized: 'The video service did not accept the app’s key',
  upstream_error: 'The video service failed to answer properly',
  upstream_rate_limited: 'The video service was too busy to take the request',
  upstream_timeout: 'The video service did not answer in time',
  server_busy: 'Not sent: the server was too busy',
  database_unavailable: 'Not sent: the database was unreachable',
  internal_error: 'Something went wrong in the app',
};

export function failureHeading(code: ErrorCode | undefined): string {
  return (code && HEADINGS[code]) ?? 'The submission failed';
}

/** The reason given for a failure: the upstream's words, or the app's. */
export function failureReason(submission: Pick<Submission, 'error' | 'statusMessage'>): string {
  return submission.error?.message ?? submission.statusMessage ?? 'No reason was given.';
}
