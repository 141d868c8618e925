'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Timestamp } from '@/components/submissions/format-time';
import { Button } from '@/components/ui/button';
import { FormField, inputClassName } from '@/components/ui/form-field';
import { Notice } from '@/components/ui/notice';
import { callApi, fieldErrors } from '@/lib/client/call-api';

interface Token {
  id: string;
  name: string;
  createdAt: string;
}

/** Create a token (its secret shown once, with Copy), list them, revoke one. */
export function TokensManager({ tokens }: { tokens: Token[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const name = String(new FormData(formElement).get('name') ?? '');
    const result = await callApi<{ name: string; token: string }>('/api/tokens', {
      method: 'POST',
      body: { name },
    });
    if (!result.ok) {
      const byField = fieldErrors(result.error);
      setError(byField.name ?? null);
      setAlert(byField.name ? null : result.error.message);
      if (byField.name) formElement.querySelector<HTMLInputElement>('[name="name"]')?.focus();
      return;
    }
    formElement.reset();
    setError(null);
    setAlert(null);
    setCopied(false);
    setCreated({ name: result.data.name, token: result.data.token });
    router.refresh();
  }

  async function revoke(token: Token) {
    const result = await callApi(`/api/tokens/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
    setAlert(result.ok ? null : result.error.message);
    router.refresh();
  }

  return (
    <>
      <form onSubmit={create} noValidate className="flex max-w-lg flex-col gap-3">
        <FormField
          id="token-name"
          label="Token name"
          error={error ?? undefined}
          hint="What will use it, e.g. nightly batch script."
        >
          {(control) => <input {...control} name="name" autoComplete="off" className={inputClassName} />}
        </FormField>
        <Button type="submit" variant="primary">
          Create token
        </Button>
      </form>
      {alert && (
        <Notice tone="error" role="alert">
          {alert}
        </Notice>
      )}
      {created && (
        <Notice tone="success" role="status" title={`Token “${created.name}” created`}>
          <p>Copy it now: it is shown only this once.</p>
          <p className="mt-2 break-all font-mono" aria-label="New token">
            {created.token}
          </p>
          <p className="mt-2">
            <Button
              onClick={async () => {
                await navigator.clipboard.writeText(created.token);
                setCopied(true);
              }}
            >
              {copied ? 'Copied' : 'Copy token'}
            </Button>
          </p>
        </Notice>
      )}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">You have no API tokens.</p>
      ) : (
        <ul
          className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white"
          aria-label="Your API tokens"
        >
          {tokens.map((token) => (
            <li
              key={token.id}
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
            >
              <span>
                <span className="font-medium">{token.name}</span>{' '}
                <span className="text-slate-600">
                  created <Timestamp iso={token.createdAt} />
                </span>
              </span>
              <Button variant="danger" aria-label={`Revoke ${token.name}`} onClick={() => void revoke(token)}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
