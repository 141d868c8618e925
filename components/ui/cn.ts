import { type ClassValue, clsx } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Joins class lists so that a later Tailwind class wins over an earlier one of the same kind: a
 * caller's `max-h-[28rem]` replaces a primitive's `max-h-[32rem]`. Concatenated, both would reach
 * the page and the one the built CSS lists last would win, whichever the caller meant.
 */
export function cn(...classes: ClassValue[]): string {
  return twMerge(clsx(classes));
}
