import type { CallbackDelivery } from '@/lib/submissions/submission';
import { Timestamp } from './format-time';

const OUTCOMES: Record<CallbackDelivery['outcome'], string> = {
  applied: 'Applied',
  duplicate: 'Nothing new (same status)',
  stale: 'Ignored: older than the stored status',
  unknown_task: 'Unknown task',
  unreadable: 'Unreadable',
};

/** Every status callback the upstream sent for this submission, newest first. */
export function CallbackLog({ deliveries }: { deliveries: CallbackDelivery[] }) {
  if (deliveries.length === 0) {
    return <p className="text-sm text-slate-600">No callbacks received for this task.</p>;
  }
  return (
    <section
      aria-label="Callback deliveries"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, by keyboard too.
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-300 bg-white focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Callback deliveries, newest first</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Received
            </th>
            <th scope="col" className="px-3 py-2">
              Task status
            </th>
            <th scope="col" className="px-3 py-2">
              Result
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <td className="px-3 py-2">
                <Timestamp iso={delivery.receivedAt} />
              </td>
              <td className="px-3 py-2 font-mono text-xs">{delivery.taskStatus ?? '—'}</td>
              <td className="px-3 py-2">{OUTCOMES[delivery.outcome]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
