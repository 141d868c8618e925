import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { appOrigin } from '@/lib/api/app-origin';
import { readBody } from '@/lib/api/read-body';
import { assertSignInAllowed } from '@/lib/api/sign-in-rate-limit';
import { signInWithPassword } from '@/lib/auth/password-sign-in';
import { signInBodySchema } from '@/lib/contract/accounts';
import { API_ROUTES } from '@/lib/contract/routes';
import { ensureAdminFromEnvironment, getAuth, getUserService } from '@/lib/server/auth-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** Email and password: a session cookie, and the user. */
export const POST = apiRoute(API_ROUTES.signIn, async (request) => {
  await assertSignInAllowed(request);
  const credentials = await readBody(request, signInBodySchema, 'Enter your email and password.');
  await ensureAdminFromEnvironment();
  const auth = await getAuth(appOrigin(request));
  const { userId, setCookie } = await signInWithPassword(auth, credentials, request.headers);
  const user = await (await getUserService()).get(userId);
  const response = NextResponse.json({ user });
  for (const cookie of setCookie) response.headers.append('set-cookie', cookie);
  return response;
});
