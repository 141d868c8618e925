'use client';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/** A titled list of items with its own error above the items and its Add button below them. */
export function ListSection({
  id,
  title,
  description,
  error,
  addLabel,
  onAdd,
  children,
}: {
  id: string;
  title: string;
  description: ReactNode;
  error?: string;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4"
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
      {children}
      <div>
        <Button onClick={onAdd}>{addLabel}</Button>
      </div>
    </section>
  );
}

/** One item of a list: its fields side by side and its Remove button. */
export function ListItem({
  legend,
  onRemove,
  children,
}: {
  legend: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:flex-row sm:items-start">
      <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{legend}</legend>
      <div className="flex flex-1 flex-col gap-3 sm:flex-row">{children}</div>
      <Button variant="danger" onClick={onRemove} className="sm:mt-6">
        Remove
      </Button>
    </fieldset>
  );
}
