import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readSubmissionId } from '@/lib/api/valid-input';
import { API_ROUTES } from '@/lib/contract/routes';
import { getReviewService } from '@/lib/server/review-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** Every decision on the submission, newest first. */
export const GET = apiRoute<{ id: string }>(API_ROUTES.listReviews, async (_request, params, actor) =>
  NextResponse.json({ items: await (await getReviewService()).reviews(actor, readSubmissionId(params.id)) }),
);
