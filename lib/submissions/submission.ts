// The Submission's shape is part of the HTTP contract (docs/api.md); it is defined there.
export type { CallbackDelivery } from '@/lib/contract/callbacks';
export type { SubmissionPage } from '@/lib/contract/list-query';
export { SUBMISSION_STATUSES } from '@/lib/contract/statuses';
export type {
  DisplayStatus,
  Submission,
  SubmissionError,
  SubmissionStatus,
} from '@/lib/contract/submission';
