/** A run of text in a diff: `changed` when it is only on this side. */
export interface DiffPart {
  text: string;
  changed: boolean;
}

/** Beyond this many words a side, the texts are marked whole instead of word by word (the table grows as a product). */
const MAX_WORDS = 2_000;

const tokens = (text: string) => text.split(/(\s+)/).filter(Boolean);

/** Joins neighbouring parts of the same kind, so a changed phrase is one mark, not one per word. */
function merge(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last && (last.changed === part.changed || /^\s+$/.test(part.text))) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

/**
 * Which words of `a` are not in `b` and which of `b` are not in `a`, by the longest common
 * subsequence of words (whitespace kept as written). Case and spacing count as written.
 */
export function diffWords(a: string, b: string): { a: DiffPart[]; b: DiffPart[] } {
  const x = tokens(a);
  const y = tokens(b);
  if (x.length > MAX_WORDS || y.length > MAX_WORDS) {
    return { a: [{ text: a, changed: a !== b }], b: [{ text: b, changed: a !== b }] };
  }
  // lcs[i][j]: length of the longest common subsequence of x[i..] and y[j..].
  const width = y.length + 1;
  const lcs = new Uint16Array((x.length + 1) * width);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        x[i] === y[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const partsA: DiffPart[] = [];
  const partsB: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const tokenA = x[i];
    const tokenB = y[j];
    if (tokenA !== undefined && tokenA === tokenB) {
      partsA.push({ text: tokenA, changed: false });
      partsB.push({ text: tokenA, changed: false });
      i++;
      j++;
    } else if (
      tokenA !== undefined &&
      (tokenB === undefined || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))
    ) {
      partsA.push({ text: tokenA, changed: true });
      i++;
    } else if (tokenB !== undefined) {
      partsB.push({ text: tokenB, changed: true });
      j++;
    }
  }
  return { a: merge(partsA), b: merge(partsB) };
}
