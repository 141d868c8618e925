'use client';
import { useEffect, useRef, useState } from 'react';
import { type FieldArrayPath, useFieldArray, useFormContext } from 'react-hook-form';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { mentionedNumbers, renumberPromptTokens, type TokenKind } from '@/lib/contract/prompt-tokens';

type ListName = Extract<FieldArrayPath<ComposerValues>, 'image_list' | 'video_list' | 'element_list'>;

/** The new number of the item that was `n` (from 1), or null when it is gone. */
type Renumber = (n: number) => number | null;

/** After a removal or a move: the prompt's tokens of this list still count the old way. */
export interface RenumberOffer {
  kind: TokenKind;
  /** Renumbers the prompt's tokens to follow their items. */
  apply: () => void;
  dismiss: () => void;
}

const afterRemoving =
  (index: number): Renumber =>
  (n) =>
    n === index + 1 ? null : n > index + 1 ? n - 1 : n;

const afterSwapping =
  (a: number, b: number): Renumber =>
  (n) =>
    n === a + 1 ? b + 1 : n === b + 1 ? a + 1 : n;

/** Two changes in a row: where an item went after the first, then after the second. */
const then =
  (first: Renumber, second: Renumber): Renumber =>
  (n) => {
    const moved = first(n);
    return moved === null ? null : second(moved);
  };

/**
 * A list's items with add, remove and move, and the offer to renumber the prompt's tokens when a
 * removal or a move changes what their numbers name. Focus never falls back to the page: after a
 * removal it goes to the offer (when there is one) or to the list's Add button.
 */
export function useListEditor(name: ListName, kind: TokenKind) {
  const { control, getValues, setValue, watch } = useFormContext<ComposerValues>();
  const { fields, append, remove, swap } = useFieldArray({ control, name });
  const [pending, setPending] = useState<Renumber | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const offerRef = useRef<HTMLButtonElement>(null);

  // A prompt changed since (by hand, or the whole form reset) may already say what it means.
  useEffect(() => {
    const subscription = watch((_values, { name: changed }) => {
      if (changed === 'prompt' || changed === undefined) setPending(null);
    });
    return () => subscription.unsubscribe();
  }, [watch]);

  /** Records a change of numbering; true when the prompt mentions an item it renumbered. */
  const renumbered = (change: Renumber): boolean => {
    const combined = pending ? then(pending, change) : change;
    const affected = [...mentionedNumbers(getValues('prompt'), kind)].some((n) => combined(n) !== n);
    // A function given to setState is called as an updater: wrap it, so the state is the function.
    setPending(affected ? () => combined : null);
    return affected;
  };

  const focusLater = (find: () => HTMLElement | null | undefined) =>
    requestAnimationFrame(() => find()?.focus());

  return {
    fields,
    append,
    addRef,
    offerRef,
    removeAt(index: number) {
      remove(index);
      const offered = renumbered(afterRemoving(index));
      focusLater(() => (offered ? offerRef.current : addRef.current));
    },
    /** Moves the item at `index` one place up (-1) or down (+1); the focus stays on its Move button. */
    move(index: number, by: -1 | 1) {
      const to = index + by;
      swap(index, to);
      renumbered(afterSwapping(index, to));
      // The same direction's button, unless the item has reached that end of the list.
      const sameExists = by === -1 ? to > 0 : to < fields.length - 1;
      const direction = (by === -1) === sameExists ? 'up' : 'down';
      focusLater(() => document.getElementById(`${name}-${to}-move-${direction}`));
    },
    offer: pending
      ? ({
          kind,
          apply: () => {
            setValue('prompt', renumberPromptTokens(getValues('prompt'), kind, pending), {
              shouldDirty: true,
              shouldValidate: true,
            });
            setPending(null);
            focusLater(() => addRef.current);
          },
          dismiss: () => {
            setPending(null);
            focusLater(() => addRef.current);
          },
        } satisfies RenumberOffer)
      : null,
  };
}
