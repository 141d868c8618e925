'use client';
import { FIELD_LABELS } from '@/lib/contract/field-labels';
import { ASPECT_OPTIONS, DURATION_OPTIONS, EXTERNAL_TASK_ID_HINT, MODE_OPTIONS } from './composer-hints';
import { ElementListEditor } from './element-list-editor';
import { SelectField, TextField } from './fields';
import { ImageListEditor } from './image-list-editor';
import { DurationHint, PromptHint } from './live-hints';
import { MODEL_SUGGESTIONS_ID } from './model-suggestions-id';
import { VideoListEditor } from './video-list-editor';

/** Every input of the composer, in page order: what to make, the input lists, then the options. */
export function ComposerFields() {
  return (
    <>
      <section aria-labelledby="basics-title" className="flex min-w-0 flex-col gap-4">
        <h2 id="basics-title" className="text-lg font-semibold text-slate-900">
          What to make
        </h2>
        <TextField
          name="model"
          label={FIELD_LABELS.model}
          placeholder="kling-v1"
          suggestions={MODEL_SUGGESTIONS_ID}
          hint="Choose a suggested model or type any model name."
        />
        <TextField
          name="prompt"
          label={FIELD_LABELS.prompt}
          multiline
          placeholder="A red fox runs through fresh snow at dawn, cinematic"
          hint={<PromptHint />}
        />
        <TextField
          name="negative_prompt"
          label={FIELD_LABELS.negative_prompt}
          multiline
          placeholder="blurry, distorted faces"
          hint="What to keep out of the video (optional)."
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField name="mode" label={FIELD_LABELS.mode} options={MODE_OPTIONS} />
          <SelectField
            name="duration"
            label={FIELD_LABELS.duration}
            options={DURATION_OPTIONS}
            hint={<DurationHint />}
          />
          <SelectField name="aspect_ratio" label={FIELD_LABELS.aspect_ratio} options={ASPECT_OPTIONS} />
        </div>
      </section>

      <ImageListEditor />
      <VideoListEditor />
      <ElementListEditor />

      <section aria-labelledby="advanced-title" className="flex min-w-0 flex-col gap-4">
        <h2 id="advanced-title" className="text-lg font-semibold text-slate-900">
          Options
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            name="cfg_scale"
            label={FIELD_LABELS.cfg_scale}
            inputMode="decimal"
            placeholder="0.5"
            hint="0 to 1: higher follows the prompt more closely. Empty uses 0.5."
          />
          <TextField
            name="external_task_id"
            label={FIELD_LABELS.external_task_id}
            placeholder="my-campaign-042"
            hint={EXTERNAL_TASK_ID_HINT}
          />
        </div>
        <TextField
          name="callback_url"
          label={FIELD_LABELS.callback_url}
          inputMode="url"
          placeholder="https://example.com/kling-callback"
          hint="Called by the video service when the task finishes (optional)."
        />
      </section>
    </>
  );
}
