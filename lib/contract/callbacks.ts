import { z } from 'zod';
import { DELIVERY_OUTCOMES } from './statuses';

export const deliveryOutcomeSchema = z.enum(DELIVERY_OUTCOMES);
export type DeliveryOutcome = z.infer<typeof deliveryOutcomeSchema>;

/**
 * What the upstream posts to `POST /api/callbacks/kling?token=`: Kling's native task `data` object,
 * unwrapped. Read leniently (gateways add fields); the task is named by `task_id` or
 * `task_info.external_task_id`.
 */
export const callbackBodySchema = z.looseObject({
  task_id: z.string().optional(),
  task_status: z.string().optional(),
  task_status_msg: z.string().optional(),
  task_info: z.looseObject({ external_task_id: z.string().optional() }).optional(),
  task_result: z
    .looseObject({
      videos: z.array(z.looseObject({ id: z.string(), url: z.string(), duration: z.unknown() })),
    })
    .optional(),
  created_at: z.number().optional(),
  updated_at: z.number().optional(),
});

/** The callback route's answer: 200 quickly, saying what the delivery did. */
export const callbackAnswerSchema = z.object({ ok: z.literal(true), outcome: deliveryOutcomeSchema });
export type CallbackAnswer = z.infer<typeof callbackAnswerSchema>;

/** One call the upstream made to the callback route, as a reviewer sees it. */
export const callbackDeliverySchema = z.object({
  id: z.string(),
  receivedAt: z.iso.datetime({ offset: true }),
  taskStatus: z.string().nullable(),
  /** applied, duplicate (nothing new), stale (older than what is stored), unknown_task, unreadable. */
  outcome: deliveryOutcomeSchema,
  /** The body as delivered, with secrets redacted. */
  body: z.unknown(),
});
export type CallbackDelivery = z.infer<typeof callbackDeliverySchema>;

export const callbackDeliveryListSchema = z.object({ items: z.array(callbackDeliverySchema) });

/** The secret the app put in the callback URL it gave the upstream (CALLBACK_TOKEN). */
export const callbackQuerySchema = z.object({
  token: z
    .string()
    .meta({ description: 'The callback token (CALLBACK_TOKEN, or the one the app generated).' }),
});
