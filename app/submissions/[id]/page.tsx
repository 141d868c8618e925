import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { QueryProvider } from '@/components/layout/query-provider';
import { SubmissionDetail } from '@/components/submissions/submission-detail';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { requireActor } from '@/lib/server/page-auth';

export const metadata: Metadata = { title: 'Submission' };

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/submissions/${encodeURIComponent(id)}`);
  try {
    const submission = await (await getSubmissionService()).get(id, actor);
    return (
      <QueryProvider>
        <SubmissionDetail initial={submission} />
      </QueryProvider>
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
}
