import { ERROR_STATUS, type ErrorCode } from '@/lib/contract/error-codes';
import type { ValidationIssue } from '@/lib/contract/validation-issues';

/** An expected failure with a code from the API's table; its message is safe to show to anyone. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ValidationIssue[];
  /** When to try again, sent as Retry-After; null when waiting would not help. */
  readonly retryAfterSeconds: number | null;

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: ValidationIssue[]; cause?: unknown; retryAfterSeconds?: number | null } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
