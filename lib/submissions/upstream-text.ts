import type { TaskSnapshot } from '@/lib/kling/task-snapshot';
import { redactSecrets } from '@/lib/security/secrets';
import type { SubmissionError } from './submission';

/** U+0000 (PostgreSQL text refuses it, jsonb refuses \u0000) and lone surrogates (not Unicode at all). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be found.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text from the upstream as it may be stored and shown: what the database cannot hold becomes U+FFFD,
 * and the app's secrets (which an upstream may echo) are masked.
 */
export function storableText(text: string): string {
  return redactSecrets(text.replace(UNSTORABLE, '\uFFFD'));
}

/** A JSON value from the upstream (a reply, a callback body) with every key and string made storable. */
export function storableJson<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [storableText(key), storableJson(item)]),
    ) as T;
  }
  return value;
}

export const storableError = (error: SubmissionError): SubmissionError => ({
  ...error,
  message: storableText(error.message),
});

/** A status reply's texts made storable before they are compared with, and written over, the stored ones. */
export function storableSnapshot(snapshot: TaskSnapshot): TaskSnapshot {
  return {
    ...snapshot,
    statusMessage: snapshot.statusMessage === null ? null : storableText(snapshot.statusMessage),
    video: snapshot.video && { ...snapshot.video, url: storableText(snapshot.video.url) },
  };
}
