// Plain constants, no zod: pages' client components import them (the schemas are in submission.ts).

/** The app's own task statuses (docs/api.md, "Statuses"): `pending` while the create call is in flight. */
export const SUBMISSION_STATUSES = ['pending', 'submitted', 'processing', 'succeeded', 'failed'] as const;

/**
 * What pages show: the stored status, except `checking` for a submission whose create call's answer
 * was never recorded and that is being looked up by its external task ID.
 */
export const DISPLAY_STATUSES = [
  'pending',
  'checking',
  'submitted',
  'processing',
  'succeeded',
  'failed',
] as const;

/** What the upstream's call to the callback route did to the submission it names. */
export const DELIVERY_OUTCOMES = ['applied', 'duplicate', 'stale', 'unknown_task', 'unreadable'] as const;

/** What brought a status change: the create call, the follower (poll, lookup), a callback, or a user's refresh. */
export const EVENT_SOURCES = ['create', 'poll', 'callback', 'refresh', 'lookup'] as const;
