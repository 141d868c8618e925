import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { appOrigin } from '@/lib/api/app-origin';
import { API_ROUTES } from '@/lib/contract/routes';
import { getAuth, getAuthSecret, signOutEverywhere } from '@/lib/server/auth-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** Ends this session on every instance and clears its cookie; the same answer when nobody was signed in. */
export const POST = apiRoute(API_ROUTES.signOut, async (request) => {
  const auth = await getAuth(appOrigin(request));
  const setCookie = await signOutEverywhere(auth, request.headers, await getAuthSecret());
  const response = NextResponse.json({ success: true });
  for (const cookie of setCookie) response.headers.append('set-cookie', cookie);
  return response;
});
