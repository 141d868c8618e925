'use client';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Notice } from '@/components/ui/notice';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { FIELD_LABELS } from '@/lib/contract/field-labels';
import { SelectField, TextField } from './fields';
import { ListItem, ListSection } from './list-section';
import { useListError } from './use-visible-error';

const KEEP_SOUND_OPTIONS = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
] as const;

export function VideoListEditor() {
  const { control } = useFormContext<ComposerValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'video_list' });
  const error = useListError('video_list');
  return (
    <ListSection
      id="video-list"
      title="Reference video"
      description="One video whose features (motion, camera, style) guide the result. Editing a video (“base”) is not supported."
      error={error}
      addLabel="Add video"
      onAdd={() => append({ video_url: '', keep_original_sound: 'no' }, { shouldFocus: true })}
    >
      {fields.length > 0 && (
        <Notice tone="warning" role="status">
          A reference video raises the cost of this task: the upstream bills it at a higher multiplier.
        </Notice>
      )}
      {fields.map((field, index) => (
        <ListItem key={field.id} legend={`Video ${index + 1}`} onRemove={() => remove(index)}>
          <TextField
            name={`video_list.${index}.video_url`}
            label={FIELD_LABELS.video_url}
            inputMode="url"
            placeholder="https://example.com/reference.mp4"
            className="flex-[2]"
          />
          <SelectField
            name={`video_list.${index}.keep_original_sound`}
            label={FIELD_LABELS.keep_original_sound}
            options={KEEP_SOUND_OPTIONS}
            className="flex-1"
          />
        </ListItem>
      ))}
    </ListSection>
  );
}
