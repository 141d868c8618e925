import type { Actor } from './roles';

/** What made cached sign-ins stale: one credential (a session or token), one user, or everything. */
export type AuthChange =
  | { kind: 'credential'; key: string }
  | { kind: 'user'; userId: string }
  | { kind: 'all' };

interface Entry {
  actor: Actor;
  until: number;
}

/** An entry is trusted this long at most, even if a change notice were lost. */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Who each recently seen credential belongs to, so the per-request check costs a map look-up. Every
 * change that could end a sign-in (sign-out, disabling, role change, token revoked) invalidates it at
 * once: in this process directly, in others through the change notices of auth-changes.ts. A look-up
 * that raced such a change is not cached (the generation moved on while it ran).
 */
export function createActorCache(now: () => number = Date.now) {
  const entries = new Map<string, Entry>();
  let generation = 0;
  let enabled = true;

  return {
    get(key: string): Actor | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.actor;
    },

    /** The generation to pass to `set` after a database look-up. */
    generation: () => generation,

    set(key: string, actor: Actor, expiresAt: number, seenAtGeneration: number): void {
      if (!enabled || seenAtGeneration !== generation) return;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { actor, until: Math.min(expiresAt, now() + MAX_AGE_MS) });
    },

    invalidate(change: AuthChange): void {
      generation++;
      if (change.kind === 'all') entries.clear();
      else if (change.kind === 'credential') entries.delete(change.key);
      else for (const [key, entry] of entries) if (entry.actor.id === change.userId) entries.delete(key);
    },

    /** Off while change notices from other instances cannot be received: every check asks the database. */
    setEnabled(value: boolean): void {
      enabled = value;
      generation++;
      entries.clear();
    },
  };
}

export type ActorCache = ReturnType<typeof createActorCache>;
