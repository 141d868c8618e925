'use client';
import type { ReactNode } from 'react';
import { type FieldPath, useFormContext } from 'react-hook-form';
import { FormField, inputClassName } from '@/components/ui/form-field';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { useVisibleError } from './use-visible-error';

type Name = FieldPath<ComposerValues>;

export function fieldId(name: string): string {
  return `field-${name.replaceAll('.', '-')}`;
}

export function TextField({
  name,
  label,
  hint,
  placeholder,
  multiline = false,
  inputMode,
  suggestions,
  className,
}: {
  name: Name;
  label: string;
  hint?: ReactNode;
  placeholder?: string;
  multiline?: boolean;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'url';
  /** The id of a `datalist` whose options the field suggests (any text is still accepted). */
  suggestions?: string;
  className?: string;
}) {
  const { register } = useFormContext<ComposerValues>();
  // An address is wrong at every keystroke until it is complete: judged when the typing pauses.
  const error = useVisibleError(name, { waitForPause: inputMode === 'url' });
  return (
    <FormField id={fieldId(name)} label={label} error={error} hint={hint} className={className}>
      {(control) =>
        multiline ? (
          <textarea
            {...control}
            {...register(name)}
            rows={4}
            placeholder={placeholder}
            className={inputClassName}
          />
        ) : (
          <input
            {...control}
            {...register(name)}
            type={inputMode === 'url' ? 'url' : 'text'}
            inputMode={inputMode}
            list={suggestions}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            className={inputClassName}
          />
        )
      }
    </FormField>
  );
}

export function SelectField({
  name,
  label,
  options,
  hint,
  className,
}: {
  name: Name;
  label: string;
  options: readonly { value: string; label: string }[];
  hint?: ReactNode;
  className?: string;
}) {
  const { register } = useFormContext<ComposerValues>();
  const error = useVisibleError(name);
  return (
    <FormField id={fieldId(name)} label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <select {...control} {...register(name)} className={inputClassName}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
