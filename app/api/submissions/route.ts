import { NextResponse } from 'next/server';
import { handleApiError } from '@/lib/api/handle-api-error';
import { IDEMPOTENT_REPLAYED_HEADER } from '@/lib/api/idempotency-headers';
import { otherMethods } from '@/lib/api/other-methods';
import { readJsonObject } from '@/lib/api/read-json-body';
import { assertSameOrigin } from '@/lib/api/same-origin';
import { assertSubmissionAllowed } from '@/lib/api/submission-rate-limit';
import { getEnv } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { getSubmissionService } from '@/lib/server/app-services';
import { parseListQuery } from '@/lib/submissions/list-query';
import { validateSubmissionRequest } from '@/lib/validations/validation-issues';

export const dynamic = 'force-dynamic';
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);

const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

function idempotencyKey(request: Request): string | null {
  const key = request.headers.get('idempotency-key')?.trim();
  if (!key) return null;
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new AppError('validation_failed', 'The Idempotency-Key header is too long.', {
      issues: [{ path: 'Idempotency-Key', message: `At most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.` }],
    });
  }
  return key;
}

/** Validate, then hand to the service: it stores, calls the upstream and records the answer. */
export async function POST(request: Request): Promise<NextResponse> {
  try {
    assertSameOrigin(request, getEnv().publicUrl);
    assertSubmissionAllowed(request);
    const key = idempotencyKey(request);
    const validation = validateSubmissionRequest(await readJsonObject(request));
    if (!validation.ok) {
      throw new AppError('validation_failed', 'The request has invalid fields; nothing was sent.', {
        issues: validation.issues,
      });
    }
    const service = await getSubmissionService();
    const { submission, replayed } = await service.createOrReplay({
      request: validation.request,
      idempotencyKey: key,
    });
    const headers = replayed ? { [IDEMPOTENT_REPLAYED_HEADER]: 'true' } : undefined;
    return NextResponse.json(submission, { status: 201, headers });
  } catch (error) {
    return handleApiError(error);
  }
}

export async function GET(request: Request): Promise<NextResponse> {
  try {
    const filter = parseListQuery(new URL(request.url).searchParams);
    const service = await getSubmissionService();
    return NextResponse.json(await service.list(filter));
  } catch (error) {
    return handleApiError(error);
  }
}
