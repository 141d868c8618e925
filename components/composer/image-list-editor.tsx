'use client';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { FIELD_LABELS } from '@/lib/contract/field-labels';
import { SelectField, TextField } from './fields';
import { ImageExtras } from './lazy-item-extras';
import { ListItem, ListSection } from './list-section';
import { ListLimitHint } from './live-hints';
import { useListEditor } from './use-list-editor';
import { useListError } from './use-visible-error';

const FRAME_ROLE_OPTIONS = [
  { value: '', label: 'None (reference)' },
  { value: 'first_frame', label: 'First frame' },
  { value: 'end_frame', label: 'End frame' },
] as const;

const NEW_IMAGE: ComposerValues['image_list'][number] = { image_url: '', type: '' };

export function ImageListEditor() {
  const list = useListEditor('image_list', 'image');
  const error = useListError('image_list');
  return (
    <ListSection
      id="image-list"
      title="Images"
      description={
        <>
          Reference images (the prompt names them <code>{'<<<image_1>>>'}</code>, …), or a first frame (and
          optionally an end frame) to animate. <ListLimitHint />
        </>
      }
      error={error}
      addLabel="Add image"
      onAdd={() => list.append(NEW_IMAGE, { shouldFocus: true })}
      addRef={list.addRef}
      offer={list.offer}
      offerRef={list.offerRef}
    >
      {list.fields.map((field, index) => (
        <ListItem
          key={field.id}
          list="image_list"
          index={index}
          count={list.fields.length}
          legend={`Image ${index + 1}`}
          onRemove={() => list.removeAt(index)}
          onMove={(by) => list.move(index, by)}
          extras={<ImageExtras index={index} />}
        >
          <TextField
            name={`image_list.${index}.image_url`}
            label={FIELD_LABELS.image_url}
            inputMode="url"
            placeholder="https://example.com/frame.png"
          />
          <SelectField
            name={`image_list.${index}.type`}
            label={FIELD_LABELS.type}
            options={FRAME_ROLE_OPTIONS}
          />
        </ListItem>
      ))}
    </ListSection>
  );
}
