import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { QueryProvider } from '@/components/layout/query-provider';
import { detailTitle } from '@/components/submissions/detail-title';
import { SubmissionDetail } from '@/components/submissions/submission-detail';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';

type Props = { params: Promise<{ id: string }> };

/** One read per request, shared by the title and the page; an unknown ID is the Not found page. */
const loadSubmission = cache(async (id: string) => {
  const service = await getSubmissionService();
  try {
    const submission = await service.get(id);
    return { submission, events: await service.events(id) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { submission } = await loadSubmission((await params).id);
  return { title: detailTitle(submission) };
}

export default async function SubmissionPage({ params }: Props) {
  const { submission, events } = await loadSubmission((await params).id);
  return (
    <QueryProvider>
      <SubmissionDetail initial={submission} initialEvents={events} />
    </QueryProvider>
  );
}
