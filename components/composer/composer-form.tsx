'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { type ComposerValues, EMPTY_COMPOSER_VALUES } from '@/lib/contract/composer-form';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { ComposerFields } from './composer-fields';
import { composerResolver, preloadValidationOnFirstUse } from './composer-resolver';
import { ComposerSubmitBar } from './composer-submit-bar';
import { RequestPreview } from './request-preview';
import { SubmitResult } from './submit-result';
import { useComposerDraft } from './use-composer-draft';
import { useComposerSubmit } from './use-composer-submit';

export function ComposerForm({ initial }: { initial: ComposerValues | null }) {
  const router = useRouter();
  const form = useForm<ComposerValues, unknown, SubmissionRequest>({
    resolver: composerResolver,
    mode: 'onChange',
    defaultValues: EMPTY_COMPOSER_VALUES,
    // Focus follows the page's order, not the order fields were registered: see useFocusAfterSubmit.
    shouldFocusError: false,
  });
  useComposerDraft(form, initial);
  const formRef = useRef<HTMLFormElement>(null);
  const { submit, busy, submitRef, onSubmit, submitAsNewTask, clear } = useComposerSubmit(form, formRef);

  // Controls stay disabled until the page runs and the draft is restored, so nothing typed is lost.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(true);
    return preloadValidationOnFirstUse(formRef.current);
  }, []);

  // A reused request is in the form now; drop ?from= so a reload shows the saved draft.
  useEffect(() => {
    if (initial) router.replace('/', { scroll: false });
  }, [initial, router]);

  // Cross-field rules (duration, counts, frame roles, "at least one input") re-check on every change.
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      if (name) void form.trigger();
    });
    return () => subscription.unsubscribe();
  }, [form]);

  return (
    <FormProvider {...form}>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <form
          ref={formRef}
          noValidate
          onSubmit={onSubmit}
          className="flex flex-col gap-6"
          aria-label="Compose a video request"
        >
          <fieldset disabled={!ready} className="contents">
            <ComposerFields />
            <ComposerSubmitBar busy={busy} submitRef={submitRef} onClear={clear} />
          </fieldset>
          <SubmitResult outcome={submit.data} offline={submit.isError} onSubmitAsNew={submitAsNewTask} />
        </form>

        <aside className="lg:sticky lg:top-4 lg:self-start">
          <RequestPreview />
        </aside>
      </div>
    </FormProvider>
  );
}
