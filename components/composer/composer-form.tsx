'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { type FieldPath, FormProvider, useForm, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { type ComposerValues, EMPTY_COMPOSER_VALUES, formToRequestBody } from '@/lib/contract/composer-form';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { ASPECT_OPTIONS, deriveComposerHints, MODE_OPTIONS } from './composer-hints';
import { composerResolver, preloadValidationOnFirstUse } from './composer-resolver';
import { ElementListEditor } from './element-list-editor';
import { SelectField, TextField } from './fields';
import { ImageListEditor } from './image-list-editor';
import { RequestPreview } from './request-preview';
import { type ResultState, SubmitResult } from './submit-result';
import { clearComposerDraft, useComposerDraft } from './use-composer-draft';
import { useSubmitRequest } from './use-submit-request';
import { VideoListEditor } from './video-list-editor';

export function ComposerForm({ initial }: { initial: ComposerValues | null }) {
  const router = useRouter();
  const form = useForm<ComposerValues, unknown, SubmissionRequest>({
    resolver: composerResolver,
    mode: 'onChange',
    defaultValues: EMPTY_COMPOSER_VALUES,
    // Focus follows the page's order, not the order fields were registered: see focusFirstError.
    shouldFocusError: false,
  });
  useComposerDraft(form, initial);
  // Controls stay disabled until the page runs and the draft is restored, so nothing typed is lost.
  const [ready, setReady] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    setReady(true);
    return preloadValidationOnFirstUse(formRef.current);
  }, []);
  const focusPending = useRef(false);
  // After "Send again as a new task", which goes away with its notice: see below.
  const refocusSubmit = useRef(false);
  const focusFirstError = () => {
    focusPending.current = true;
    refocusSubmit.current = false;
  };
  // After the render that shows the errors: the first marked field on the page, or a list's message.
  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-list-error]')?.focus();
  });
  const values = useWatch({ control: form.control }) as ComposerValues;
  const body = formToRequestBody(values);
  const derived = deriveComposerHints(values);
  const submit = useSubmitRequest();
  const [result, setResult] = useState<ResultState>({ kind: 'idle' });

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

  const submitButton = useRef<HTMLButtonElement>(null);
  const send = (asNewTask: boolean) => async () => {
    setResult({ kind: 'idle' });
    const request = formToRequestBody(form.getValues());
    try {
      const outcome = await submit.mutateAsync({ request, asNewTask });
      if (outcome.kind === 'created') {
        setResult({ kind: 'created', submission: outcome.submission, replayed: outcome.replayed });
        // The same external task ID cannot be used twice: clear it for the next request.
        form.setValue('external_task_id', '');
        return;
      }
      setResult(outcome);
      const issues = outcome.error.issues ?? [];
      if (outcome.error.code === 'duplicate_external_task_id') {
        form.setError('external_task_id', { message: outcome.error.message });
      }
      for (const issue of issues) {
        form.setError(issue.path as FieldPath<ComposerValues>, { message: issue.message });
      }
      if (issues.length > 0 || outcome.error.code === 'duplicate_external_task_id') focusFirstError();
    } catch {
      // Only a lost connection gets here: every HTTP answer is an outcome above.
      setResult({ kind: 'offline' });
    }
  };

  const busy = form.formState.isSubmitting || submit.isPending;
  // "Send again as a new task" goes away with its notice, and Submit is disabled while sending: the
  // keyboard focus lands on Submit once it can hold it again, not on the page's start.
  useEffect(() => {
    if (busy || !refocusSubmit.current) return;
    refocusSubmit.current = false;
    submitButton.current?.focus();
  }, [busy]);

  return (
    <FormProvider {...form}>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <form
          ref={formRef}
          noValidate
          onSubmit={form.handleSubmit(send(false), focusFirstError)}
          className="flex flex-col gap-6"
          aria-label="Compose a video request"
        >
          <fieldset disabled={!ready} className="contents">
            <section aria-labelledby="basics-title" className="flex flex-col gap-4">
              <h2 id="basics-title" className="text-lg font-semibold text-slate-900">
                What to make
              </h2>
              <TextField
                name="model"
                label="Model"
                placeholder="kling-v1"
                hint="The model name, for example kling-v1."
              />
              <TextField
                name="prompt"
                label="Prompt"
                multiline
                placeholder="A red fox runs through fresh snow at dawn, cinematic"
                hint={`${values.prompt.length.toLocaleString('en-US')} / 2,500 characters. Describe the scene, or add an image, video or element below.`}
              />
              <TextField
                name="negative_prompt"
                label="Negative prompt"
                multiline
                placeholder="blurry, distorted faces"
                hint="What to keep out of the video (optional)."
              />
              <div className="grid gap-4 sm:grid-cols-3">
                <SelectField name="mode" label="Mode" options={MODE_OPTIONS} />
                <SelectField
                  name="duration"
                  label="Duration"
                  options={derived.durationOptions}
                  hint={derived.durationHint}
                />
                <SelectField name="aspect_ratio" label="Aspect ratio" options={ASPECT_OPTIONS} />
              </div>
            </section>

            <ImageListEditor limitHint={derived.limitHint} />
            <VideoListEditor />
            <ElementListEditor limitHint={derived.limitHint} />

            <section aria-labelledby="advanced-title" className="flex flex-col gap-4">
              <h2 id="advanced-title" className="text-lg font-semibold text-slate-900">
                Options
              </h2>
              <div className="grid gap-4 sm:grid-cols-2">
                <TextField
                  name="cfg_scale"
                  label="CFG scale"
                  inputMode="decimal"
                  placeholder="0.5"
                  hint="0 to 1: higher follows the prompt more closely. Empty uses 0.5."
                />
                <TextField
                  name="external_task_id"
                  label="External task ID"
                  placeholder="my-campaign-042"
                  hint="Your own ID, unique: letters, digits, _ . : - (up to 64). Empty: one is generated."
                />
              </div>
              <TextField
                name="callback_url"
                label="Callback URL"
                inputMode="url"
                placeholder="https://example.com/kling-callback"
                hint="Called by the video service when the task finishes (optional)."
              />
            </section>

            <div className="flex flex-wrap items-center gap-3">
              <Button
                ref={submitButton}
                type="submit"
                variant="primary"
                disabled={busy}
                aria-describedby="submit-status"
              >
                {busy ? 'Submitting…' : 'Submit'}
              </Button>
              <Button
                variant="secondary"
                disabled={busy}
                onClick={() => {
                  form.reset(EMPTY_COMPOSER_VALUES);
                  clearComposerDraft();
                  setResult({ kind: 'idle' });
                }}
              >
                Clear form
              </Button>
              <span id="submit-status" className="text-sm text-slate-600" aria-live="polite">
                {busy ? 'Sending to the video service…' : ''}
              </span>
            </div>
          </fieldset>
          <SubmitResult
            state={result}
            onSubmitAsNew={() => {
              refocusSubmit.current = true;
              void form.handleSubmit(send(true), focusFirstError)();
            }}
          />
        </form>

        <aside className="lg:sticky lg:top-4 lg:self-start">
          <RequestPreview body={body} />
        </aside>
      </div>
    </FormProvider>
  );
}
