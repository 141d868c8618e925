import type { Metadata } from 'next';
import { TokensManager } from '@/components/accounts/tokens-manager';
import { getApiTokens } from '@/lib/server/auth-services';
import { requireActor } from '@/lib/server/page-auth';

export const metadata: Metadata = { title: 'API tokens' };

/** Tokens let scripts act as their owner through the app's own API: validated, recorded and limited. */
export default async function TokensPage() {
  const actor = await requireActor('/settings/tokens');
  const tokens = await (await getApiTokens()).list(actor.id);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">API tokens</h1>
        <p className="text-sm text-slate-600">
          A script that sends <code>Authorization: Bearer &lt;token&gt;</code> acts as you: its submissions
          are validated, recorded in history and counted against your limits like the composer’s. The API is
          described at{' '}
          <a className="underline" href="/api/openapi.json">
            /api/openapi.json
          </a>
          .
        </p>
      </div>
      <TokensManager tokens={tokens} />
    </div>
  );
}
