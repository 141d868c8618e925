'use client';
import { Notice } from '@/components/ui/notice';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { FIELD_LABELS } from '@/lib/contract/field-labels';
import { SelectField, TextField } from './fields';
import { VideoExtras } from './lazy-item-extras';
import { ListItem, ListSection } from './list-section';
import { useListEditor } from './use-list-editor';
import { useListError } from './use-visible-error';

const KEEP_SOUND_OPTIONS = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
] as const;

const NEW_VIDEO: ComposerValues['video_list'][number] = { video_url: '', keep_original_sound: 'no' };

export function VideoListEditor() {
  const list = useListEditor('video_list', 'video');
  const error = useListError('video_list');
  return (
    <ListSection
      id="video-list"
      title="Reference video"
      description="One video whose features (motion, camera, style) guide the result. Editing a video (“base”) is not supported."
      error={error}
      addLabel="Add video"
      onAdd={() => list.append(NEW_VIDEO, { shouldFocus: true })}
      addRef={list.addRef}
      offer={list.offer}
      offerRef={list.offerRef}
    >
      {list.fields.length > 0 && (
        <Notice tone="warning" role="status">
          A reference video raises the cost of this task: the upstream bills it at a higher multiplier.
        </Notice>
      )}
      {list.fields.map((field, index) => (
        <ListItem
          key={field.id}
          list="video_list"
          index={index}
          count={list.fields.length}
          legend={`Video ${index + 1}`}
          onRemove={() => list.removeAt(index)}
          extras={<VideoExtras index={index} />}
        >
          <TextField
            name={`video_list.${index}.video_url`}
            label={FIELD_LABELS.video_url}
            inputMode="url"
            placeholder="https://example.com/reference.mp4"
          />
          <SelectField
            name={`video_list.${index}.keep_original_sound`}
            label={FIELD_LABELS.keep_original_sound}
            options={KEEP_SOUND_OPTIONS}
          />
        </ListItem>
      ))}
    </ListSection>
  );
}
