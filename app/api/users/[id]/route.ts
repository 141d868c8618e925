import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readBody } from '@/lib/api/read-body';
import { userPatchBodySchema } from '@/lib/contract/accounts';
import { API_ROUTES } from '@/lib/contract/routes';
import { getUserService } from '@/lib/server/auth-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** Role, disabled state, daily limit; disabling signs the user out everywhere at once. */
export const PATCH = apiRoute<{ id: string }>(API_ROUTES.updateUser, async (request, params) => {
  const patch = await readBody(request, userPatchBodySchema, 'Check the marked fields.');
  return NextResponse.json(await (await getUserService()).update(params.id, patch));
});
