import { PageLoading } from '@/components/layout/page-loading';

export default function HistoryLoading() {
  return (
    <PageLoading>
      Loading history… The first visit after the server starts can take a few seconds while the database
      opens.
    </PageLoading>
  );
}
