import { apiRoute } from '@/lib/api/api-route';
import { AppError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

/** Any address under /api that no route serves: 404 in the error envelope, not the HTML page. */
const noSuchRoute = apiRoute({ access: 'public' }, async () => {
  throw new AppError(
    'not_found',
    'There is no API at this address. The API is described at /api/openapi.json.',
  );
});

export const GET = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;
export const OPTIONS = noSuchRoute;
