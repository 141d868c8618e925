import { PageLoading } from '@/components/layout/page-loading';

export default function SubmissionLoading() {
  return <PageLoading>Loading the submission…</PageLoading>;
}
