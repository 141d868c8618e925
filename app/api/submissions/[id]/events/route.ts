import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readSubmissionId } from '@/lib/api/valid-input';
import { API_ROUTES } from '@/lib/contract/routes';
import { getSubmissionService } from '@/lib/server/app-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** Every status change of one submission, oldest first: its timeline. */
export const GET = apiRoute<{ id: string }>(
  API_ROUTES.listSubmissionEvents,
  async (_request, params, actor) => {
    const id = readSubmissionId(params.id);
    const service = await getSubmissionService();
    return NextResponse.json({ items: await service.events(id, actor) });
  },
);
