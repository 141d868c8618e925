import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import type { Health } from '@/lib/contract/health';
import { API_ROUTES } from '@/lib/contract/routes';
import { assertDatabaseAnswers } from '@/lib/server/app-services';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

/** For load balancers and orchestrators: 200 while the database answers, else 503; nothing else. */
export const GET = apiRoute(API_ROUTES.healthCheck, async () => {
  await assertDatabaseAnswers();
  return NextResponse.json({ status: 'ok' } satisfies Health, { headers: { 'cache-control': 'no-store' } });
});
