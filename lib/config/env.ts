import 'server-only';
import { isIP } from 'node:net';
import { z } from 'zod';
import { LIMITS } from '@/lib/contract/request-limits';

/** The model the composer suggests and prefills when KLING_MODELS is unset. */
const DEFAULT_MODEL = 'kling-v1';

/** Empty variables count as unset, as a shell user expects from `VAR= next start`. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const positiveInt = (fallback: number) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? fallback : Number(value)),
    z.number().int().positive(),
  );

/** A comma-separated list; blanks between commas are ignored. */
const list = (item: z.ZodString) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((entry) => entry.trim())
            .filter(Boolean)
        : [],
    z.array(item),
  );

/** A host name or IP address as it appears in a Host header, without the port: `studio.example.com`, `[2001:db8::1]`. */
const HOST_NAME =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])$/i;

/** An IPv4 or IPv6 address, optionally with a /prefix: `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`. */
function isAddressOrRange(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

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
    ALLOWED_HOSTS: list(
      z.string().regex(HOST_NAME, 'must list host names, like studio.example.com,10.0.0.5'),
    ),
    TRUSTED_PROXIES: list(
      z.string().refine(isAddressOrRange, 'must list IP addresses or CIDR ranges, like 10.0.0.5,fd00::/8'),
    ),
    KLING_MODELS: list(
      z.string().max(LIMITS.modelMax, `must list model names of at most ${LIMITS.modelMax} characters`),
    ),
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
  /** Host names the app answers to besides the APP_PUBLIC_URL host and loopback names, lower case. */
  allowedHosts: string[];
  /** Addresses and CIDR ranges of reverse proxies whose X-Forwarded-* headers are believed. */
  trustedProxies: string[];
  /** Model names the composer suggests, the first one prefilled; never empty. */
  models: string[];
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
    allowedHosts: env.ALLOWED_HOSTS.map((host) => host.toLowerCase().replace(/\.$/, '')),
    trustedProxies: env.TRUSTED_PROXIES,
    models: env.KLING_MODELS.length > 0 ? [...new Set(env.KLING_MODELS)] : [DEFAULT_MODEL],
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
