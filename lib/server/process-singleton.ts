// Next evaluates a module more than once per process (instrumentation, each route): keeping
// singletons in one map on globalThis gives one of each per process.
const holder = globalThis as typeof globalThis & { __omniSingletons?: Map<string, Promise<unknown>> };

/**
 * The value `make` gives for `key`, made once per process. A failure is not kept (a database that
 * was down at the first request), so the next call tries again.
 */
export function processSingleton<T>(key: string, make: () => Promise<T>): Promise<T> {
  holder.__omniSingletons ??= new Map();
  const singletons = holder.__omniSingletons;
  let value = singletons.get(key) as Promise<T> | undefined;
  if (!value) {
    value = make();
    value.catch(() => singletons.delete(key));
    singletons.set(key, value);
  }
  return value;
}
