import type { EventSource, SubmissionEvent } from '@/lib/submissions/submission';
import { Timestamp } from './format-time';
import { statusLabel } from './status-badge';

/** Where each change came from, in words. */
const SOURCES: Record<EventSource, string> = {
  create: 'Create call',
  poll: 'Status query',
  callback: 'Callback from the video service',
  refresh: 'Check status now',
  lookup: 'Look-up by external task ID',
};

/** Every status change, oldest first: when, to what, what brought it, and the reason given. */
export function StatusTimeline({ events }: { events: SubmissionEvent[] }) {
  if (events.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No status changes recorded. Submissions made before the timeline existed have none.
      </p>
    );
  }
  return (
    <ol aria-labelledby="timeline-title" className="flex flex-col border-l-2 border-slate-300 pl-4 text-sm">
      {events.map((event, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the log only grows at its end.
        <li key={i} className="relative py-2">
          <span
            aria-hidden="true"
            className="absolute -left-[1.4rem] top-3.5 size-2.5 rounded-full bg-slate-500"
          />
          <p className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-semibold">{statusLabel(event.status)}</span>
            <span className="text-slate-700">
              <Timestamp iso={event.at} />
            </span>
            <span className="text-xs text-slate-600">{SOURCES[event.source]}</span>
          </p>
          {event.message && (
            <p className="mt-0.5 whitespace-pre-wrap wrap-anywhere text-slate-700">{event.message}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
