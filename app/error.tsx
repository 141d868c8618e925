'use client';
import { PageError } from '@/components/layout/page-error';

export default function ComposerError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <PageError
      title="Compose a video request"
      message="This page could not be shown. Nothing was sent, and your draft is kept in this browser."
      error={error}
      retry={retry}
      other={{ href: '/submissions', label: 'Open the history' }}
    />
  );
}
