import { handleApiError } from '@/lib/api/handle-api-error';
import { AppError } from '@/lib/errors/app-error';

export const dynamic = 'force-dynamic';

/** Any address under /api that no route serves: 404 in the error envelope, not the HTML page. */
function noSuchRoute() {
  return handleApiError(
    new AppError('not_found', 'There is no API at this address. Submissions are at /api/submissions.'),
  );
}

export const GET = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;
