import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readBody } from '@/lib/api/read-body';
import { readSubmissionId } from '@/lib/api/valid-input';
import { commentBodySchema } from '@/lib/contract/accounts';
import { API_ROUTES } from '@/lib/contract/routes';
import { getReviewService } from '@/lib/server/review-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** The thread under a submission, oldest first. */
export const GET = apiRoute<{ id: string }>(API_ROUTES.listComments, async (_request, params, actor) =>
  NextResponse.json({ items: await (await getReviewService()).comments(actor, readSubmissionId(params.id)) }),
);

export const POST = apiRoute<{ id: string }>(API_ROUTES.addComment, async (request, params, actor) => {
  const id = readSubmissionId(params.id);
  const { body } = await readBody(request, commentBodySchema, 'Write a comment first.');
  return NextResponse.json(await (await getReviewService()).comment(actor, id, body), { status: 201 });
});
