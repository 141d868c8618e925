import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/api/api-route';
import { buildOpenApiDocument } from '@/lib/contract/openapi';
import { API_ROUTES } from '@/lib/contract/routes';

export * from '@/lib/api/unserved-methods';
export const dynamic = 'force-dynamic';

export const GET = apiRoute(API_ROUTES.openApiDocument, async () =>
  NextResponse.json(buildOpenApiDocument()),
);
