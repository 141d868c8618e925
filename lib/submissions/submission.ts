import type {
  DeliveryOutcome,
  EventSource,
  StoredError,
  StoredVideo,
  SubmissionStatus,
} from '@/lib/db/stored-values';

export { SUBMISSION_STATUSES } from '@/lib/db/stored-values';
export type { DeliveryOutcome, EventSource, SubmissionStatus };

/**
 * What a person is shown: the stored status, or `checking` while the upstream's answer is unknown
 * and the app is looking the task up (a create call with no recorded answer, or an uncertain failure).
 */
export type DisplayStatus = SubmissionStatus | 'checking';

/** Succeeded or failed for good: nothing changes any more. `checking` is still open. */
export const isTerminal = (status: DisplayStatus): boolean => status === 'succeeded' || status === 'failed';

export type SubmissionError = StoredError;

/** One submission as the API returns it and the pages show it. */
export interface Submission {
  id: string;
  status: SubmissionStatus;
  /** The status to show, computed in one place (submission-view.ts). */
  displayStatus: DisplayStatus;
  taskId: string | null;
  externalTaskId: string;
  model: string;
  /** The exact body sent upstream. */
  request: Record<string, unknown>;
  /** The upstream's reply, or null. */
  response: Record<string, unknown> | null;
  error: SubmissionError | null;
  statusMessage: string | null;
  video: StoredVideo | null;
  refreshedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubmissionPage {
  items: Submission[];
  nextCursor: string | null;
}

/** One status change of a submission, for its timeline. */
export interface SubmissionEvent {
  at: string;
  status: SubmissionStatus;
  source: EventSource;
  message: string | null;
}

/** One call the upstream made to the app's callback route, as a reviewer sees it. */
export interface CallbackDelivery {
  id: string;
  receivedAt: string;
  taskStatus: string | null;
  outcome: DeliveryOutcome;
  body: unknown;
}
