import { LIMITS } from '@/lib/contract/request-limits';
import { AppError } from '@/lib/errors/app-error';
import { findDuplicateKey } from './duplicate-keys';

function tooLarge(): AppError {
  return new AppError(
    'payload_too_large',
    `The request body is larger than ${LIMITS.bodyBytes / 1024} KiB. Shorten the prompt or send fewer items.`,
  );
}

/**
 * Reads a JSON object body of at most 64 KiB. Stops reading as soon as the limit is passed,
 * whatever Content-Length claims.
 */
export async function readJsonObject(
  request: Request,
  maxBytes: number = LIMITS.bodyBytes,
): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }

  let text: string;
  let parsed: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON. Send a JSON object.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppError(
      'invalid_json',
      'The request body must be a JSON object, like {"model":"kling-v1","prompt":"..."}.',
    );
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== null) {
    throw new AppError(
      'invalid_json',
      `The request body has the key ${JSON.stringify(duplicate)} twice in one object. Send each field once.`,
    );
  }
  return parsed as Record<string, unknown>;
}
