'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField, inputClassName } from '@/components/ui/form-field';
import { Notice } from '@/components/ui/notice';
import { callApi, fieldErrors } from '@/lib/client/call-api';
import { PASSWORD_LENGTH, USER_ROLES, type UserPatch, type UserWithUsage } from '@/lib/contract/accounts';

const ROLE_NAMES = { creator: 'Creator', reviewer: 'Reviewer', admin: 'Admin' } as const;

/** The user list with its controls, and the form that creates (invites) a user. */
export function UsersAdmin({ users, selfId }: { users: UserWithUsage[]; selfId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function change(user: UserWithUsage, patch: UserPatch, done: string) {
    const result = await callApi(`/api/users/${encodeURIComponent(user.id)}`, {
      method: 'PATCH',
      body: patch,
    });
    setMessage(result.ok ? { tone: 'success', text: done } : { tone: 'error', text: result.error.message });
    router.refresh();
  }

  return (
    <>
      {message && (
        <Notice tone={message.tone} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </Notice>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Users, oldest first</caption>
          <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Email
              </th>
              <th scope="col" className="px-3 py-2">
                Role
              </th>
              <th scope="col" className="px-3 py-2">
                Daily limit (video seconds)
              </th>
              <th scope="col" className="px-3 py-2">
                Used in 24 h
              </th>
              <th scope="col" className="px-3 py-2">
                Access
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {users.map((user) => (
              <tr key={user.id} className={user.disabled ? 'bg-slate-100 text-slate-600' : undefined}>
                <td className="px-3 py-2 font-medium">
                  {user.name}
                  {user.id === selfId && <span className="text-slate-600"> (you)</span>}
                </td>
                <td className="px-3 py-2 break-all">{user.email}</td>
                <td className="px-3 py-2">
                  <select
                    aria-label={`Role of ${user.name}`}
                    className={inputClassName}
                    value={user.role}
                    onChange={(event) =>
                      void change(
                        user,
                        { role: event.target.value as UserWithUsage['role'] },
                        `${user.name} is now a ${event.target.value}.`,
                      )
                    }
                  >
                    {USER_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_NAMES[role]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-3 py-2">
                  <LimitEditor
                    user={user}
                    onSave={(limit, text) => change(user, { dailyVideoSecondsLimit: limit }, text)}
                  />
                </td>
                <td className="px-3 py-2">{user.usage.videoSecondsLast24h} s</td>
                <td className="px-3 py-2">
                  <Button
                    variant={user.disabled ? 'secondary' : 'danger'}
                    aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}
                    onClick={() =>
                      void change(
                        user,
                        { disabled: !user.disabled },
                        user.disabled
                          ? `${user.name} can sign in again.`
                          : `${user.name} is disabled: signed out everywhere, API tokens revoked.`,
                      )
                    }
                  >
                    {user.disabled ? 'Enable' : 'Disable'}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CreateUserForm
        onCreated={(text) => {
          setMessage({ tone: 'success', text });
          router.refresh();
        }}
      />
    </>
  );
}

function LimitEditor({
  user,
  onSave,
}: {
  user: UserWithUsage;
  onSave: (limit: number | null, text: string) => void;
}) {
  const [value, setValue] = useState(user.dailyVideoSecondsLimit?.toString() ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = `limit-${user.id}`;
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const text = value.trim();
        if (text !== '' && !/^\d+$/.test(text)) {
          setError('A whole number of seconds, or empty for no limit.');
          return;
        }
        setError(null);
        const limit = text === '' ? null : Number(text);
        onSave(
          limit,
          limit === null
            ? `${user.name} has no daily limit.`
            : `${user.name} may request ${limit} video seconds a day.`,
        );
      }}
    >
      <label htmlFor={id} className="sr-only">
        Daily limit of {user.name}
      </label>
      <input
        id={id}
        inputMode="numeric"
        placeholder="No limit"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${inputClassName} w-28`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <Button type="submit" aria-label={`Save the daily limit of ${user.name}`}>
        Save
      </Button>
      {error && (
        <p id={`${id}-error`} className="w-full text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (text: string) => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const data = new FormData(formElement);
    const body = {
      email: String(data.get('email') ?? ''),
      name: String(data.get('name') ?? ''),
      role: String(data.get('role') ?? 'creator'),
      password: String(data.get('password') ?? ''),
    };
    setBusy(true);
    const result = await callApi('/api/users', { method: 'POST', body });
    setBusy(false);
    if (result.ok) {
      formElement.reset();
      setErrors({});
      setAlert(null);
      onCreated(`${body.name} can now sign in as ${body.email} with the starting password you chose.`);
      return;
    }
    const byField = fieldErrors(result.error);
    setErrors(byField);
    setAlert(Object.keys(byField).length ? null : result.error.message);
    const first = ['email', 'name', 'role', 'password'].find((name) => byField[name]);
    if (first) formElement.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  return (
    <section
      aria-labelledby="invite-heading"
      className="flex max-w-lg flex-col gap-4 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="invite-heading" className="text-lg font-semibold">
        Invite a user
      </h2>
      {alert && (
        <Notice tone="error" role="alert">
          {alert}
        </Notice>
      )}
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <FormField id="invite-email" label="Email" error={errors.email}>
          {(control) => (
            <input {...control} name="email" type="email" autoComplete="off" className={inputClassName} />
          )}
        </FormField>
        <FormField id="invite-name" label="Name" error={errors.name}>
          {(control) => <input {...control} name="name" autoComplete="off" className={inputClassName} />}
        </FormField>
        <FormField id="invite-role" label="Role" error={errors.role}>
          {(control) => (
            <select {...control} name="role" defaultValue="creator" className={inputClassName}>
              {USER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_NAMES[role]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id="invite-password"
          label="Starting password"
          error={errors.password}
          hint={`At least ${PASSWORD_LENGTH.min} characters. Hand it over in person or by a channel you trust.`}
        >
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="new-password"
              className={inputClassName}
            />
          )}
        </FormField>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </Button>
      </form>
    </section>
  );
}
