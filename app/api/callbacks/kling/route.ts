import { NextResponse } from 'next/server';
import { handleApiError } from '@/lib/api/handle-api-error';
import { otherMethods } from '@/lib/api/other-methods';
import { readJsonObject } from '@/lib/api/read-json-body';
import { AppError } from '@/lib/errors/app-error';
import { getCallbackToken, getSubmissionService } from '@/lib/server/app-services';
import { tokensMatch } from '@/lib/submissions/callback-token';

export const dynamic = 'force-dynamic';
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);

/**
 * The upstream's status callback (SPEC section 6): accepted only with the secret token in the URL,
 * logged on the submission it names, applied unless it is a duplicate or stale.
 */
export async function POST(request: Request): Promise<NextResponse> {
  try {
    const token = new URL(request.url).searchParams.get('token');
    if (!tokensMatch(token, await getCallbackToken())) {
      throw new AppError(
        'invalid_callback_token',
        'The callback token is missing or wrong; nothing was changed.',
      );
    }
    const body = await readJsonObject(request);
    const service = await getSubmissionService();
    const { outcome } = await service.receiveCallback(body);
    return NextResponse.json({ ok: true, outcome });
  } catch (error) {
    return handleApiError(error);
  }
}
