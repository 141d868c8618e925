import Link from 'next/link';
import { buttonClassName } from '@/components/ui/button';
import { type HistoryState, historyHref } from './history-href';

/** Newest, previous and next page: each a keyset cursor, so going back shows the page seen before. */
export function HistoryPages({
  state,
  prevCursor,
  nextCursor,
}: {
  state: HistoryState;
  prevCursor: string | null;
  nextCursor: string | null;
}) {
  if (!state.cursor && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap gap-3">
      {state.cursor && (
        <Link href={historyHref({ ...state, cursor: undefined })} className={buttonClassName()}>
          Newest
        </Link>
      )}
      {prevCursor && (
        <Link href={historyHref({ ...state, cursor: prevCursor })} rel="prev" className={buttonClassName()}>
          Previous page
        </Link>
      )}
      {nextCursor && (
        <Link href={historyHref({ ...state, cursor: nextCursor })} rel="next" className={buttonClassName()}>
          Next page
        </Link>
      )}
    </nav>
  );
}
