'use client';
import { useFieldArray, useFormContext } from 'react-hook-form';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { FIELD_LABELS } from '@/lib/contract/field-labels';
import { SelectField, TextField } from './fields';
import { ListItem, ListSection } from './list-section';
import { ListLimitHint } from './live-hints';
import { useListError } from './use-visible-error';

const FRAME_ROLE_OPTIONS = [
  { value: '', label: 'None (reference)' },
  { value: 'first_frame', label: 'First frame' },
  { value: 'end_frame', label: 'End frame' },
] as const;

export function ImageListEditor() {
  const { control } = useFormContext<ComposerValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'image_list' });
  const error = useListError('image_list');
  return (
    <ListSection
      id="image-list"
      title="Images"
      description={
        <>
          Reference images, or a first frame (and optionally an end frame) to animate. <ListLimitHint />
        </>
      }
      error={error}
      addLabel="Add image"
      onAdd={() => append({ image_url: '', type: '' }, { shouldFocus: true })}
    >
      {fields.map((field, index) => (
        <ListItem key={field.id} legend={`Image ${index + 1}`} onRemove={() => remove(index)}>
          <TextField
            name={`image_list.${index}.image_url`}
            label={FIELD_LABELS.image_url}
            inputMode="url"
            placeholder="https://example.com/frame.png"
            className="flex-[2]"
          />
          <SelectField
            name={`image_list.${index}.type`}
            label={FIELD_LABELS.type}
            options={FRAME_ROLE_OPTIONS}
            className="flex-1"
          />
        </ListItem>
      ))}
    </ListSection>
  );
}
