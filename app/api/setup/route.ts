import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { appOrigin } from '@/lib/api/app-origin';
import { readBody } from '@/lib/api/read-body';
import { assertSignInAllowed } from '@/lib/api/sign-in-rate-limit';
import { createFirstAdmin } from '@/lib/auth/first-admin';
import { signInWithPassword } from '@/lib/auth/password-sign-in';
import { setupBodySchema } from '@/lib/contract/accounts';
import { API_ROUTES } from '@/lib/contract/routes';
import { getAuth, getFirstAdminDeps, getUserService } from '@/lib/server/auth-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** The first admin, while the app has no user: created, then signed in. */
export const POST = apiRoute(API_ROUTES.setUp, async (request) => {
  await assertSignInAllowed(request);
  const input = await readBody(request, setupBodySchema, 'Check the marked fields.');
  await createFirstAdmin(await getFirstAdminDeps(), input);
  const auth = await getAuth(appOrigin(request));
  const { userId, setCookie } = await signInWithPassword(auth, input, request.headers);
  const user = await (await getUserService()).get(userId);
  const response = NextResponse.json({ user }, { status: 201 });
  for (const cookie of setCookie) response.headers.append('set-cookie', cookie);
  return response;
});
