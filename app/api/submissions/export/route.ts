import { apiRoute } from '@/lib/api/api-route';
import { readExportQuery } from '@/lib/api/valid-input';
import { API_ROUTES } from '@/lib/contract/routes';
import { getSubmissionService } from '@/lib/server/app-services';
import { openExportStream } from '@/lib/submissions/export-stream';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8; header=present', json: 'application/json' } as const;

/** Every submission the filters match that the caller may see, streamed as a CSV or JSON file. */
export const GET = apiRoute(API_ROUTES.exportSubmissions, async (request, _params, actor) => {
  const { format, filters } = readExportQuery(new URL(request.url).searchParams);
  const service = await getSubmissionService();
  const body = await openExportStream(service.exportBatches(filters, actor), format);
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="submissions-${stamp}Z.${format}"`,
      'Cache-Control': 'no-store',
    },
  });
});
