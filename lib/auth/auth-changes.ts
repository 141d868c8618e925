import 'server-only';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { logWarn } from '@/lib/logging/log';
import type { ActorCache, AuthChange } from './actor-cache';

const CHANNEL = 'ovs_auth_changes';
const RECONNECT_MS = 1_000;
/** How long a change waits for its own notice to come back before answering anyway. */
const ECHO_WAIT_MS = 1_000;
/** After its own copy is back, how long a change waits for instances reading theirs a little later. */
const SETTLE_MS = 25;

export interface AuthChanges {
  /** Invalidates here at once, and on every other instance sharing the database. */
  publish(change: AuthChange): Promise<void>;
  close(): Promise<void>;
}

type Notice = AuthChange & { id?: string };

function parseChange(payload: string | undefined): Notice {
  try {
    const value = JSON.parse(payload ?? '') as Notice;
    if (value.kind === 'credential' && typeof value.key === 'string') return value;
    if (value.kind === 'user' && typeof value.userId === 'string') return value;
  } catch {
    // Unreadable: fall through to the safe answer.
  }
  return { kind: 'all' };
}

/** The embedded database has one process: invalidating its own cache reaches everyone. */
export function localAuthChanges(cache: ActorCache): AuthChanges {
  return {
    async publish(change) {
      cache.invalidate(change);
    },
    async close() {},
  };
}

/**
 * Several instances on one PostgreSQL: a change is sent with NOTIFY, and each instance LISTENs on a
 * connection of its own. While that connection is down, the cache is off (every check asks the
 * database), so a lost notice can never keep a revoked sign-in alive.
 */
export async function postgresAuthChanges(
  db: Db,
  databaseUrl: string,
  cache: ActorCache,
): Promise<AuthChanges> {
  const { Client } = await import('pg');
  let client: InstanceType<typeof Client> | null = null;
  let closed = false;
  const echoes = new Map<string, () => void>();

  async function listen(): Promise<void> {
    if (closed) return;
    const next = new Client({ connectionString: databaseUrl });
    let failed = false;
    const retry = (error: unknown) => {
      if (failed) return;
      failed = true;
      cache.setEnabled(false);
      if (client === next) client = null;
      void next.end().catch(() => undefined);
      if (!closed) {
        logWarn('auth change notices interrupted; checking every sign-in in the database', {
          error: String(error),
        });
        setTimeout(() => void listen(), RECONNECT_MS).unref();
      }
    };
    next.on('error', retry);
    next.on('notification', (message) => {
      if (message.channel !== CHANNEL) return;
      const change = parseChange(message.payload);
      cache.invalidate(change);
      echoes.get(change.id ?? '')?.();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      cache.setEnabled(true);
    } catch (error) {
      retry(error);
    }
  }

  cache.setEnabled(false);
  await listen();
  return {
    async publish(change) {
      cache.invalidate(change);
      // PostgreSQL hands a notice to every listener at once; waiting for this instance's own copy
      // means the others have theirs before the change is answered as done.
      const id = randomUUID();
      const echoed = new Promise<void>((resolve) => {
        echoes.set(id, resolve);
        setTimeout(resolve, ECHO_WAIT_MS).unref();
      });
      await db.execute(sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify({ ...change, id })})`);
      await echoed;
      echoes.delete(id);
      // The others read theirs from their own sockets: a moment more, so a busy instance has too.
      await sleep(SETTLE_MS);
    },
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}
