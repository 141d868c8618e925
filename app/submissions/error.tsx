'use client';
import { PageError } from '@/components/layout/page-error';

export default function HistoryError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <PageError
      title="History"
      message="The history could not be loaded; no submission was changed."
      error={error}
      retry={retry}
      other={{ href: '/', label: 'Open the composer' }}
    />
  );
}
