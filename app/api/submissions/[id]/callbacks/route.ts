import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readSubmissionId } from '@/lib/api/valid-input';
import { API_ROUTES } from '@/lib/contract/routes';
import { getSubmissionService } from '@/lib/server/app-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** The upstream's callback deliveries for one submission, newest first. */
export const GET = apiRoute<{ id: string }>(
  API_ROUTES.listCallbackDeliveries,
  async (_request, params, actor) => {
    const id = readSubmissionId(params.id);
    const service = await getSubmissionService();
    return NextResponse.json({ items: await service.callbacks(id, actor) });
  },
);
