import 'server-only';
import { getEnv } from '@/lib/config/env';
import { isDatabaseOpen } from '@/lib/db/client';
import { getSubmissionService } from '@/lib/server/app-services';
import { MODEL_SUGGESTIONS_ID } from './model-suggestions-id';

/** How long the page's stream waits for the models used lately; suggestions never hold a page open. */
const RECENT_MODELS_WAIT_MS = 2_000;

/** The Model field's suggestions: no script, just the options of a `datalist` the field names. */
export function ModelSuggestions({ models }: { models: string[] }) {
  return (
    <datalist id={MODEL_SUGGESTIONS_ID}>
      {models.map((model) => (
        <option key={model} value={model} />
      ))}
    </datalist>
  );
}

/**
 * The models used lately in this app, or none while the database is still opening (the first pages
 * after a start), slow or out of reach: a suggestion never holds a page open.
 */
async function recentModels(): Promise<string[]> {
  if (!isDatabaseOpen()) return [];
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), RECENT_MODELS_WAIT_MS);
  });
  const read = getSubmissionService()
    .then((service) => service.recentModels())
    .catch(() => []);
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** KLING_MODELS first, then the models used lately in this app. */
export async function ConfiguredAndRecentModels() {
  const configured = getEnv().models;
  return <ModelSuggestions models={[...new Set([...configured, ...(await recentModels())])]} />;
}
