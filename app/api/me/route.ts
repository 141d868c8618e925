import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { API_ROUTES } from '@/lib/contract/routes';
import { getUserService } from '@/lib/server/auth-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** The signed-in user with their use of video seconds in the last 24 hours. */
export const GET = apiRoute(API_ROUTES.getMe, async (_request, _params, actor) =>
  NextResponse.json(await (await getUserService()).me(actor)),
);
