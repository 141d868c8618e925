'use client';
import { FIELD_LABELS } from '@/lib/contract/field-labels';
import { TextField } from './fields';
import { ElementExtras } from './lazy-item-extras';
import { ListItem, ListSection } from './list-section';
import { ListLimitHint } from './live-hints';
import { useListEditor } from './use-list-editor';
import { useListError } from './use-visible-error';

export function ElementListEditor() {
  const list = useListEditor('element_list', 'element');
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
      onAdd={() => list.append({ element_id: '' }, { shouldFocus: true })}
      addRef={list.addRef}
      offer={list.offer}
      offerRef={list.offerRef}
    >
      {list.fields.map((field, index) => (
        <ListItem
          key={field.id}
          list="element_list"
          index={index}
          count={list.fields.length}
          legend={`Element ${index + 1}`}
          onRemove={() => list.removeAt(index)}
          onMove={(by) => list.move(index, by)}
          extras={<ElementExtras index={index} />}
        >
          <TextField
            name={`element_list.${index}.element_id`}
            label={FIELD_LABELS.element_id}
            inputMode="numeric"
            placeholder="e.g. 123456"
          />
        </ListItem>
      ))}
    </ListSection>
  );
}
