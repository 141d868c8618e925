import { queryOptions } from '@tanstack/react-query';
import type { Submission } from '@/lib/submissions/submission';
import { fetchCallbackDeliveries, fetchSubmission } from './submissions-api';

/** Statuses after which nothing changes any more. */
export const TERMINAL_STATUSES: readonly Submission['status'][] = ['succeeded', 'failed'];

/** How often an open submission's page asks the server again. */
export const LIVE_REFRESH_MS = 3_000;

export const isOpen = (submission: Submission | undefined): boolean =>
  submission !== undefined && !TERMINAL_STATUSES.includes(submission.status);

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
