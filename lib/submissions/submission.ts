// The Submission's shape is part of the HTTP contract (docs/api.md); it is defined there.
import type { DisplayStatus } from '@/lib/contract/submission';

export type { CallbackDelivery, DeliveryOutcome } from '@/lib/contract/callbacks';
export type { EventSource, SubmissionEvent } from '@/lib/contract/events';
export type { SubmissionPage } from '@/lib/contract/list-query';
export { SUBMISSION_STATUSES } from '@/lib/contract/statuses';
export type {
  DisplayStatus,
  Submission,
  SubmissionError,
  SubmissionStatus,
  SubmissionVideo,
} from '@/lib/contract/submission';

/** Succeeded or failed for good: nothing changes any more. `checking` is still open. */
export const isTerminal = (status: DisplayStatus): boolean => status === 'succeeded' || status === 'failed';
