import type { ValidationIssue } from '@/lib/validations/validation-issues';
import { ERROR_STATUS, type ErrorCode } from './error-codes';

/** An expected failure with a code from the API's table; its message is safe to show to anyone. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ValidationIssue[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: ValidationIssue[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
