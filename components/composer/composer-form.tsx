'use client';
import { useRouter } from 'next/navigation';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { type ComposerValues, EMPTY_COMPOSER_VALUES, hasWork } from '@/lib/contract/composer-form';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { ComposerFields } from './composer-fields';
import { composerResolver, preloadOnFirstUse } from './composer-resolver';
import { ComposerSubmitBar } from './composer-submit-bar';
import { preloadItemExtras } from './lazy-item-extras';
import { RequestPreview } from './request-preview';
import { preloadLiveResult, SubmitResult } from './submit-result';
import { UndoNotice, useUndo } from './undo-notice';
import { useComposerDraft } from './use-composer-draft';
import { useComposerSubmit } from './use-composer-submit';
import { preloadSendAttempt } from './use-submit-request';

export function ComposerForm({
  initial,
  defaultModel,
  ownCallbackUrl,
  usage,
}: {
  /** A past request to start from ("Reuse in composer"), or null for the saved draft. */
  initial: ComposerValues | null;
  /** The model a new or cleared form starts with. */
  defaultModel: string;
  /** The callback URL the server adds when Callback URL is empty (token masked), or null. */
  ownCallbackUrl: string | null;
  /** The creator's use of their limit, shown beside the cost. */
  usage?: ReactNode;
}) {
  const router = useRouter();
  const emptyValues = useMemo(() => ({ ...EMPTY_COMPOSER_VALUES, model: defaultModel }), [defaultModel]);
  const form = useForm<ComposerValues, unknown, SubmissionRequest>({
    resolver: composerResolver,
    mode: 'onChange',
    defaultValues: emptyValues,
    // Focus follows the page's order, not the order fields were registered: see useFocusAfterSubmit.
    shouldFocusError: false,
  });
  const undo = useUndo();
  const offerDraftBack = useCallback(
    (draft: ComposerValues) =>
      undo.offerUndo('Filled from a past submission: your previous draft was replaced.', () =>
        form.reset(draft, { keepDefaultValues: true }),
      ),
    [undo.offerUndo, form],
  );
  useComposerDraft(form, initial, offerDraftBack);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);
  const submit = useComposerSubmit(form, formRef, resultRef);
  const [resultStatus, setResultStatus] = useState<string | null>(null);

  // Controls stay disabled until the page runs and the draft is restored, so nothing typed is lost.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(true);
    return preloadOnFirstUse(formRef.current, [preloadSendAttempt, preloadItemExtras, preloadLiveResult]);
  }, []);

  // A reused request is in the form now; drop ?from= so a reload shows the saved draft.
  useEffect(() => {
    if (initial) router.replace('/', { scroll: false });
  }, [initial, router]);

  // Cross-field rules (duration, counts, frame roles, prompt tokens, "at least one input") re-check on every change.
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      if (name) void form.trigger();
    });
    return () => subscription.unsubscribe();
  }, [form]);

  const clear = () => {
    const previous = form.getValues();
    submit.clear(emptyValues);
    if (hasWork(previous)) {
      undo.offerUndo('Form cleared.', () => form.reset(previous, { keepDefaultValues: true }));
    }
  };

  // Ctrl+Enter (Cmd+Enter on a Mac) submits from any field, as in most editors.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
    event.preventDefault();
    submit.submitFromKeyboard();
  };

  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        noValidate
        onSubmit={submit.onSubmit}
        onKeyDown={onKeyDown}
        className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:gap-8"
        aria-label="Compose a video request"
      >
        <div className="flex min-w-0 flex-col gap-6">
          <fieldset disabled={!ready} className="contents">
            <ComposerFields />
            <ComposerSubmitBar
              busy={submit.busy}
              startedAt={submit.startedAt}
              retryAt={submit.retryAt}
              submitRef={submit.submitRef}
              clearRef={clearRef}
              onClear={clear}
              undo={
                <UndoNotice
                  offer={undo.offer}
                  onChange={undo.setOffer}
                  onUndone={() => clearRef.current?.focus()}
                />
              }
              resultStatus={resultStatus}
              usage={usage}
            />
          </fieldset>
        </div>

        <div className="flex min-w-0 flex-col gap-6 lg:sticky lg:top-4 lg:max-h-[calc(100dvh-2rem)] lg:self-start lg:overflow-y-auto">
          <SubmitResult
            ref={resultRef}
            state={submit.state}
            onSubmitAsNew={submit.submitAsNewTask}
            onStatusLine={setResultStatus}
          />
          <RequestPreview ownCallbackUrl={ownCallbackUrl} />
        </div>
      </form>
    </FormProvider>
  );
}
