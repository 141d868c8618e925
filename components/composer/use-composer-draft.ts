'use client';
import { useEffect, useRef } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { type ComposerValues, hasWork, requestToFormValues } from '@/lib/contract/composer-form';
import type { SubmissionRequest } from '@/lib/contract/submission-request';

const DRAFT_KEY = 'omni-video-studio:draft';
const SAVE_DELAY_MS = 300;

export function clearComposerDraft(): void {
  try {
    window.localStorage.removeItem(DRAFT_KEY);
  } catch {
    // Storage can be unavailable (private mode, quota): the draft is a convenience, never a blocker.
  }
}

function loadDraft(): ComposerValues | null {
  try {
    const saved = window.localStorage.getItem(DRAFT_KEY);
    return saved ? requestToFormValues(JSON.parse(saved), { keepExternalTaskId: true }) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the composer's values in localStorage so a reload loses nothing. A request handed in
 * (reuse in composer) wins over the saved draft; `onReplaced` then gets the draft it replaced, when
 * that held any work, so it can be offered back.
 */
export function useComposerDraft(
  form: UseFormReturn<ComposerValues, unknown, SubmissionRequest>,
  initial: ComposerValues | null,
  onReplaced: (draft: ComposerValues) => void,
) {
  const restored = useRef(false);

  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const draft = loadDraft();
    const values = initial ?? draft;
    if (values) form.reset(values, { keepDefaultValues: true });
    if (initial && draft && hasWork(draft) && JSON.stringify(draft) !== JSON.stringify(initial)) {
      onReplaced(draft);
    }
  }, [form, initial, onReplaced]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      try {
        window.localStorage.setItem(DRAFT_KEY, JSON.stringify(form.getValues()));
      } catch {
        // See clearComposerDraft.
      }
    };
    const subscription = form.watch(() => {
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
    });
    // A reload right after a keystroke still keeps it.
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('pagehide', save);
      clearTimeout(timer);
      subscription.unsubscribe();
    };
  }, [form]);
}
