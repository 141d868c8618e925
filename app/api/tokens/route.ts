import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readBody } from '@/lib/api/read-body';
import { tokenCreateBodySchema } from '@/lib/contract/accounts';
import { API_ROUTES } from '@/lib/contract/routes';
import { getApiTokens } from '@/lib/server/auth-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

export const GET = apiRoute(API_ROUTES.listTokens, async (_request, _params, actor) =>
  NextResponse.json({ items: await (await getApiTokens()).list(actor.id) }),
);

/** A new token for scripts; its secret is in this answer only. */
export const POST = apiRoute(API_ROUTES.createToken, async (request, _params, actor) => {
  const { name } = await readBody(request, tokenCreateBodySchema, 'Give the token a name.');
  return NextResponse.json(await (await getApiTokens()).create(actor.id, name), { status: 201 });
});
