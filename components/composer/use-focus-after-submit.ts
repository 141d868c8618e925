'use client';
import { type RefObject, useEffect, useRef } from 'react';

type Target = 'first-error' | 'submit';

/**
 * Moves the keyboard focus once a submit has ended and its result is on the page: to the first
 * marked field in page order (or a list's message), or back to Submit after "Send again as a new
 * task", whose button goes away with its notice while Submit is still disabled.
 */
export function useFocusAfterSubmit({
  busy,
  formRef,
  submitRef,
}: {
  busy: boolean;
  formRef: RefObject<HTMLFormElement | null>;
  submitRef: RefObject<HTMLButtonElement | null>;
}) {
  const target = useRef<Target | null>(null);
  useEffect(() => {
    if (busy || !target.current) return;
    const next = target.current;
    target.current = null;
    if (next === 'submit') submitRef.current?.focus();
    else formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-list-error]')?.focus();
  }, [busy, formRef, submitRef]);
  return {
    /** The first error wins over any other target. */
    focusFirstError: () => {
      target.current = 'first-error';
    },
    focusSubmitWhenDone: () => {
      target.current = 'submit';
    },
  };
}
