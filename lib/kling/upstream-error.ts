import type { UpstreamErrorCode } from '@/lib/contract/error-codes';
import { clampRetryAfter } from '@/lib/contract/retry-after';
import { AppError } from '@/lib/errors/app-error';
import { redactSecrets } from '@/lib/security/secrets';

export interface UpstreamErrorDetails {
  code: UpstreamErrorCode;
  message: string;
  /** The upstream's HTTP status, when it answered at all. */
  upstreamStatus: number | null;
}

/**
 * Said of every failure that is not a definite refusal: the upstream may have created the task, so
 * sending it again could pay twice. The app looks it up instead.
 */
export const MAY_HAVE_STARTED =
  'The task may still have started: the app is checking with the video service and will show its real status here.';

/** A failed upstream call, classified once here for every caller (docs/api.md). */
export class UpstreamError extends AppError {
  readonly upstreamStatus: number | null;
  readonly retryAfterSeconds: number | null;
  /**
   * True for a definite refusal (400/401/403/422/429, or a 2xx carrying a non-zero Kling code): no
   * task exists. Anything else (no answer, a reset, a 5xx, an unreadable reply) leaves it uncertain.
   */
  readonly refused: boolean;

  constructor(details: UpstreamErrorDetails & { retryAfterSeconds?: number | null; refused?: boolean }) {
    super(details.code, details.message);
    this.name = 'UpstreamError';
    this.upstreamStatus = details.upstreamStatus;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.refused = details.refused ?? false;
  }

  toDetails(): UpstreamErrorDetails {
    return {
      code: this.code as UpstreamErrorCode,
      message: this.message,
      upstreamStatus: this.upstreamStatus,
    };
  }
}

/**
 * True for an UpstreamError from any copy of this module. The upstream client is created once per
 * process and kept on globalThis, often by the instrumentation bundle (the task follower), which has
 * its own copy of this class: `instanceof UpstreamError` in a route's bundle is then false.
 */
export function isUpstreamError(error: unknown): error is UpstreamError {
  return (
    error instanceof Error &&
    error.name === 'UpstreamError' &&
    typeof (error as Partial<UpstreamError>).toDetails === 'function'
  );
}

/** The same failure with every secret cut out of its message: an upstream may echo the key or the token. */
export function redactUpstreamError(error: unknown): unknown {
  if (!isUpstreamError(error)) return error;
  const message = redactSecrets(error.message);
  if (message === error.message) return error;
  return new UpstreamError({
    ...error.toDetails(),
    message,
    retryAfterSeconds: error.retryAfterSeconds,
    refused: error.refused,
  });
}

const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** Seconds from a Retry-After header (seconds or an HTTP date); a sane default when absent or odd. */
export function parseRetryAfter(header: string | null, now = Date.now()): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  return DEFAULT_RETRY_AFTER_SECONDS;
}

/** The upstream's own words, from whichever field its error body uses. */
export function extractUpstreamMessage(body: unknown, text: string): string | null {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    const nested =
      typeof b.error === 'object' && b.error !== null ? (b.error as Record<string, unknown>) : null;
    for (const candidate of [nested?.message, b.message, b.error, b.detail, b.msg]) {
      if (typeof candidate === 'string' && candidate.trim()) return candidate.trim().slice(0, 500);
    }
  }
  const trimmed = text.trim();
  return trimmed && !trimmed.startsWith('<') ? trimmed.slice(0, 500) : null;
}

/** Classifies a non-2xx reply. */
export function upstreamErrorFromStatus(
  status: number,
  body: unknown,
  text: string,
  retryAfterHeader: string | null,
): UpstreamError {
  const said = extractUpstreamMessage(body, text);
  if (status === 400 || status === 422) {
    return new UpstreamError({
      code: 'upstream_rejected',
      upstreamStatus: status,
      refused: true,
      message: said
        ? `The video service rejected the request: ${said}`
        : 'The video service rejected the request.',
    });
  }
  if (status === 401 || status === 403) {
    return new UpstreamError({
      code: 'upstream_unauthorized',
      upstreamStatus: status,
      refused: true,
      message:
        'The video service refused the server’s API key. An administrator needs to check KLING_API_KEY; nothing was charged.',
    });
  }
  if (status === 429) {
    const retryAfterSeconds = clampRetryAfter(parseRetryAfter(retryAfterHeader));
    return new UpstreamError({
      code: 'upstream_rate_limited',
      upstreamStatus: status,
      retryAfterSeconds,
      refused: true,
      message: `The video service is busy (rate limit${said ? `: ${said}` : ''}). Try again in ${retryAfterSeconds} s.`,
    });
  }
  return new UpstreamError({
    code: 'upstream_error',
    upstreamStatus: status,
    message: `The video service failed (HTTP ${status}${said ? `: ${said}` : ''}). ${MAY_HAVE_STARTED}`,
  });
}

export function upstreamBadReply(status: number, what: string): UpstreamError {
  return new UpstreamError({
    code: 'upstream_error',
    upstreamStatus: status,
    message: `The video service sent an unexpected reply (${what}). ${MAY_HAVE_STARTED}`,
  });
}

export function upstreamTimeout(timeoutMs: number): UpstreamError {
  return new UpstreamError({
    code: 'upstream_timeout',
    upstreamStatus: null,
    message: `The video service did not answer within ${Math.round(timeoutMs / 1000)} s. ${MAY_HAVE_STARTED}`,
  });
}

export function upstreamUnreachable(reason: string): UpstreamError {
  return new UpstreamError({
    code: 'upstream_error',
    upstreamStatus: null,
    message: `Could not reach the video service (${reason}). ${MAY_HAVE_STARTED}`,
  });
}
