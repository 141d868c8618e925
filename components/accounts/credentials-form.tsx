'use client';
import { type FormEvent, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField, inputClassName } from '@/components/ui/form-field';
import { Notice } from '@/components/ui/notice';
import { callApi, fieldErrors } from '@/lib/client/call-api';

export interface CredentialField {
  name: 'name' | 'email' | 'password';
  label: string;
  type: 'text' | 'email' | 'password';
  autoComplete: string;
  hint?: string;
}

/**
 * The sign-in and first-admin forms: labelled fields, the server's messages at each field
 * (aria-invalid, focus on the first), one alert for the rest, and a full reload of `next` once signed in.
 */
export function CredentialsForm({
  fields,
  action,
  submitLabel,
  busyLabel,
  next,
}: {
  fields: CredentialField[];
  action: string;
  submitLabel: string;
  busyLabel: string;
  next: string;
}) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body = Object.fromEntries(fields.map((field) => [field.name, String(data.get(field.name) ?? '')]));
    setBusy(true);
    setAlert(null);
    const result = await callApi(action, { method: 'POST', body });
    if (result.ok) {
      // A full load, so the header and every page see the new session.
      window.location.assign(next);
      return;
    }
    setBusy(false);
    const byField = fieldErrors(result.error);
    setErrors(byField);
    const first = fields.find((field) => byField[field.name]);
    if (first) form.current?.querySelector<HTMLInputElement>(`[name="${first.name}"]`)?.focus();
    else setAlert(result.error.message);
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="flex flex-col gap-4">
      {alert && (
        <Notice tone="error" role="alert">
          {alert}
        </Notice>
      )}
      {fields.map((field) => (
        <FormField
          key={field.name}
          id={`credentials-${field.name}`}
          label={field.label}
          error={errors[field.name]}
          hint={field.hint}
        >
          {(control) => (
            <input
              {...control}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              required
              className={inputClassName}
            />
          )}
        </FormField>
      ))}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </Button>
    </form>
  );
}
