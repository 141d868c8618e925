import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { SUBMISSION_STATUSES } from '@/lib/submissions/submission';
import type { StatusCount } from '@/lib/submissions/submission-service';
import { type HistoryState, historyHref } from './history-href';
import { statusLabel } from './status-badge';

type Counts = Record<(typeof SUBMISSION_STATUSES)[number], StatusCount>;

const formatCount = ({ count, more }: StatusCount) => `${count.toLocaleString('en-US')}${more ? '+' : ''}`;

function total(counts: Counts): StatusCount {
  const all = Object.values(counts);
  return { count: all.reduce((sum, c) => sum + c.count, 0), more: all.some((c) => c.more) };
}

/**
 * The status filter as tabs, each with how many submissions match the search in that status. Without
 * counts (while they load) the tabs work the same.
 */
export function StatusTabs({ state, counts }: { state: HistoryState; counts: Counts | null }) {
  const tabs = [
    { status: undefined, label: 'All', count: counts && total(counts) },
    ...SUBMISSION_STATUSES.map((status) => ({
      status,
      label: statusLabel(status),
      count: counts?.[status] ?? null,
    })),
  ];
  return (
    <nav aria-label="Status">
      <ul className="flex flex-wrap gap-2 border-b border-slate-300 pb-2 text-sm">
        {tabs.map((tab) => {
          const current = (state.status || undefined) === tab.status;
          return (
            <li key={tab.label}>
              <Link
                href={historyHref({ ...state, status: tab.status, cursor: undefined })}
                aria-current={current ? 'page' : undefined}
                aria-label={tab.count ? `${tab.label} (${formatCount(tab.count)})` : undefined}
                className={cn(
                  'inline-flex items-center gap-1.5 rounded-full border px-3 py-1 font-medium',
                  current
                    ? 'border-indigo-700 bg-indigo-700 text-white'
                    : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100',
                )}
              >
                {tab.label}
                {tab.count && (
                  <span
                    className={cn(
                      'rounded-full px-1.5 text-xs tabular-nums',
                      current ? 'bg-indigo-900/40' : 'bg-slate-200 text-slate-800',
                    )}
                  >
                    {formatCount(tab.count)}
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
