'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

/** How long "Undo" stays; longer while the pointer or the focus is on it. */
const UNDO_MS = 10_000;

/** A short message, with Undo when there is something to restore. */
export interface UndoOffer {
  message: string;
  restore?: () => void;
}

export function useUndo() {
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const offerUndo = useCallback((message: string, restore: () => void) => setOffer({ message, restore }), []);
  const dismiss = useCallback(() => setOffer(null), []);
  return { offer, setOffer, offerUndo, dismiss };
}

/**
 * What one click just replaced or emptied, with an Undo button for a few seconds. The status region
 * is always on the page, so its message is announced when it appears.
 */
export function UndoNotice({
  offer,
  onChange,
  onUndone,
}: {
  offer: UndoOffer | null;
  onChange: (next: UndoOffer | null) => void;
  /** Called after Undo, once its button is gone: the focus needs somewhere to go. */
  onUndone: () => void;
}) {
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!offer) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      timer = setTimeout(() => {
        const inUse = box.current?.contains(document.activeElement) || box.current?.matches(':hover');
        if (inUse) arm();
        else onChange(null);
      }, UNDO_MS);
    };
    arm();
    return () => clearTimeout(timer);
  }, [offer, onChange]);

  return (
    <span ref={box} role="status" className="inline-flex flex-wrap items-center gap-2 text-sm">
      {offer && (
        <>
          <span>{offer.message}</span>
          {offer.restore && (
            <Button
              onClick={() => {
                offer.restore?.();
                onChange({ message: 'Restored.' });
                onUndone();
              }}
            >
              Undo
            </Button>
          )}
        </>
      )}
    </span>
  );
}
