import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readJsonObject } from '@/lib/api/read-json-body';
import type { CallbackAnswer } from '@/lib/contract/callbacks';
import { API_ROUTES } from '@/lib/contract/routes';
import { AppError } from '@/lib/errors/app-error';
import { getCallbackToken, getSubmissionService } from '@/lib/server/app-services';
import { tokensMatch } from '@/lib/submissions/callback-token';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/**
 * The upstream's status callback (docs/api.md, "Callbacks"): accepted only with the secret token in
 * the URL, logged on the submission it names, applied unless it is a duplicate or stale.
 */
export const POST = apiRoute(API_ROUTES.receiveCallback, async (request) => {
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
  return NextResponse.json({ ok: true, outcome } satisfies CallbackAnswer);
});
