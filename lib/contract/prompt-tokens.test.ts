import { describe, expect, it } from 'vitest';
import {
  findPromptTokens,
  mentionedNumbers,
  promptTokenProblem,
  renumberPromptTokens,
} from './prompt-tokens';

const none = { image: 0, element: 0, video: 0 };

describe('prompt tokens', () => {
  it('finds each token with its kind and number, in order', () => {
    expect(findPromptTokens('a <<<video_1>>> b <<<image_12>>>')).toEqual([
      { token: '<<<video_1>>>', kind: 'video', number: 1 },
      { token: '<<<image_12>>>', kind: 'image', number: 12 },
    ]);
  });

  it('has no problem with tokens that name items, or with a prompt without tokens', () => {
    expect(promptTokenProblem('A cat', none)).toBeNull();
    expect(promptTokenProblem('<<<image_2>>>', { ...none, image: 2 })).toBeNull();
  });

  it('says which item a token asks for and how many there are', () => {
    expect(promptTokenProblem('<<<image_3>>>', { ...none, image: 2 })).toBe(
      '<<<image_3>>> refers to image 3, but there are 2 images.',
    );
  });

  it('knows which numbers of a kind the prompt mentions', () => {
    expect([...mentionedNumbers('<<<image_2>>> <<<element_1>>> <<<image_2>>>', 'image')]).toEqual([2]);
  });

  it('renumbers after a removal: later items move up, the removed item’s tokens are taken out', () => {
    const removedSecond = (n: number) => (n === 2 ? null : n > 2 ? n - 1 : n);
    expect(
      renumberPromptTokens(
        '<<<image_1>>> and <<<image_2>>> then <<<image_3>>> <<<video_2>>>',
        'image',
        removedSecond,
      ),
    ).toBe('<<<image_1>>> and then <<<image_2>>> <<<video_2>>>');
  });

  it('renumbers after a swap, and leaves other kinds and the rest of the text as typed', () => {
    const swapped = (n: number) => (n === 1 ? 2 : n === 2 ? 1 : n);
    expect(
      renumberPromptTokens('x  <<<element_1>>>  <<<element_2>>> <<<image_1>>>', 'element', swapped),
    ).toBe('x  <<<element_2>>>  <<<element_1>>> <<<image_1>>>');
  });
});
