'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { callApi } from '@/lib/client/call-api';

/** Ends the session on the server (every instance), then shows the sign-in page. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await callApi('/api/auth/sign-out', { method: 'POST' });
        window.location.assign('/sign-in');
      }}
    >
      {busy ? 'Signing out…' : 'Sign out'}
    </Button>
  );
}
