import { AppError } from '@/lib/errors/app-error';
import type { Submission, SubmissionError } from './submission';

/** The upstream call failed; the stored submission travels with the error. */
export class SubmissionFailedError extends AppError {
  readonly submission: Submission;
  /** The stored answer to an earlier request under the same Idempotency-Key; nothing was sent again. */
  readonly replayed: boolean;

  constructor(
    submission: Submission,
    error: Pick<SubmissionError, 'code' | 'message'>,
    retryAfterSeconds: number | null,
    options: { replayed?: boolean } = {},
  ) {
    super(error.code, error.message, { retryAfterSeconds });
    this.name = 'SubmissionFailedError';
    this.submission = submission;
    this.replayed = options.replayed ?? false;
  }
}
