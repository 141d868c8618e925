// Plain constants, no zod: the browser's eager bundle imports this module (the schema is in errors.ts).

/** Every error code the API answers with, and its HTTP status (docs/api.md, "Errors"). */
export const ERROR_STATUS = {
  invalid_json: 400,
  /** No session cookie or API token, or one that has ended. */
  unauthenticated: 401,
  /** Sign-in with a wrong password or an unknown email: the same answer for both. */
  invalid_credentials: 401,
  /** Signed in, allowed to see the thing, but not to do this with it. */
  forbidden: 403,
  /** A reviewer's own submission is reviewed by someone else. */
  own_submission: 403,
  /** Sign-in to an account an admin disabled. */
  account_disabled: 403,
  forbidden_origin: 403,
  not_found: 404,
  /** The request's Host is not one this app answers to (DNS rebinding is refused). */
  misdirected_request: 421,
  /** A method the route does not serve (its `Allow` header lists the ones it does). */
  method_not_allowed: 405,
  duplicate_external_task_id: 409,
  idempotency_conflict: 409,
  /** The first admin exists already: /setup is gone. */
  already_set_up: 409,
  email_taken: 409,
  /** The only enabled admin cannot be demoted or disabled. */
  last_admin: 409,
  /** Reviews wait until the task has succeeded or failed. */
  not_finished: 409,
  payload_too_large: 413,
  /** This app's own per-client limit on submissions (not the upstream's). */
  rate_limited: 429,
  /** A user's or the app's daily video seconds would be passed: nothing stored or sent. */
  spend_limit_reached: 429,
  validation_failed: 422,
  upstream_rejected: 422,
  upstream_unauthorized: 502,
  upstream_error: 502,
  upstream_rate_limited: 503,
  upstream_timeout: 504,
  /** Stored on a submission whose task the upstream reports as failed; not an HTTP answer of the create call. */
  task_failed: 502,
  invalid_callback_token: 401,
  database_unavailable: 503,
  /** Stored too late to be sent safely (the database was busy): nothing was sent. */
  server_busy: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const UPSTREAM_ERROR_CODES = [
  'upstream_rejected',
  'upstream_unauthorized',
  'upstream_error',
  'upstream_rate_limited',
  'upstream_timeout',
] as const satisfies readonly ErrorCode[];

export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];
