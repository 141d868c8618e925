import { describe, expect, it } from 'vitest';
import { type ComposerValues, EMPTY_COMPOSER_VALUES } from '@/lib/contract/composer-form';
import { deriveComposerHints } from './composer-hints';

const values = (extra: Partial<ComposerValues>): ComposerValues => ({ ...EMPTY_COMPOSER_VALUES, ...extra });
const offered = (v: ComposerValues) => deriveComposerHints(v).durationOptions.map((o) => o.value);

describe('duration options and hint', () => {
  const all = ['3', '4', '5', '6', '7', '8', '9', '10'];

  it('offers every duration from 3 to 10 seconds, whatever the inputs, so a choice is never taken away', () => {
    expect(offered(values({}))).toEqual(all);
    expect(offered(values({ duration: '3' }))).toEqual(all);
    expect(offered(values({ video_list: [{ video_url: '', keep_original_sound: 'no' }] }))).toEqual(all);
  });

  it('says which durations the chosen inputs allow', () => {
    expect(deriveComposerHints(values({})).durationHint).toBe(
      '5 or 10 seconds. Add a first frame or a reference video for 3 to 10.',
    );
    expect(
      deriveComposerHints(values({ image_list: [{ image_url: 'https://a.example/x.png', type: '' }] }))
        .durationHint,
    ).toBe('5 or 10 seconds. Add a first frame or a reference video for 3 to 10.');
    expect(
      deriveComposerHints(values({ image_list: [{ image_url: '', type: 'first_frame' }] })).durationHint,
    ).toBe('3 to 10 seconds with frames or a reference video.');
  });
});

describe('the list limit hint', () => {
  it('counts images and elements against 7, or 4 with a reference video', () => {
    const image = { image_url: '', type: '' as const };
    expect(
      deriveComposerHints(values({ image_list: [image], element_list: [{ element_id: '1' }] })).limitHint,
    ).toBe('2 of 7 images and elements used.');
    expect(
      deriveComposerHints(
        values({ image_list: [image], video_list: [{ video_url: '', keep_original_sound: 'no' }] }),
      ).limitHint,
    ).toBe('1 of 4 images and elements used: the limit is 4 with a reference video.');
  });
});
