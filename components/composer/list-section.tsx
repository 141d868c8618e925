'use client';
import { type ReactNode, type Ref, Suspense } from 'react';
import { Button } from '@/components/ui/button';
import type { RenumberOffer } from './use-list-editor';

/** The offer to renumber the prompt's tokens after a removal or a move; the status region stays put. */
function RenumberOfferNotice({
  offer,
  offerRef,
}: {
  offer: RenumberOffer | null;
  offerRef: Ref<HTMLButtonElement>;
}) {
  return (
    <div role="status" className="empty:hidden">
      {offer && (
        <div className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p>
            The prompt’s {offer.kind} tokens still use the old numbers, so they may now name another{' '}
            {offer.kind}. Renumber them to follow their {offer.kind}s? A token of a removed {offer.kind} is
            taken out.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button ref={offerRef} variant="primary" onClick={offer.apply}>
              Renumber tokens
            </Button>
            <Button onClick={offer.dismiss}>Keep as is</Button>
          </div>
        </div>
      )}
    </div>
  );
}

/** A titled list of items with its own error above the items and its Add button below them. */
export function ListSection({
  id,
  title,
  description,
  error,
  addLabel,
  onAdd,
  addRef,
  offer,
  offerRef,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  error?: string;
  addLabel: string;
  onAdd: () => void;
  addRef: Ref<HTMLButtonElement>;
  offer: RenumberOffer | null;
  offerRef: Ref<HTMLButtonElement>;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-300 p-3 sm:p-4"
    >
      <div>
        <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          {title}
        </h3>
        <p className="text-sm text-slate-600">{description}</p>
      </div>
      {error && (
        <p
          id={`${id}-error`}
          role="alert"
          tabIndex={-1}
          data-list-error
          className="text-sm font-medium text-red-800"
        >
          {error}
        </p>
      )}
      <RenumberOfferNotice offer={offer} offerRef={offerRef} />
      {children}
      <div>
        <Button ref={addRef} onClick={onAdd}>
          {addLabel}
        </Button>
      </div>
    </section>
  );
}

/**
 * One item of a list: its fields (a select keeps the width of its longest choice), what the item
 * adds (preview, prompt token), and its buttons: Move up / Move down where the order matters, Remove.
 */
export function ListItem({
  list,
  index,
  count,
  legend,
  onRemove,
  onMove,
  extras,
  children,
}: {
  list: string;
  index: number;
  count: number;
  legend: string;
  onRemove: () => void;
  /** Given for lists whose order matters (tokens and frames refer to items by position). */
  onMove?: (by: -1 | 1) => void;
  extras?: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto]">{children}</div>
      {/* Extras load with the first item; the fields work meanwhile. */}
      <Suspense fallback={null}>{extras}</Suspense>
      <div className="flex flex-wrap gap-2">
        {onMove && index > 0 && (
          <Button id={`${list}-${index}-move-up`} onClick={() => onMove(-1)}>
            Move up
          </Button>
        )}
        {onMove && index < count - 1 && (
          <Button id={`${list}-${index}-move-down`} onClick={() => onMove(1)}>
            Move down
          </Button>
        )}
        <Button variant="danger" onClick={onRemove}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
