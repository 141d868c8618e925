import 'server-only';
import type { UserCreate } from '@/lib/contract/accounts';
import type { createAppSettings } from '@/lib/db/app-settings';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import { AppError } from '@/lib/errors/app-error';

const CLAIM_KEY = 'first_admin_claim';
/** A claim left by a process that died mid-setup no longer blocks setup after this. */
const CLAIM_EXPIRES_MS = 60_000;

/** What setup needs to know of users (the users module's store provides it). */
export interface ExistingUsers {
  any(): Promise<boolean>;
  findByEmail(email: string): Promise<{ id: string } | null>;
}

export interface FirstAdminDeps {
  users: ExistingUsers;
  settings: ReturnType<typeof createAppSettings>;
  createAccount(input: UserCreate): Promise<{ id: string }>;
  /** ADMIN_EMAIL is set: the first admin comes from the environment, never from /setup. */
  bootstrapConfigured: boolean;
}

const alreadySetUp = () =>
  new AppError('already_set_up', 'This app has its first admin already. Sign in instead.');

/** /setup is offered only while nobody can sign in and the environment names no admin. */
export async function setupNeeded(
  deps: Pick<FirstAdminDeps, 'users' | 'bootstrapConfigured'>,
): Promise<boolean> {
  return !deps.bootstrapConfigured && !(await deps.users.any());
}

/**
 * Creates the first admin from /setup. Concurrent attempts race for one claim in the database (on
 * every instance alike): exactly one wins, the others get already_set_up.
 */
export async function createFirstAdmin(
  deps: FirstAdminDeps,
  input: { name: string; email: string; password: string },
): Promise<void> {
  if (!(await setupNeeded(deps))) throw alreadySetUp();
  const now = new Date();
  const claimed = await deps.settings.claim(CLAIM_KEY, now, new Date(now.getTime() - CLAIM_EXPIRES_MS));
  if (!claimed) throw alreadySetUp();
  try {
    if (await deps.users.any()) throw alreadySetUp();
    await deps.createAccount({ ...input, role: 'admin' });
  } catch (error) {
    await deps.settings.release(CLAIM_KEY);
    throw error;
  }
}

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD at start: creates that admin unless a user has the email already (an
 * existing user is never changed). Instances starting together may race; the loser finds the user.
 */
export async function ensureBootstrapAdmin(
  deps: Pick<FirstAdminDeps, 'users' | 'createAccount'>,
  admin: { email: string; password: string },
): Promise<'created' | 'exists'> {
  if (await deps.users.findByEmail(admin.email)) return 'exists';
  try {
    const name = admin.email.split('@')[0] || 'Admin';
    await deps.createAccount({ email: admin.email, password: admin.password, name, role: 'admin' });
    return 'created';
  } catch (error) {
    if (isUniqueViolation(error) || (await deps.users.findByEmail(admin.email))) return 'exists';
    throw error;
  }
}
