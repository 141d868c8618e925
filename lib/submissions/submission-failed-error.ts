import { AppError } from '@/lib/errors/app-error';
import type { Submission } from './submission';

/** The upstream call failed; the submission is stored as failed and travels with the error. */
export class SubmissionFailedError extends AppError {
  readonly submission: Submission;
  readonly retryAfterSeconds: number | null;

  constructor(submission: Submission, retryAfterSeconds: number | null) {
    const error = submission.error;
    super(error?.code ?? 'upstream_error', error?.message ?? 'The video service call failed.');
    this.name = 'SubmissionFailedError';
    this.submission = submission;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
