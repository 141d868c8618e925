'use client';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { callApi } from '@/lib/client/call-api';

/**
 * Ends the session on the server (every instance), then shows the sign-in page. The header streams in
 * before the page's scripts run: until they do, the button is disabled rather than taking a click
 * that would do nothing.
 */
export function SignOutButton() {
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <Button
      disabled={!ready || busy}
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
