'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { NetworkError, submitRequest } from '@/lib/client/submissions-api';

interface Attempt {
  key: string;
  body: string;
  /** Still unanswered: in flight, or lost to a network error. Such an attempt is retried under its key. */
  open: boolean;
}

/**
 * Sends the composer's request. The same body sent again while the last attempt got no answer
 * (a double click, a network error) reuses its Idempotency-Key, so the server forwards it once.
 */
export function useSubmitRequest() {
  const queryClient = useQueryClient();
  const attempt = useRef<Attempt | null>(null);

  return useMutation({
    mutationFn: async (request: Record<string, unknown>) => {
      const body = JSON.stringify(request);
      const last = attempt.current;
      const current =
        last?.open && last.body === body ? last : { key: crypto.randomUUID(), body, open: true };
      attempt.current = current;
      try {
        const outcome = await submitRequest(request, current.key);
        current.open = false;
        return outcome;
      } catch (error) {
        if (!(error instanceof NetworkError)) current.open = false;
        throw error;
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['submissions'] }),
  });
}
