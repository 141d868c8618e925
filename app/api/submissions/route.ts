import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readJsonObject } from '@/lib/api/read-json-body';
import { readIdempotencyKey, readListQuery, validOrThrow } from '@/lib/api/valid-input';
import { IDEMPOTENT_REPLAYED_HEADER } from '@/lib/contract/headers';
import { API_ROUTES } from '@/lib/contract/routes';
import { validateSubmissionRequest } from '@/lib/contract/validation-issues';
import { getSubmissionService } from '@/lib/server/app-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** Validate, then hand to the service: it stores, calls the upstream and records the answer. */
export const POST = apiRoute(API_ROUTES.createSubmission, async (request, _params, actor) => {
  const idempotencyKey = readIdempotencyKey(request);
  const submissionRequest = validOrThrow(
    validateSubmissionRequest(await readJsonObject(request)),
    'The request has invalid fields; nothing was sent.',
  );
  const service = await getSubmissionService();
  const { submission, replayed } = await service.createOrReplay({
    request: submissionRequest,
    idempotencyKey,
    creator: actor,
  });
  const headers = replayed ? { [IDEMPOTENT_REPLAYED_HEADER]: 'true' } : undefined;
  return NextResponse.json(submission, { status: 201, headers });
});

export const GET = apiRoute(API_ROUTES.listSubmissions, async (request, _params, actor) => {
  const query = readListQuery(new URL(request.url).searchParams);
  const service = await getSubmissionService();
  return NextResponse.json(await service.list(query, actor));
});
