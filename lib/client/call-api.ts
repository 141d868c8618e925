import type { ApiError } from '@/lib/contract/errors';

/** An API answer as the browser's forms use it: the data, or the error envelope's error. */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiError; retryAfterSeconds: number | null };

const NO_ANSWER: ApiError = {
  code: 'internal_error',
  message: 'No answer from the server. Check your connection, then try again.',
};

function errorOf(payload: unknown, status: number): ApiError {
  const error = (payload as { error?: Partial<ApiError> } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') return error as ApiError;
  return {
    code: 'internal_error',
    message: `The server answered with HTTP ${status}. Try again in a minute.`,
  };
}

/** Calls one of the app's own JSON routes (same origin, so the browser sends the session cookie and Origin). */
export async function callApi<T>(
  url: string,
  init: { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; body?: unknown } = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      cache: 'no-store',
      ...(init.body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
    });
  } catch {
    return { ok: false, status: 0, error: NO_ANSWER, retryAfterSeconds: null };
  }
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    status: response.status,
    error: errorOf(payload, response.status),
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
}

/** The message of each invalid field, by its path (`email`, `password`), from a 422's issues. */
export function fieldErrors(error: ApiError): Record<string, string> {
  return Object.fromEntries((error.issues ?? []).map((issue) => [issue.path, issue.message]));
}
