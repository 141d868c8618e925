import 'server-only';
import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors/app-error';
import { logError } from '@/lib/logging/log';
import { SubmissionFailedError } from '@/lib/submissions/submission-failed-error';
import { IDEMPOTENT_REPLAYED_HEADER } from './idempotency-headers';

const DEFAULT_RETRY_AFTER_SECONDS = 30;
const DATABASE_RETRY_AFTER_SECONDS = 10;

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
  const body: Record<string, unknown> = {
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  };
  const headers = new Headers();
  if (error instanceof SubmissionFailedError) {
    body.submission = error.submission;
    if (error.replayed) headers.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
  }
  const retryAfter =
    error.retryAfterSeconds ??
    (error.code === 'upstream_rate_limited' || error.code === 'rate_limited'
      ? DEFAULT_RETRY_AFTER_SECONDS
      : error.code === 'database_unavailable' || error.code === 'server_busy'
        ? DATABASE_RETRY_AFTER_SECONDS
        : null);
  if (retryAfter !== null) headers.set('retry-after', String(retryAfter));
  return NextResponse.json(body, { status: error.status, headers });
}
