import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readSubmissionId } from '@/lib/api/valid-input';
import { API_ROUTES } from '@/lib/contract/routes';
import { getSubmissionService } from '@/lib/server/app-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** Asks the upstream where the task stands now, records it, and returns the submission. */
export const POST = apiRoute<{ id: string }>(
  API_ROUTES.refreshSubmission,
  async (_request, params, actor) => {
    const id = readSubmissionId(params.id);
    const service = await getSubmissionService();
    return NextResponse.json(await service.refresh(id, actor));
  },
);
