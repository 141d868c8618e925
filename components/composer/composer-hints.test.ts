import { describe, expect, it } from 'vitest';
import { type ComposerValues, EMPTY_COMPOSER_VALUES } from '@/lib/validations/composer-form';
import { deriveComposerHints } from './composer-hints';

const values = (extra: Partial<ComposerValues>): ComposerValues => ({ ...EMPTY_COMPOSER_VALUES, ...extra });
const offered = (v: ComposerValues) => deriveComposerHints(v).durationOptions.map((o) => o.value);

describe('duration options follow the chosen inputs', () => {
  it('offers only 5 and 10 seconds for text-to-video and plain reference images', () => {
    expect(offered(values({}))).toEqual(['5', '10']);
    expect(offered(values({ image_list: [{ image_url: 'https://a.example/x.png', type: '' }] }))).toEqual([
      '5',
      '10',
    ]);
  });

  it('offers 3 to 10 seconds once a first frame or a reference video is chosen', () => {
    const all = ['3', '4', '5', '6', '7', '8', '9', '10'];
    expect(offered(values({ image_list: [{ image_url: '', type: 'first_frame' }] }))).toEqual(all);
    expect(offered(values({ video_list: [{ video_url: '', keep_original_sound: 'no' }] }))).toEqual(all);
  });

  it('keeps a chosen duration that no longer applies, so its error stays visible instead of the value changing', () => {
    expect(offered(values({ duration: '3' }))).toEqual(['5', '10', '3']);
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
