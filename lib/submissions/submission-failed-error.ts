import { AppError } from '@/lib/errors/app-error';
import type { Submission, SubmissionError } from './submission';

/** The upstream call failed; the stored submission travels with the error. */
export class SubmissionFailedError extends AppError {
  readonly submission: Submission;

  constructor(
    submission: Submission,
    error: Pick<SubmissionError, 'code' | 'message'>,
    retryAfterSeconds: number | null,
  ) {
    super(error.code, error.message, { retryAfterSeconds });
    this.name = 'SubmissionFailedError';
    this.submission = submission;
  }
}
