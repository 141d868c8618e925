import 'server-only';
import { z } from 'zod';

/** Empty variables count as unset, as a shell user expects from `VAR= next start`. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const positiveInt = (fallback: number) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? fallback : Number(value)),
    z.number().int().positive(),
  );

const envSchema = z
  .object({
    KLING_API_BASE_URL: optional(z.url({ protocol: /^https?$/ })),
    KLING_API_KEY: optional(z.string()),
    KLING_API_TIMEOUT_MS: positiveInt(30_000),
    KLING_POLL_INTERVAL_MS: positiveInt(5_000),
    DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://')),
    APP_PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
    CALLBACK_TOKEN: optional(z.string()),
    DATA_DIR: optional(z.string()),
    RATE_LIMIT_PER_MINUTE: z.preprocess(
      (value) => (value === '' || value === undefined ? 60 : Number(value)),
      z.number().int().min(0, 'must be 0 (off) or more'),
    ),
    RATE_LIMIT_LOOPBACK: optional(z.enum(['true', 'false'], 'must be true or false')),
    ADMIN_EMAIL: optional(z.email('must be an email address')),
    ADMIN_PASSWORD: optional(z.string().min(12, 'must be at least 12 characters')),
    DAILY_VIDEO_SECONDS_LIMIT: optional(
      z.preprocess(Number, z.number().int().positive('must be a whole number of seconds above 0')),
    ),
    SIGN_IN_ATTEMPTS_PER_MINUTE: z.preprocess(
      (value) => (value === '' || value === undefined ? 10 : Number(value)),
      z.number().int().min(0, 'must be 0 (off) or more'),
    ),
    BETTER_AUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  })
  .superRefine((env, ctx) => {
    if (env.KLING_API_BASE_URL && !env.KLING_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['KLING_API_KEY'],
        message:
          'is required when KLING_API_BASE_URL is set. Set KLING_API_KEY to your upstream key, or unset KLING_API_BASE_URL to run in demo mode.',
      });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
        message: 'is required with the other: set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither.',
      });
    }
  });

export interface AppEnv {
  /** Unset means demo mode: the built-in simulator answers. */
  upstream: { baseUrl: string; apiKey: string } | null;
  upstreamTimeoutMs: number;
  pollIntervalMs: number;
  databaseUrl: string | null;
  dataDir: string;
  publicUrl: string | null;
  callbackToken: string | null;
  /** Submissions one client may make a minute (0: no limit); loopback clients count only when `loopback`. */
  rateLimit: { perMinute: number; loopback: boolean };
  /** The first admin, created at start when no user has this email; null: the first visit shows /setup. */
  bootstrapAdmin: { email: string; password: string } | null;
  /** Seconds of video all users together may request in 24 h; null: no app-wide limit. */
  dailyVideoSecondsLimit: number | null;
  /** Sign-in attempts one client address may make a minute (0: no limit). */
  signInAttemptsPerMinute: number;
  /** Signs session cookies; null: generated once and kept in the database. */
  authSecret: string | null;
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')} ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = result.data;
  return {
    upstream:
      env.KLING_API_BASE_URL && env.KLING_API_KEY
        ? { baseUrl: env.KLING_API_BASE_URL.replace(/\/+$/, ''), apiKey: env.KLING_API_KEY }
        : null,
    upstreamTimeoutMs: env.KLING_API_TIMEOUT_MS,
    pollIntervalMs: env.KLING_POLL_INTERVAL_MS,
    databaseUrl: env.DATABASE_URL ?? null,
    dataDir: env.DATA_DIR ?? './data',
    publicUrl: env.APP_PUBLIC_URL ? new URL(env.APP_PUBLIC_URL).origin : null,
    callbackToken: env.CALLBACK_TOKEN ?? null,
    rateLimit: { perMinute: env.RATE_LIMIT_PER_MINUTE, loopback: env.RATE_LIMIT_LOOPBACK === 'true' },
    bootstrapAdmin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : null,
    dailyVideoSecondsLimit: env.DAILY_VIDEO_SECONDS_LIMIT ?? null,
    signInAttemptsPerMinute: env.SIGN_IN_ATTEMPTS_PER_MINUTE,
    authSecret: env.BETTER_AUTH_SECRET ?? null,
  };
}

const cache = globalThis as typeof globalThis & { __omniEnv?: AppEnv };

/** The configuration, parsed once from the process environment. Throws EnvError with every problem named. */
export function getEnv(): AppEnv {
  cache.__omniEnv ??= parseEnv(process.env);
  return cache.__omniEnv;
}

export function isDemoMode(): boolean {
  return getEnv().upstream === null;
}
