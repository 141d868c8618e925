import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readBody } from '@/lib/api/read-body';
import { readSubmissionId } from '@/lib/api/valid-input';
import { reviewBodySchema } from '@/lib/contract/accounts';
import { API_ROUTES } from '@/lib/contract/routes';
import { getSubmissionService } from '@/lib/server/app-services';
import { getReviewService } from '@/lib/server/review-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** A reviewer's decision on someone else's finished submission. */
export const POST = apiRoute<{ id: string }>(API_ROUTES.reviewSubmission, async (request, params, actor) => {
  const id = readSubmissionId(params.id);
  const decision = await readBody(request, reviewBodySchema, 'Choose a decision.');
  await (await getReviewService()).review(actor, id, decision);
  return NextResponse.json(await (await getSubmissionService()).get(id, actor));
});
