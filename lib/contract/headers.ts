// Plain constants, no zod: the browser's eager bundle imports this module.

/** Makes a retry of `POST /api/submissions` safe: the same key and body are sent upstream once. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;

/**
 * Marks an answer replayed from an earlier request under the same Idempotency-Key (as Stripe does):
 * the body is the first answer's, unchanged, and the upstream was not called again.
 */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
