import type { ErrorCode } from '@/lib/errors/error-codes';

// The values the submission tables hold in their text and JSON columns: one list each, read by the
// schema (so Drizzle types every row) and by the service and the pages.

/** The app's own task statuses. */
export const SUBMISSION_STATUSES = ['pending', 'submitted', 'processing', 'succeeded', 'failed'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** What brought a status change: the create call, the follower (poll, lookup), a callback, or a user's refresh. */
export const EVENT_SOURCES = ['create', 'poll', 'callback', 'refresh', 'lookup'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** applied, duplicate (nothing new), stale (older than what is stored), unknown_task, unreadable. */
export const DELIVERY_OUTCOMES = ['applied', 'duplicate', 'stale', 'unknown_task', 'unreadable'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

export interface StoredError {
  code: ErrorCode;
  message: string;
  upstreamStatus: number | null;
}

export interface StoredVideo {
  url: string;
  duration: number | null;
}
