import { z } from 'zod';
import {
  apiTokenSchema,
  commentBodySchema,
  commentSchema,
  createdApiTokenSchema,
  meSchema,
  reviewBodySchema,
  reviewSchema,
  setupBodySchema,
  signInBodySchema,
  tokenCreateBodySchema,
  userCreateBodySchema,
  userPatchBodySchema,
  userSchema,
  userWithUsageSchema,
} from './accounts';
import { type ApiRoute, BODY_ERRORS } from './route-kinds';
import { submissionPathSchema, submissionSchema } from './submission';

const itemsOf = (schema: z.ZodType) => z.object({ items: z.array(schema) });

export const userListSchema = itemsOf(userWithUsageSchema);
export const apiTokenListSchema = itemsOf(apiTokenSchema);
export const reviewListSchema = itemsOf(reviewSchema);
export const commentListSchema = itemsOf(commentSchema);
export const signedInSchema = z.object({ user: userSchema });
export const signedOutSchema = z.object({ success: z.literal(true) });

const idPath = (what: string) => z.object({ id: z.string().meta({ description: `The ${what}’s \`id\`.` }) });

/** Signing in and out, the first admin, the signed-in user, API tokens and users (admins). */
export const ACCOUNT_ROUTES = {
  signIn: {
    method: 'POST',
    path: '/api/auth/sign-in/email',
    access: 'public',
    sameOrigin: true,
    summary: 'Sign in with email and password',
    description:
      'Sets an HttpOnly, SameSite=Lax session cookie (Secure on https) and answers the user. A wrong password and an unknown email get the same `invalid_credentials`. At most SIGN_IN_ATTEMPTS_PER_MINUTE attempts (default 10) a minute per client address, loopback included.',
    body: signInBodySchema,
    answer: { status: 200, description: 'Signed in; the session cookie is set.', schema: signedInSchema },
    errors: [...BODY_ERRORS, 'forbidden_origin', 'invalid_credentials', 'account_disabled', 'rate_limited'],
  },
  signOut: {
    method: 'POST',
    path: '/api/auth/sign-out',
    access: 'public',
    sameOrigin: true,
    summary: 'Sign out',
    description:
      'Ends the session of the cookie sent, on every instance from the next request on, and clears the cookie. Answers the same when no one was signed in.',
    answer: { status: 200, description: 'Signed out.', schema: signedOutSchema },
    errors: ['forbidden_origin'],
  },
  setUp: {
    method: 'POST',
    path: '/api/setup',
    access: 'public',
    sameOrigin: true,
    summary: 'Create the first admin',
    description:
      'Only while no user exists and ADMIN_EMAIL is unset: creates the first admin and signs them in. Exactly one of concurrent attempts wins; afterwards 409 `already_set_up`.',
    body: setupBodySchema,
    answer: {
      status: 201,
      description: 'The admin, signed in (session cookie set).',
      schema: signedInSchema,
    },
    errors: [...BODY_ERRORS, 'forbidden_origin', 'already_set_up', 'rate_limited'],
  },
  getMe: {
    method: 'GET',
    path: '/api/me',
    access: 'creator',
    summary: 'The signed-in user',
    description:
      'The user, their video seconds used in the last 24 hours (submissions not failed), their own daily limit and the app-wide one.',
    answer: { status: 200, description: 'The signed-in user.', schema: meSchema },
    errors: [],
  },
  listTokens: {
    method: 'GET',
    path: '/api/tokens',
    access: 'creator',
    summary: 'List your API tokens',
    description: 'Your own tokens, oldest first, without their secrets.',
    answer: { status: 200, description: 'Your tokens.', schema: apiTokenListSchema },
    errors: [],
  },
  createToken: {
    method: 'POST',
    path: '/api/tokens',
    access: 'creator',
    sameOrigin: true,
    summary: 'Create an API token',
    description:
      'A token for scripts: send it as `Authorization: Bearer <token>` to act as yourself on every /api route. The secret is in this answer only.',
    body: tokenCreateBodySchema,
    answer: {
      status: 201,
      description: 'The token, with its secret shown this once.',
      schema: createdApiTokenSchema,
    },
    errors: [...BODY_ERRORS, 'forbidden_origin'],
  },
  revokeToken: {
    method: 'DELETE',
    path: '/api/tokens/{id}',
    access: 'creator',
    sameOrigin: true,
    summary: 'Revoke an API token',
    description: 'The token stops working on every instance from the next request on.',
    params: idPath('token'),
    answer: { status: 204, description: 'Revoked.' },
    errors: ['not_found', 'forbidden_origin'],
  },
  listUsers: {
    method: 'GET',
    path: '/api/users',
    access: 'admin',
    summary: 'List users',
    description: 'Every user, oldest first, with their video seconds used in the last 24 hours.',
    answer: { status: 200, description: 'The users.', schema: userListSchema },
    errors: [],
  },
  createUser: {
    method: 'POST',
    path: '/api/users',
    access: 'admin',
    sameOrigin: true,
    summary: 'Create (invite) a user',
    description: 'A user with a role and a starting password (at least 12 characters) to hand over.',
    body: userCreateBodySchema,
    answer: { status: 201, description: 'The new user.', schema: userSchema },
    errors: [...BODY_ERRORS, 'forbidden_origin', 'email_taken'],
  },
  updateUser: {
    method: 'PATCH',
    path: '/api/users/{id}',
    access: 'admin',
    sameOrigin: true,
    summary: 'Change a user’s role, disabled state or daily limit',
    description:
      'Disabling ends the user’s sessions and API tokens on every instance from the next request on. The last enabled admin cannot be demoted or disabled (409 `last_admin`).',
    params: idPath('user'),
    body: userPatchBodySchema,
    answer: { status: 200, description: 'The user as changed.', schema: userSchema },
    errors: [...BODY_ERRORS, 'not_found', 'forbidden_origin', 'last_admin'],
  },
} as const satisfies Record<string, ApiRoute>;

/** Review decisions and comments on one submission; 404 for a submission the caller may not see. */
export const REVIEW_ROUTES = {
  reviewSubmission: {
    method: 'POST',
    path: '/api/submissions/{id}/review',
    access: 'creator',
    sameOrigin: true,
    summary: 'Approve, reject or request changes',
    description:
      'Reviewers and admins only (403 `forbidden` for creators), never on their own submission (403 `own_submission`), only once the task has succeeded or failed (409 `not_finished`). A decision can be changed by another one.',
    params: submissionPathSchema,
    body: reviewBodySchema,
    answer: { status: 200, description: 'The submission with its new review.', schema: submissionSchema },
    errors: [...BODY_ERRORS, 'not_found', 'forbidden', 'own_submission', 'not_finished', 'forbidden_origin'],
  },
  listReviews: {
    method: 'GET',
    path: '/api/submissions/{id}/reviews',
    access: 'creator',
    summary: 'Every review decision on a submission',
    description: 'Newest first: who decided what, when, and why.',
    params: submissionPathSchema,
    answer: { status: 200, description: 'The decisions.', schema: reviewListSchema },
    errors: ['not_found'],
  },
  listComments: {
    method: 'GET',
    path: '/api/submissions/{id}/comments',
    access: 'creator',
    summary: 'The comments on a submission',
    description: 'Oldest first, as plain text.',
    params: submissionPathSchema,
    answer: { status: 200, description: 'The comments.', schema: commentListSchema },
    errors: ['not_found'],
  },
  addComment: {
    method: 'POST',
    path: '/api/submissions/{id}/comments',
    access: 'creator',
    sameOrigin: true,
    summary: 'Comment on a submission',
    description: 'Anyone who can see the submission can comment: 1 to 5,000 characters, not blank.',
    params: submissionPathSchema,
    body: commentBodySchema,
    answer: { status: 201, description: 'The comment.', schema: commentSchema },
    errors: [...BODY_ERRORS, 'not_found', 'forbidden_origin'],
  },
} as const satisfies Record<string, ApiRoute>;
