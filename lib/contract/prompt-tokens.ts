/**
 * Prompt tokens: `<<<image_2>>>` in a prompt names the 2nd item of `image_list` (from 1, in list
 * order); `<<<element_N>>>` and `<<<video_N>>>` likewise (docs/api.md, "Prompt tokens").
 */
export const TOKEN_KINDS = ['image', 'element', 'video'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** How many items of each kind the request carries. */
export type ItemCounts = Record<TokenKind, number>;

const TOKEN_PATTERN = /<<<(image|element|video)_(\d+)>>>/g;
const SPACED_TOKEN_PATTERN = /( ?)<<<(image|element|video)_(\d+)>>>/g;

export function promptToken(kind: TokenKind, number: number): string {
  return `<<<${kind}_${number}>>>`;
}

export interface PromptTokenUse {
  token: string;
  kind: TokenKind;
  /** The item it names, from 1; NaN when written with leading zeros (`<<<image_01>>>`). */
  number: number;
}

/** Every token in the prompt, in order of appearance. */
export function findPromptTokens(prompt: string): PromptTokenUse[] {
  return [...prompt.matchAll(TOKEN_PATTERN)].map(([token, kind, digits = '']) => ({
    token,
    kind: kind as TokenKind,
    number: /^0/.test(digits) ? Number.NaN : Number(digits),
  }));
}

function counted(kind: TokenKind, count: number): string {
  if (count === 0) return `there is no ${kind}`;
  return count === 1 ? `there is 1 ${kind}` : `there are ${count} ${kind}s`;
}

/**
 * What is wrong with the prompt's tokens, one sentence per token that names no item, or null:
 * "<<<image_3>>> refers to image 3, but there are 2 images."
 */
export function promptTokenProblem(prompt: string, counts: ItemCounts): string | null {
  const seen = new Set<string>();
  const sentences: string[] = [];
  for (const use of findPromptTokens(prompt)) {
    if (seen.has(use.token)) continue;
    seen.add(use.token);
    if (!Number.isInteger(use.number) || use.number < 1) {
      sentences.push(
        `${use.token} names no ${use.kind}: they are numbered from 1, as in ${promptToken(use.kind, 1)}.`,
      );
    } else if (use.number > counts[use.kind]) {
      sentences.push(
        `${use.token} refers to ${use.kind} ${use.number}, but ${counted(use.kind, counts[use.kind])}.`,
      );
    }
  }
  return sentences.length > 0 ? sentences.join(' ') : null;
}

/** The item numbers of `kind` the prompt mentions. */
export function mentionedNumbers(prompt: string, kind: TokenKind): Set<number> {
  return new Set(findPromptTokens(prompt).flatMap((use) => (use.kind === kind ? [use.number] : [])));
}

/**
 * Rewrites the prompt's tokens of `kind` after its list changed: `renumber(n)` is the new number of
 * the item that was n, or null when that item is gone (its tokens are taken out).
 */
export function renumberPromptTokens(
  prompt: string,
  kind: TokenKind,
  renumber: (number: number) => number | null,
): string {
  // A token taken out goes with the space before it: "a <<<image_2>>> b" becomes "a b".
  return prompt.replace(SPACED_TOKEN_PATTERN, (match, space: string, tokenKind: string, digits: string) => {
    if (tokenKind !== kind || /^0/.test(digits)) return match;
    const next = renumber(Number(digits));
    return next === null ? '' : `${space}${promptToken(kind, next)}`;
  });
}
