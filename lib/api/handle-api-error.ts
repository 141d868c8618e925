import 'server-only';
import { NextResponse } from 'next/server';
import type { ErrorCode } from '@/lib/contract/error-codes';
import type { ErrorEnvelope } from '@/lib/contract/error-envelope';
import { IDEMPOTENT_REPLAYED_HEADER } from '@/lib/contract/headers';
import { clampRetryAfter } from '@/lib/contract/retry-after';
import { AppError } from '@/lib/errors/app-error';
import { logError } from '@/lib/logging/log';
import { SubmissionFailedError } from '@/lib/submissions/submission-failed-error';

/** Retry-After for the codes where waiting helps, when the error does not carry its own. */
const DEFAULT_RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  upstream_rate_limited: 30,
  rate_limited: 30,
  database_unavailable: 10,
  server_busy: 10,
};

/** The one way every route answers with an error: `{error:{code,message,issues?}}`, never a stack trace. */
export function handleApiError(error: unknown): NextResponse {
  if (!(error instanceof AppError)) {
    logError('unhandled error in route', error);
    return NextResponse.json(
      {
        error: {
          code: 'internal_error',
          message: 'Something went wrong on the server. Check history before trying again.',
        },
      },
      { status: 500 },
    );
  }
  const body: ErrorEnvelope = {
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  };
  const headers = new Headers();
  if (error instanceof SubmissionFailedError) {
    body.submission = error.submission;
    if (error.replayed) headers.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
  }
  const retryAfter = error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS[error.code];
  if (retryAfter !== undefined) headers.set('retry-after', String(clampRetryAfter(retryAfter)));
  return NextResponse.json(body, { status: error.status, headers });
}
