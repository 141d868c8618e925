'use client';
import { type RefObject, useRef } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import type { SubmitOutcome } from '@/lib/client/submissions-api';
import { type ComposerValues, EMPTY_COMPOSER_VALUES, formToRequestBody } from '@/lib/contract/composer-form';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { clearComposerDraft } from './use-composer-draft';
import { useFocusAfterSubmit } from './use-focus-after-submit';
import { useSubmitRequest } from './use-submit-request';

type ComposerFormApi = UseFormReturn<ComposerValues, unknown, SubmissionRequest>;

/**
 * Submitting the composer: validation, the request, and what its answer does to the form. What the
 * page shows about the answer is the mutation's own state (`data`, `isError`, `isPending`).
 */
export function useComposerSubmit(form: ComposerFormApi, formRef: RefObject<HTMLFormElement | null>) {
  const submit = useSubmitRequest();
  // The whole request, validation included: a second click while it runs finds Submit disabled.
  const busy = form.formState.isSubmitting || submit.isPending;
  const submitRef = useRef<HTMLButtonElement>(null);
  const focus = useFocusAfterSubmit({ busy, formRef, submitRef });

  const markRejectedFields = (outcome: Extract<SubmitOutcome, { kind: 'rejected' }>) => {
    const issues = outcome.error.issues ?? [];
    if (outcome.error.code === 'duplicate_external_task_id') {
      form.setError('external_task_id', { message: outcome.error.message });
    }
    for (const issue of issues) {
      form.setError(issue.path as FieldPath<ComposerValues>, { message: issue.message });
    }
    if (issues.length > 0 || outcome.error.code === 'duplicate_external_task_id') focus.focusFirstError();
  };

  const send = (asNewTask: boolean) => async () => {
    const request = formToRequestBody(form.getValues());
    let outcome: SubmitOutcome;
    try {
      outcome = await submit.mutateAsync({ request, asNewTask });
    } catch {
      // Only a lost connection gets here (every HTTP answer is an outcome); the mutation's error shows it.
      return;
    }
    if (outcome.kind === 'rejected') return markRejectedFields(outcome);
    // The same external task ID cannot be used twice: clear it for the next request.
    form.setValue('external_task_id', '');
  };

  return {
    submit,
    busy,
    submitRef,
    onSubmit: form.handleSubmit(send(false), focus.focusFirstError),
    submitAsNewTask: () => {
      focus.focusSubmitWhenDone();
      void form.handleSubmit(send(true), focus.focusFirstError)();
    },
    clear: () => {
      form.reset(EMPTY_COMPOSER_VALUES);
      clearComposerDraft();
      submit.reset();
    },
  };
}
