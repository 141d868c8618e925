import { z } from 'zod';

export const USER_ROLES = ['creator', 'reviewer', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const REVIEW_DECISIONS = ['approved', 'rejected', 'changes_requested'] as const;
/** A review decision as people read it: in the review panel, the history and the review queue. */
export const DECISION_WORDS: Record<(typeof REVIEW_DECISIONS)[number], string> = {
  approved: 'Approved',
  changes_requested: 'Changes requested',
  rejected: 'Rejected',
};
export const REVIEW_FILTERS = ['unreviewed', ...REVIEW_DECISIONS] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

export const PASSWORD_LENGTH = { min: 12, max: 128 } as const;
export const NAME_MAX_LENGTH = 100;
export const TOKEN_NAME_MAX_LENGTH = 100;
export const COMMENT_MAX_LENGTH = 5_000;
/** A day of video at most, per user: the largest limit an admin can set. */
export const MAX_DAILY_VIDEO_SECONDS = 86_400;

const email = z
  .string({ error: 'Email is required.' })
  .trim()
  .max(254, 'Email is at most 254 characters.')
  .pipe(z.email('Enter an email address, like name@example.com.'));

const name = z
  .string({ error: 'Name is required.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(NAME_MAX_LENGTH, `Name is at most ${NAME_MAX_LENGTH} characters.`);

const password = z
  .string({ error: 'Password is required.' })
  .min(PASSWORD_LENGTH.min, `Password must be at least ${PASSWORD_LENGTH.min} characters.`)
  .max(PASSWORD_LENGTH.max, `Password is at most ${PASSWORD_LENGTH.max} characters.`);

const role = z.enum(USER_ROLES, { error: 'Role must be creator, reviewer or admin.' });

const dailyLimit = z
  .number({ error: 'Daily limit must be a whole number of seconds, or null for no limit.' })
  .int('Daily limit must be a whole number of seconds.')
  .min(0, 'Daily limit cannot be negative.')
  .max(MAX_DAILY_VIDEO_SECONDS, `Daily limit is at most ${MAX_DAILY_VIDEO_SECONDS} seconds.`)
  .nullable();

export const signInBodySchema = z.strictObject({
  email,
  password: z.string().min(1, 'Enter your password.'),
});
export const setupBodySchema = z.strictObject({ name, email, password });
export const userCreateBodySchema = z.strictObject({ email, name, role, password });
export const userPatchBodySchema = z
  .strictObject({
    role: role.optional(),
    disabled: z.boolean().optional(),
    dailyVideoSecondsLimit: dailyLimit.optional(),
  })
  .refine(
    (patch) => Object.keys(patch).length > 0,
    'Send at least one of role, disabled, dailyVideoSecondsLimit.',
  );

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  disabled: z.boolean(),
  dailyVideoSecondsLimit: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});
export const usageSchema = z.object({ videoSecondsLast24h: z.number().int() });
export const userWithUsageSchema = userSchema.extend({ usage: usageSchema });
/** `GET /api/me`: the signed-in user, their use, and the app-wide limit they share. */
export const meSchema = userWithUsageSchema.extend({
  appDailyVideoSecondsLimit: z.number().int().nullable(),
});

export const tokenCreateBodySchema = z.strictObject({
  name: z
    .string({ error: 'Name is required.' })
    .trim()
    .min(1, 'Give the token a name, such as the script that uses it.')
    .max(TOKEN_NAME_MAX_LENGTH, `Name is at most ${TOKEN_NAME_MAX_LENGTH} characters.`),
});
export const apiTokenSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.iso.datetime() });
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });

export const personSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const reviewBodySchema = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS, { error: 'Decision must be approved, rejected or changes_requested.' }),
  comment: z
    .string()
    .max(COMMENT_MAX_LENGTH, `Comment is at most ${COMMENT_MAX_LENGTH.toLocaleString('en-US')} characters.`)
    .optional(),
});
export const reviewSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  comment: z.string().nullable(),
  reviewer: personSchema,
  createdAt: z.iso.datetime(),
});

export const commentBodySchema = z.strictObject({
  body: z
    .string({ error: 'Comment text is required.' })
    .max(COMMENT_MAX_LENGTH, `A comment is at most ${COMMENT_MAX_LENGTH.toLocaleString('en-US')} characters.`)
    .refine((text) => text.trim().length > 0, 'Write something before posting.'),
});
export const commentSchema = z.object({
  id: z.string(),
  author: personSchema,
  body: z.string(),
  createdAt: z.iso.datetime(),
});

export type User = z.infer<typeof userSchema>;
export type UserWithUsage = z.infer<typeof userWithUsageSchema>;
export type Me = z.infer<typeof meSchema>;
export type UserPatch = z.infer<typeof userPatchBodySchema>;
export type UserCreate = z.infer<typeof userCreateBodySchema>;
export type Person = z.infer<typeof personSchema>;
export type Review = z.infer<typeof reviewSchema>;
export type Comment = z.infer<typeof commentSchema>;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
