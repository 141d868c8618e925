'use client';
import { useSyncExternalStore } from 'react';

const utcText = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const subscribe = () => () => {};

/**
 * A time in the reader's own time zone, with UTC on hover (`title`) so reviewers in different zones
 * can agree on a moment. The server does not know the reader's zone: it sends UTC, and the browser
 * switches to local time once the page runs.
 */
export function Timestamp({ iso }: { iso: string | null }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={utcText(iso)}>
      {inBrowser ? localFormat.format(new Date(iso)) : utcText(iso)}
    </time>
  );
}
