import { apiRoute } from '@/lib/api/api-route';
import { API_ROUTES } from '@/lib/contract/routes';
import { AppError } from '@/lib/errors/app-error';
import { getApiTokens } from '@/lib/server/auth-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** Revokes one of the caller's own tokens; anyone else's is "not found". */
export const DELETE = apiRoute<{ id: string }>(API_ROUTES.revokeToken, async (_request, params, actor) => {
  if (!(await (await getApiTokens()).revoke(actor.id, params.id))) {
    throw new AppError('not_found', 'You have no token with this ID.');
  }
  return new Response(null, { status: 204 });
});
