import 'server-only';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { callbackDeliveries } from '@/lib/db/schema';
import type { DeliveryOutcome } from './submission';
import { storableJson, storableText } from './upstream-text';

export interface NewDelivery {
  id: string;
  submissionId: string | null;
  receivedAt: Date;
  taskStatus: string | null;
  outcome: DeliveryOutcome;
  body: Record<string, unknown>;
}

/** The log of callbacks the upstream made, kept as they came (made storable: no NUL, no secret). */
export function createCallbackDeliveryStore(db: Db) {
  return {
    async insert(delivery: NewDelivery): Promise<void> {
      await db.insert(callbackDeliveries).values({
        ...delivery,
        taskStatus: delivery.taskStatus === null ? null : storableText(delivery.taskStatus),
        body: storableJson(delivery.body),
      });
    },

    listFor(submissionId: string, limit = 50) {
      return db
        .select()
        .from(callbackDeliveries)
        .where(eq(callbackDeliveries.submissionId, submissionId))
        .orderBy(desc(callbackDeliveries.receivedAt))
        .limit(limit);
    },
  };
}

export type CallbackDeliveryStore = ReturnType<typeof createCallbackDeliveryStore>;
