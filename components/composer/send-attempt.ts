import { NetworkError, type SubmitOutcome, submitRequest } from '@/lib/client/submissions-api';
import {
  type AttemptState,
  chooseAttemptKey,
  loadAttempt,
  saveAttempt,
  settleAttempt,
} from './submit-attempt';

// Loaded with validation on the first use of the form (see composer-resolver.ts), not with the page.

/** What an answer makes of the attempt. */
function stateAfter(outcome: SubmitOutcome): AttemptState {
  if (outcome.kind === 'created') return 'created';
  // The first request under this key is still being sent: its result is not known yet.
  if (outcome.error.code === 'idempotency_conflict') return 'open';
  return 'failed';
}

function settle(key: string, state: AttemptState, submissionId?: string): void {
  const settled = settleAttempt(loadAttempt(), key, state, submissionId);
  if (settled) saveAttempt(settled);
}

export interface SubmitVariables {
  request: Record<string, unknown>;
  /** Send under a fresh key even when the same request was already submitted: a deliberate second take. */
  asNewTask?: boolean;
}

/** One attempt: the same body sent again while the last attempt (in any tab) is open or created reuses its key. */
export async function sendAttempt({ request, asNewTask = false }: SubmitVariables): Promise<SubmitOutcome> {
  const body = JSON.stringify(request);
  const stored = loadAttempt();
  const key = asNewTask ? crypto.randomUUID() : chooseAttemptKey(stored, body);
  if (key !== stored?.key) saveAttempt({ key, body, state: 'open' });
  try {
    const outcome = await submitRequest(request, key);
    settle(key, stateAfter(outcome), outcome.kind === 'created' ? outcome.submission.id : undefined);
    return outcome;
  } catch (error) {
    if (!(error instanceof NetworkError)) settle(key, 'failed');
    throw error;
  }
}
