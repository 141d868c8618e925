import type { ErrorCode } from '@/lib/errors/error-codes';

/** The app's own task statuses (SPEC section 6). */
export const SUBMISSION_STATUSES = ['pending', 'submitted', 'processing', 'succeeded', 'failed'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface SubmissionError {
  code: ErrorCode;
  message: string;
  upstreamStatus: number | null;
}

/** One submission as the API returns it and the pages show it. */
export interface Submission {
  id: string;
  status: SubmissionStatus;
  taskId: string | null;
  externalTaskId: string;
  model: string;
  /** The exact body sent upstream. */
  request: Record<string, unknown>;
  /** The upstream's reply, or null. */
  response: Record<string, unknown> | null;
  error: SubmissionError | null;
  statusMessage: string | null;
  video: { url: string; duration: number | null } | null;
  refreshedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubmissionPage {
  items: Submission[];
  nextCursor: string | null;
}

/** One call the upstream made to the app's callback route, as a reviewer sees it. */
export interface CallbackDelivery {
  id: string;
  receivedAt: string;
  taskStatus: string | null;
  /** applied, duplicate (nothing new), stale (older than what is stored), unknown_task, unreadable. */
  outcome: 'applied' | 'duplicate' | 'stale' | 'unknown_task' | 'unreadable';
  body: unknown;
}
