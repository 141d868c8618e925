import type { CallbackDelivery } from '@/lib/contract/callbacks';
import type { ErrorEnvelope } from '@/lib/contract/error-envelope';
import type { ApiError } from '@/lib/contract/errors';
import type { SubmissionEvent } from '@/lib/contract/events';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from '@/lib/contract/headers';
import type { Submission } from '@/lib/contract/submission';

export type SubmitOutcome =
  /** `replayed`: this exact request was already submitted under the same key; nothing was paid twice. */
  | { kind: 'created'; submission: Submission; replayed: boolean }
  | {
      kind: 'rejected';
      status: number;
      error: ApiError;
      submission: Submission | null;
      retryAfterSeconds: number | null;
    };

/** No HTTP answer at all (offline, server down, connection cut): the same attempt may be retried. */
export class NetworkError extends Error {}

function isEnvelope(value: unknown): value is ErrorEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error?: { code?: unknown } }).error?.code === 'string'
  );
}

/** POST /api/submissions with an Idempotency-Key, so a retry of the same attempt is never paid twice. */
export async function submitRequest(
  body: Record<string, unknown>,
  idempotencyKey: string,
): Promise<SubmitOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : 'network error');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (response.status === 201 && payload && !isEnvelope(payload)) {
    return {
      kind: 'created',
      submission: payload as Submission,
      replayed: response.headers.get(IDEMPOTENT_REPLAYED_HEADER) === 'true',
    };
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    kind: 'rejected',
    status: response.status,
    error: isEnvelope(payload)
      ? payload.error
      : {
          code: 'internal_error',
          message: `The server answered with HTTP ${response.status}. Try again in a minute.`,
        },
    submission: isEnvelope(payload) ? (payload.submission ?? null) : null,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { cache: 'no-store', ...init });
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(
      isEnvelope(payload) ? payload.error.message : `The server answered with HTTP ${response.status}.`,
    );
  }
  return payload as T;
}

export function fetchSubmission(id: string): Promise<Submission> {
  return getJson(`/api/submissions/${encodeURIComponent(id)}`);
}

/** Asks the server to ask the upstream now. */
export function refreshSubmission(id: string): Promise<Submission> {
  return getJson(`/api/submissions/${encodeURIComponent(id)}/refresh`, { method: 'POST' });
}

export async function fetchCallbackDeliveries(id: string): Promise<CallbackDelivery[]> {
  return (
    await getJson<{ items: CallbackDelivery[] }>(`/api/submissions/${encodeURIComponent(id)}/callbacks`)
  ).items;
}

/** Every status change of a submission, oldest first. */
export async function fetchSubmissionEvents(id: string): Promise<SubmissionEvent[]> {
  return (await getJson<{ items: SubmissionEvent[] }>(`/api/submissions/${encodeURIComponent(id)}/events`))
    .items;
}
