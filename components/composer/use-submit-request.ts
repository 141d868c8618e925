'use client';
import { useCallback, useRef, useState } from 'react';
import type { SubmitOutcome } from '@/lib/client/submissions-api';

import type { SubmitVariables } from './send-attempt';

const loadSendAttempt = () => import('./send-attempt');

/** Starts loading the code that sends a submission, before the first submit needs it. */
export const preloadSendAttempt = loadSendAttempt;

/** The last submit: none yet, out (since when), answered, or sent without any HTTP answer. */
export type SubmitState =
  | { status: 'idle' }
  | { status: 'pending'; startedAt: number }
  | { status: 'answered'; outcome: SubmitOutcome; answeredAt: number }
  | { status: 'offline' };

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
      const { sendAttempt } = await loadSendAttempt();
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
