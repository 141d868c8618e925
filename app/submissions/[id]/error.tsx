'use client';
import { PageError } from '@/components/layout/page-error';

export default function SubmissionError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <PageError
      title="Submission"
      message="This submission could not be loaded; nothing about it was changed."
      error={error}
      retry={retry}
      other={{ href: '/submissions', label: 'Back to the history' }}
    />
  );
}
