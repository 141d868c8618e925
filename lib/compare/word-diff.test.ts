import { describe, expect, it } from 'vitest';
import { diffWords } from './word-diff';

const changed = (parts: { text: string; changed: boolean }[]) =>
  parts.filter((part) => part.changed).map((part) => part.text.trim());

describe('diffWords', () => {
  it('marks nothing when the texts are the same', () => {
    const diff = diffWords('a red kite at dusk', 'a red kite at dusk');
    expect(changed(diff.a)).toEqual([]);
    expect(changed(diff.b)).toEqual([]);
    expect(diff.a.map((p) => p.text).join('')).toBe('a red kite at dusk');
  });

  it('marks the words only one side has, keeping each side’s text whole', () => {
    const diff = diffWords('a red kite over the dunes at dusk', 'a blue kite over the sea at dusk');
    expect(changed(diff.a)).toEqual(['red', 'dunes']);
    expect(changed(diff.b)).toEqual(['blue', 'sea']);
    expect(diff.a.map((p) => p.text).join('')).toBe('a red kite over the dunes at dusk');
    expect(diff.b.map((p) => p.text).join('')).toBe('a blue kite over the sea at dusk');
  });

  it('marks an added phrase as one run', () => {
    const diff = diffWords('a kite', 'a kite with a long tail');
    expect(changed(diff.a)).toEqual([]);
    expect(changed(diff.b)).toEqual(['with a long tail']);
  });

  it('handles an empty side', () => {
    expect(changed(diffWords('', 'new words').b)).toEqual(['new words']);
    expect(diffWords('', 'new words').a).toEqual([]);
  });
});
