import { queryOptions } from '@tanstack/react-query';
import { isTerminal, type Submission, type SubmissionEvent } from '@/lib/submissions/submission';
import { fetchCallbackDeliveries, fetchSubmission, fetchSubmissionEvents } from './submissions-api';

/** How often an open submission's page asks the server again. */
export const LIVE_REFRESH_MS = 3_000;

/** Still moving: followed live until it succeeds or fails for good (`checking` is still open). */
export const isOpen = (submission: Submission | undefined): boolean =>
  submission !== undefined && !isTerminal(submission.displayStatus);

/** One submission, followed live until its task ends (refetchInterval stops at a terminal status). */
export function submissionQuery(id: string, initialData?: Submission) {
  return queryOptions({
    queryKey: ['submissions', id],
    queryFn: () => fetchSubmission(id),
    initialData,
    refetchInterval: (query) => (isOpen(query.state.data) ? LIVE_REFRESH_MS : false),
  });
}

export function callbackDeliveriesQuery(id: string, live: boolean) {
  return queryOptions({
    queryKey: ['submissions', id, 'callbacks'],
    queryFn: () => fetchCallbackDeliveries(id),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

/** The status timeline, followed while the task is open. */
export function submissionEventsQuery(id: string, live: boolean, initialData?: SubmissionEvent[]) {
  return queryOptions({
    queryKey: ['submissions', id, 'events'],
    queryFn: () => fetchSubmissionEvents(id),
    initialData,
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}
