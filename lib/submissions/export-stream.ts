import 'server-only';
import type { ExportFormat } from '@/lib/contract/export';
import { logError } from '@/lib/logging/log';
import { CSV_HEADER, csvRow } from './export-csv';
import type { Submission } from './submission';

/** How each format opens, writes a batch and closes. */
const FORMATS: Record<
  ExportFormat,
  { open: string; batch: (items: Submission[], first: boolean) => string; close: string }
> = {
  csv: { open: CSV_HEADER, batch: (items) => items.map(csvRow).join(''), close: '' },
  json: {
    open: '[',
    batch: (items, first) =>
      `${first ? '\n' : ',\n'}${items.map((item) => JSON.stringify(item)).join(',\n')}`,
    close: '\n]\n',
  },
};

/**
 * The export's body, pulled batch by batch: the next batch is read from the database only when the
 * client has taken the last one (no read-ahead), so memory holds one batch whatever the total. The
 * first batch is read before this resolves, so a database that fails at once is an error answer,
 * not a cut download.
 */
export async function openExportStream(
  batches: AsyncIterable<Submission[]>,
  format: ExportFormat,
): Promise<ReadableStream<Uint8Array>> {
  const { open, batch, close } = FORMATS[format];
  const iterator = batches[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  // Read now; each later batch only when the client asks for more.
  let firstBatch: IteratorResult<Submission[]> | null = await iterator.next();

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const isFirst = firstBatch !== null;
          const result = firstBatch ?? (await iterator.next());
          firstBatch = null;
          const head = isFirst ? open : '';
          if (result.done) {
            controller.enqueue(encoder.encode(`${head}${close}`));
            controller.close();
          } else {
            controller.enqueue(encoder.encode(`${head}${batch(result.value, isFirst)}`));
          }
        } catch (error) {
          // Headers are sent: the client sees a cut download, the log says why.
          logError('export failed while streaming', error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
