'use client';
import { useCallback, useRef, useState } from 'react';
import { NetworkError, type SubmitOutcome, submitRequest } from '@/lib/client/submissions-api';
import {
  type AttemptState,
  chooseAttemptKey,
  loadAttempt,
  saveAttempt,
  settleAttempt,
} from './submit-attempt';

export interface SubmitVariables {
  request: Record<string, unknown>;
  /** Send under a fresh key even when the same request was already submitted: a deliberate second take. */
  asNewTask?: boolean;
}

/** The last submit: none yet, out (since when), answered, or sent without any HTTP answer. */
export type SubmitState =
  | { status: 'idle' }
  | { status: 'pending'; startedAt: number }
  | { status: 'answered'; outcome: SubmitOutcome; answeredAt: number }
  | { status: 'offline' };

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

/** One attempt: the same body sent again while the last attempt (in any tab) is open or created reuses its key. */
async function sendAttempt({ request, asNewTask = false }: SubmitVariables): Promise<SubmitOutcome> {
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

/**
 * Sends the composer's request and keeps the state of the last submit. Never retried behind the
 * creator's back (a submission spends money); the server forwards a repeated attempt once and
 * replays its answer (see submit-attempt.ts). Plain React state, not a TanStack mutation: the
 * composer loads TanStack Query only once there is a task to follow.
 */
export function useSubmitRequest() {
  const [state, setState] = useState<SubmitState>({ status: 'idle' });
  // An answer to a submit that Clear form has since reset is not shown.
  const generation = useRef(0);

  const send = useCallback(async (variables: SubmitVariables): Promise<SubmitOutcome> => {
    const mine = ++generation.current;
    setState({ status: 'pending', startedAt: Date.now() });
    try {
      const outcome = await sendAttempt(variables);
      if (generation.current === mine) setState({ status: 'answered', outcome, answeredAt: Date.now() });
      return outcome;
    } catch (error) {
      if (generation.current === mine) setState({ status: 'offline' });
      throw error;
    }
  }, []);

  const reset = useCallback(() => {
    generation.current++;
    setState({ status: 'idle' });
  }, []);

  return { state, send, reset };
}
