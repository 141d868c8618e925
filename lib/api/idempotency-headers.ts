/**
 * Marks an answer replayed from an earlier request under the same Idempotency-Key (as Stripe does):
 * the body is the first answer's, unchanged, and the upstream was not called again.
 */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
