import 'server-only';
import { getEnv } from '@/lib/config/env';
import { getSubmissionService } from '@/lib/server/app-services';
import { MODEL_SUGGESTIONS_ID } from './model-suggestions-id';

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

/** KLING_MODELS first, then the models used lately in this app; only KLING_MODELS while the database is out of reach. */
export async function ConfiguredAndRecentModels() {
  const configured = getEnv().models;
  const recent = await (await getSubmissionService()).recentModels().catch(() => []);
  return <ModelSuggestions models={[...new Set([...configured, ...recent])]} />;
}
