import { z } from 'zod';

/** `GET /api/health` when the database answers; anything else is a 503 in the error envelope. */
export const healthSchema = z.object({ status: z.literal('ok') });
export type Health = z.infer<typeof healthSchema>;
