// Every delay of a submission's life, in one place: the rules between them (a create call ends
// before its row may be looked up; a lease outlasts a status query) are read together here.

/**
 * When a submission whose create call has no recorded answer (a crash, an uncertain failure) is
 * looked up by its external task ID: the upstream timeout plus 10 s after the call began.
 */
export const lookUpDelay = (upstreamTimeoutMs: number): number => upstreamTimeoutMs + 10_000;

/**
 * A create call ends at least this long before its submission may be looked up, so the upstream has
 * recorded a task it accepted by then; a call that began late (a busy database) gets a shorter timeout.
 */
export const LOOK_UP_MARGIN_MS = 5_000;

/** Less time than this left for a create call: it is not sent at all. */
export const MIN_CREATE_CALL_MS = 1_000;

/**
 * How long a create call in flight may still take to get its answer and store it: a retry under the
 * same Idempotency-Key waits this long for the first attempt, and a stopping server lets requests run as long.
 */
export const createCallGrace = (upstreamTimeoutMs: number): number => upstreamTimeoutMs + 2_000;

/** How long a follower's claim holds a row: longer than one status query can take. */
export const followerLease = (upstreamTimeoutMs: number): number => Math.max(60_000, upstreamTimeoutMs * 2);

/** A user-asked refresh holds the row this long; the background follower skips it meanwhile. */
export const REFRESH_LEASE_MS = 30_000;

/** A refresh within this long of the last upstream answer returns the stored row without asking again. */
export const REFRESH_WINDOW_MS = 5_000;

/** Delay before the next status query: the first interval, growing by half each time, at most a minute. */
export function nextPollDelay(intervalMs: number, attempts: number): number {
  return Math.round(Math.min(intervalMs * 1.5 ** Math.min(attempts, 30), Math.max(60_000, intervalMs)));
}
