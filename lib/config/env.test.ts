import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

function configError(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

describe('parseEnv', () => {
  it('runs in demo mode with the embedded database when nothing is set', () => {
    expect(parseEnv({})).toStrictEqual({
      upstream: null,
      upstreamTimeoutMs: 30_000,
      pollIntervalMs: 5_000,
      databaseUrl: null,
      dataDir: './data',
      publicUrl: null,
      callbackToken: null,
      rateLimit: { perMinute: 60, loopback: false },
      allowedHosts: [],
      trustedProxies: [],
      bootstrapAdmin: null,
      dailyVideoSecondsLimit: null,
      signInAttemptsPerMinute: 10,
      authSecret: null,
      models: ['kling-v1'],
    });
  });

  it('reads the first admin, the spend guard and the sign-in limit', () => {
    const env = parseEnv({
      ADMIN_EMAIL: 'ops@example.com',
      ADMIN_PASSWORD: 'a long admin password',
      DAILY_VIDEO_SECONDS_LIMIT: '600',
      SIGN_IN_ATTEMPTS_PER_MINUTE: '0',
    });
    expect(env.bootstrapAdmin).toEqual({ email: 'ops@example.com', password: 'a long admin password' });
    expect(env.dailyVideoSecondsLimit).toBe(600);
    expect(env.signInAttemptsPerMinute).toBe(0);
  });

  it('refuses an admin email without a password, a short admin password and a limit that is not seconds', () => {
    expect(() => parseEnv({ ADMIN_EMAIL: 'ops@example.com' })).toThrow(/ADMIN_PASSWORD is required/);
    expect(() => parseEnv({ ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD must be at least 12 characters/,
    );
    expect(() => parseEnv({ DAILY_VIDEO_SECONDS_LIMIT: 'lots' })).toThrow(/DAILY_VIDEO_SECONDS_LIMIT/);
  });

  it('reads KLING_MODELS as a comma-separated list, in order, without blanks or repeats', () => {
    expect(parseEnv({ KLING_MODELS: ' kling-v2-1, kling-v1,,kling-v2-1 ' }).models).toEqual([
      'kling-v2-1',
      'kling-v1',
    ]);
    expect(parseEnv({ KLING_MODELS: ' , ' }).models).toEqual(['kling-v1']);
    expect(configError({ KLING_MODELS: `kling-v1,${'m'.repeat(65)}` })).toMatch(
      /KLING_MODELS\.1 must list model names of at most 64 characters/,
    );
  });

  it('reads ALLOWED_HOSTS and TRUSTED_PROXIES as comma-separated lists', () => {
    const env = parseEnv({
      ALLOWED_HOSTS: 'Studio.Example.com, 10.0.0.5,[2001:db8::1],',
      TRUSTED_PROXIES: '10.0.0.5, 172.16.0.0/12,fd00::/8',
    });
    expect(env.allowedHosts).toEqual(['studio.example.com', '10.0.0.5', '[2001:db8::1]']);
    expect(env.trustedProxies).toEqual(['10.0.0.5', '172.16.0.0/12', 'fd00::/8']);
  });

  it.each([
    ['ALLOWED_HOSTS', 'https://studio.example.com'],
    ['ALLOWED_HOSTS', 'studio.example.com:8443'],
    ['TRUSTED_PROXIES', 'proxy.internal'],
    ['TRUSTED_PROXIES', '10.0.0.0/33'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(configError({ [name]: value })).toContain(name);
  });

  it('treats empty variables as unset, as `VAR= next start` means', () => {
    const empty = {
      KLING_API_BASE_URL: '',
      KLING_API_KEY: '',
      KLING_API_TIMEOUT_MS: '',
      KLING_POLL_INTERVAL_MS: '',
      DATABASE_URL: '',
      APP_PUBLIC_URL: '',
      CALLBACK_TOKEN: '',
      DATA_DIR: '',
      RATE_LIMIT_PER_MINUTE: '',
      RATE_LIMIT_LOOPBACK: '',
    };
    expect(parseEnv(empty)).toStrictEqual(parseEnv({}));
  });

  it('uses the upstream when both the base URL and the key are set', () => {
    const env = parseEnv({
      KLING_API_BASE_URL: 'https://api.example.com/',
      KLING_API_KEY: 'sk-live',
      KLING_API_TIMEOUT_MS: '5000',
    });
    expect(env.upstream).toStrictEqual({ baseUrl: 'https://api.example.com', apiKey: 'sk-live' });
    expect(env.upstreamTimeoutMs).toBe(5000);
  });

  it('refuses a base URL without a key, naming KLING_API_KEY', () => {
    const message = configError({ KLING_API_BASE_URL: 'https://api.example.com' });
    expect(message).toContain('KLING_API_KEY is required when KLING_API_BASE_URL is set');
    expect(configError({ KLING_API_BASE_URL: 'https://api.example.com', KLING_API_KEY: '' })).toContain(
      'KLING_API_KEY',
    );
  });

  it('ignores a key without a base URL (demo mode)', () => {
    expect(parseEnv({ KLING_API_KEY: 'sk-live' }).upstream).toBeNull();
  });

  it.each([
    ['KLING_API_BASE_URL', 'ftp://api.example.com'],
    ['KLING_API_BASE_URL', 'api.example.com'],
    ['KLING_API_TIMEOUT_MS', 'soon'],
    ['KLING_API_TIMEOUT_MS', '0'],
    ['KLING_API_TIMEOUT_MS', '1.5'],
    ['KLING_POLL_INTERVAL_MS', '-1'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['APP_PUBLIC_URL', 'localhost:3000'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(configError({ KLING_API_KEY: 'k', [name]: value })).toContain(name);
  });

  it('never puts the key in an error message', () => {
    const message = configError({ KLING_API_BASE_URL: 'nope', KLING_API_KEY: 'sk-secret-value' });
    expect(message).not.toContain('sk-secret-value');
  });

  it('accepts postgres:// and postgresql:// URLs', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db:5432/omni' }).databaseUrl).toBe(
      'postgres://u:p@db:5432/omni',
    );
    expect(parseEnv({ DATABASE_URL: 'postgresql://db/omni' }).databaseUrl).toBe('postgresql://db/omni');
  });

  it('keeps only the origin of APP_PUBLIC_URL', () => {
    expect(parseEnv({ APP_PUBLIC_URL: 'https://studio.example.com/some/path' }).publicUrl).toBe(
      'https://studio.example.com',
    );
  });

  it('reads the submission rate limit: 0 turns it off, loopback clients count on request', () => {
    expect(parseEnv({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimit).toEqual({ perMinute: 0, loopback: false });
    expect(parseEnv({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_LOOPBACK: 'true' }).rateLimit).toEqual({
      perMinute: 5,
      loopback: true,
    });
    expect(configError({ RATE_LIMIT_PER_MINUTE: 'lots' })).toMatch(/RATE_LIMIT_PER_MINUTE/);
    expect(configError({ RATE_LIMIT_LOOPBACK: 'yes' })).toMatch(/RATE_LIMIT_LOOPBACK must be true or false/);
  });
});
