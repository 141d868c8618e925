/**
 * The composer's last submit attempt, shared by every tab of the browser: two tabs showing the same
 * restored draft send the same request under one Idempotency-Key, so it is paid once.
 */
export const ATTEMPT_STORAGE_KEY = 'omni-video-studio:attempt';

/** open: sent, no answer yet (in flight, or lost to a network error); created: 201; failed: any other answer. */
export type AttemptState = 'open' | 'created' | 'failed';

export interface SubmitAttempt {
  key: string;
  /** The exact JSON sent. */
  body: string;
  state: AttemptState;
  submissionId?: string;
}

const STATES: readonly AttemptState[] = ['open', 'created', 'failed'];

/**
 * The Idempotency-Key to send `body` under: the stored attempt's when this repeats it and it is
 * open or created (the server then answers with its result instead of paying again), else a new one.
 * A failed attempt is never reused: the server would replay the failure and block a real retry.
 */
export function chooseAttemptKey(
  stored: SubmitAttempt | null,
  body: string,
  newKey: () => string = () => crypto.randomUUID(),
): string {
  return stored && stored.body === body && stored.state !== 'failed' ? stored.key : newKey();
}

/** The attempt under `key` after its answer; null when another attempt has replaced it meanwhile. */
export function settleAttempt(
  stored: SubmitAttempt | null,
  key: string,
  state: AttemptState,
  submissionId?: string,
): SubmitAttempt | null {
  if (stored?.key !== key) return null;
  return submissionId ? { ...stored, state, submissionId } : { ...stored, state };
}

/** A stored attempt, or null when there is none or the text is not one (corrupt, hand-edited). */
export function parseAttempt(text: string | null): SubmitAttempt | null {
  try {
    const value = JSON.parse(text ?? 'null') as Partial<SubmitAttempt> | null;
    if (
      typeof value?.key !== 'string' ||
      value.key === '' ||
      typeof value.body !== 'string' ||
      !STATES.includes(value.state as AttemptState)
    ) {
      return null;
    }
    const { key, body, state, submissionId } = value as SubmitAttempt;
    return typeof submissionId === 'string' ? { key, body, state, submissionId } : { key, body, state };
  } catch {
    return null;
  }
}

// Without storage (private mode, blocked, full) the attempt lives in this tab's memory only.
let memory: SubmitAttempt | null = null;
let storageFailed = false;

export function loadAttempt(): SubmitAttempt | null {
  if (!storageFailed) {
    try {
      return parseAttempt(window.localStorage.getItem(ATTEMPT_STORAGE_KEY));
    } catch {
      storageFailed = true;
    }
  }
  return memory;
}

export function saveAttempt(attempt: SubmitAttempt): void {
  memory = attempt;
  if (storageFailed) return;
  try {
    window.localStorage.setItem(ATTEMPT_STORAGE_KEY, JSON.stringify(attempt));
  } catch {
    storageFailed = true;
  }
}
