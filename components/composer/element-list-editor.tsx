'use client';
import { useFieldArray, useFormContext } from 'react-hook-form';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { FIELD_LABELS } from '@/lib/contract/field-labels';
import { TextField } from './fields';
import { ListItem, ListSection } from './list-section';
import { ListLimitHint } from './live-hints';
import { useListError } from './use-visible-error';

export function ElementListEditor() {
  const { control } = useFormContext<ComposerValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'element_list' });
  const error = useListError('element_list');
  return (
    <ListSection
      id="element-list"
      title="Subject elements"
      description={
        <>
          IDs of subject elements saved with the video service, to keep a character or object consistent.{' '}
          <ListLimitHint />
        </>
      }
      error={error}
      addLabel="Add element"
      onAdd={() => append({ element_id: '' }, { shouldFocus: true })}
    >
      {fields.map((field, index) => (
        <ListItem key={field.id} legend={`Element ${index + 1}`} onRemove={() => remove(index)}>
          <TextField
            name={`element_list.${index}.element_id`}
            label={FIELD_LABELS.element_id}
            inputMode="numeric"
            placeholder="e.g. 123456"
            className="flex-1"
          />
        </ListItem>
      ))}
    </ListSection>
  );
}
