import { USER_ROLES, type UserRole } from '@/lib/contract/accounts';

export { USER_ROLES, type UserRole };

/** Who may call a route: anyone, or a signed-in user of at least this role. */
export type Access = 'public' | UserRole;

/** Each role can do everything the one before it can. */
const RANK: Record<UserRole, number> = { creator: 1, reviewer: 2, admin: 3 };

/** The signed-in person a request acts for, by session cookie or API token. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  dailyVideoSecondsLimit: number | null;
  via: 'session' | 'token';
}

export function hasRole(actor: Pick<Actor, 'role'>, required: UserRole): boolean {
  return RANK[actor.role] >= RANK[required];
}

/** Reviewers and admins see every submission; a creator sees their own. */
export function seesEverySubmission(actor: Pick<Actor, 'role'>): boolean {
  return hasRole(actor, 'reviewer');
}

export function canSeeSubmission(actor: Pick<Actor, 'id' | 'role'>, createdBy: string | null): boolean {
  return seesEverySubmission(actor) || (createdBy !== null && createdBy === actor.id);
}
