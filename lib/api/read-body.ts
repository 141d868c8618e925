import 'server-only';
import type { z } from 'zod';
import { validate } from '@/lib/contract/validation-issues';
import { readJsonObject } from './read-json-body';
import { validOrThrow } from './valid-input';

/** A JSON body checked against its schema: 400 when not JSON, 422 naming each field that is off. */
export async function readBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  message: string,
): Promise<z.output<S>> {
  return validOrThrow(validate(schema, await readJsonObject(request)), message);
}
