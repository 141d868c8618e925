'use client';
import { useRouter } from 'next/navigation';
import { type RefObject, useEffect, useRef } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import type { SubmitOutcome } from '@/lib/client/submissions-api';
import { type ComposerValues, formToRequestBody } from '@/lib/contract/composer-form';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { clearComposerDraft } from './use-composer-draft';
import { useFocusAfterSubmit } from './use-focus-after-submit';
import { useSubmitRequest } from './use-submit-request';

type ComposerFormApi = UseFormReturn<ComposerValues, unknown, SubmissionRequest>;

/** A refusal that says when to come back (a rate limit's Retry-After): Submit waits that long, counting down. */
function retryAtOf(outcome: SubmitOutcome, answeredAt: number): number | null {
  if (outcome.kind !== 'rejected' || outcome.retryAfterSeconds === null) return null;
  return answeredAt + outcome.retryAfterSeconds * 1000;
}

/**
 * Submitting the composer: validation, the request, what its answer does to the form, and the times
 * the submit bar counts from (when the request went out, when a rate limit ends).
 */
export function useComposerSubmit(
  form: ComposerFormApi,
  formRef: RefObject<HTMLFormElement | null>,
  resultRef: RefObject<HTMLElement | null>,
) {
  const { state, send: sendRequest, reset } = useSubmitRequest();
  const router = useRouter();
  // The whole request, validation included: a second click while it runs finds Submit disabled.
  const busy = form.formState.isSubmitting || state.status === 'pending';
  const retryAt = state.status === 'answered' ? retryAtOf(state.outcome, state.answeredAt) : null;
  const submitRef = useRef<HTMLButtonElement>(null);
  const focus = useFocusAfterSubmit({ busy, formRef, submitRef });

  // The answer is shown where the creator can see it, unless the focus goes to a field to fix.
  const showResult = useRef(false);
  useEffect(() => {
    if (state.status !== 'answered' && state.status !== 'offline') return;
    if (!showResult.current) return;
    showResult.current = false;
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    resultRef.current?.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
  }, [state, resultRef]);

  const markRejectedFields = (outcome: Extract<SubmitOutcome, { kind: 'rejected' }>) => {
    const issues = outcome.error.issues ?? [];
    if (outcome.error.code === 'duplicate_external_task_id') {
      form.setError('external_task_id', { message: outcome.error.message });
    }
    for (const issue of issues) {
      form.setError(issue.path as FieldPath<ComposerValues>, { message: issue.message });
    }
    const toField = issues.length > 0 || outcome.error.code === 'duplicate_external_task_id';
    if (toField) focus.focusFirstError();
    else showResult.current = true;
  };

  const send = (asNewTask: boolean) => async () => {
    const request = formToRequestBody(form.getValues());
    let outcome: SubmitOutcome;
    try {
      outcome = await sendRequest({ request, asNewTask });
    } catch {
      // Only a lost connection gets here (every HTTP answer is an outcome); the state shows it.
      showResult.current = true;
      return;
    }
    // What the page shows from the server (the creator's use of their daily seconds) catches up.
    if (outcome.kind !== 'rejected' || outcome.error.code === 'spend_limit_reached') router.refresh();
    if (outcome.kind === 'rejected') return markRejectedFields(outcome);
    showResult.current = true;
    // The same external task ID cannot be used twice: clear it for the next request.
    form.setValue('external_task_id', '');
  };

  const onSubmit = form.handleSubmit(send(false), focus.focusFirstError);

  return {
    state,
    busy,
    /** When the request went out, while it is out. */
    startedAt: state.status === 'pending' ? state.startedAt : null,
    /** When Submit may be used again after a rate limit, or null. */
    retryAt,
    submitRef,
    onSubmit,
    /** Ctrl/Cmd+Enter anywhere in the form: Submit, unless it is disabled right now. */
    submitFromKeyboard: () => {
      if (busy || (retryAt !== null && Date.now() < retryAt)) return;
      formRef.current?.requestSubmit(submitRef.current);
    },
    submitAsNewTask: () => {
      focus.focusSubmitWhenDone();
      void form.handleSubmit(send(true), focus.focusFirstError)();
    },
    /** Empties the form, its saved draft and the last result. */
    clear: (empty: ComposerValues) => {
      form.reset(empty);
      clearComposerDraft();
      reset();
    },
  };
}
