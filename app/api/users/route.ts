import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { readBody } from '@/lib/api/read-body';
import { userCreateBodySchema } from '@/lib/contract/accounts';
import { API_ROUTES } from '@/lib/contract/routes';
import { getUserService } from '@/lib/server/auth-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

export const GET = apiRoute(API_ROUTES.listUsers, async () =>
  NextResponse.json({ items: await (await getUserService()).list() }),
);

/** An admin invites someone: a role and a starting password to hand over. */
export const POST = apiRoute(API_ROUTES.createUser, async (request) => {
  const input = await readBody(request, userCreateBodySchema, 'Check the marked fields.');
  return NextResponse.json(await (await getUserService()).create(input), { status: 201 });
});
