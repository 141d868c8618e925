// Realistic history rows made by SQL (generate_series), in the app's real schema: prompts of
// 50-300 characters from varied fragments, a spread of statuses, 18-digit task IDs. Row g is
// g × 37 s old, so rows 1..1,000 are the newest whatever the table size, and runs compare alike.

const SUBJECTS = [
  'lighthouse keeper',
  'red fox',
  'paper boat',
  'city tram',
  'snow leopard',
  'street dancer',
  'old violinist',
  'hot air balloon',
  'koi pond',
  'desert caravan',
  'robot gardener',
  'fishing village',
  'neon arcade',
  'mountain goat',
  'glass greenhouse',
  'vintage car',
  'whale breaching',
  'bonsai tree',
  'night market',
  'ballerina',
];
const ACTIONS = [
  'walks slowly through',
  'spins gently in',
  'drifts across',
  'races past',
  'rests quietly beside',
  'emerges from',
  'circles above',
  'glides over',
  'wanders into',
  'dances around',
  'waits patiently in',
  'climbs toward',
  'leaps across',
  'turns to face',
  'rolls through',
  'floats above',
  'hurries along',
  'pauses at',
  'shelters under',
  'disappears into',
];
const SETTINGS = [
  'a foggy harbour at dawn',
  'a rain-soaked alley at night',
  'a sunflower field in summer',
  'a frozen lake under stars',
  'a crowded train station',
  'an abandoned factory',
  'a coral reef',
  'a misty bamboo forest',
  'a rooftop garden',
  'a candlelit library',
  'a windswept cliff',
  'a quiet suburban street',
  'a glowing cave',
  'a busy kitchen',
  'a marble courtyard',
  'an autumn vineyard',
  'a lantern festival',
  'a snowy mountain pass',
  'a sandy beach',
  'a neon-lit tunnel',
];
const STYLES = [
  'cinematic lighting',
  'soft pastel colours',
  'film grain',
  'anamorphic lens flare',
  'high contrast',
  'watercolour look',
  'golden hour glow',
  'moody blue tones',
  'documentary style',
  'dreamy bokeh',
  'hyper-realistic detail',
  'stop-motion feel',
  'vivid saturated colours',
  'black and white',
  'warm tungsten light',
  'low-key lighting',
  'overcast diffuse light',
  'retro VHS texture',
  'crisp 4K detail',
  'painterly strokes',
];
const EXTRAS = [
  'slow dolly in',
  'handheld camera',
  'aerial drone shot',
  'smooth tracking shot',
  'shallow depth of field',
  'steady wide shot',
  'gentle zoom out',
  'over-the-shoulder view',
  'low angle',
  'time-lapse clouds',
  'light rain falling',
  'dust in the air',
  'soft wind in the trees',
  'reflections on wet ground',
  'birds in the distance',
  'sparks drifting upward',
  'steam rising',
  'long shadows',
  'subtle camera shake',
  'calm ambient mood',
];

/** The word the search timings look for: in 1 of 20 prompts (5%). */
export const SEARCH_WORD = 'lighthouse';

/** Two words each in 5-10% of prompts, found together in 0.26%: common alone, rare as a pair. */
export const SEARCH_WORDS = 'lighthouse night';

/** A word only in old rows: 1 in 40 of the rows older than the newest 60,000 (1% of 100k, none of 1k). */
export const OLD_WORD = 'harbourfest';

/** A word in a handful of prompts spread over the whole history: 1 of 4,000 (1 row of 1k, 25 of 100k). */
export const RARE_WORD = 'zeppelin';

/** The task ID of row 777 (among the newest 1,000 at both sizes): a search that matches one row. */
export const RARE_TASK_ID = String(800000000000000000n + 777n * 7919n);

const sqlArray = (words) => `ARRAY[${words.map((w) => `'${w.replaceAll("'", "''")}'`).join(', ')}]`;

/** Inserts rows first..last (inclusive) into `submissions`; nothing is due for the status follower. */
export function seedSql(first, last) {
  return `
INSERT INTO submissions (id, status, task_id, external_task_id, model, prompt, request, response, error,
  status_message, video, created_at, updated_at, next_poll_at, poll_attempts)
SELECT
  md5('bench-id-' || g)::uuid::text,
  st,
  CASE WHEN st = 'failed' AND g % 2 = 0 THEN NULL ELSE (800000000000000000 + g * 7919)::text END,
  'ovs-' || md5('bench-ext-' || g)::uuid::text,
  'kling-v1',
  p,
  json_build_object('model', 'kling-v1', 'prompt', p, 'mode', CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'std' END,
    'duration', CASE WHEN g % 4 = 0 THEN '10' ELSE '5' END, 'aspect_ratio', '16:9',
    'external_task_id', 'ovs-' || md5('bench-ext-' || g)::uuid::text),
  CASE WHEN st = 'failed' AND g % 2 = 0 THEN NULL ELSE json_build_object('id', (800000000000000000 + g * 7919)::text,
    'task_id', (800000000000000000 + g * 7919)::text, 'object', 'video', 'model', 'kling-v1',
    'created_at', extract(epoch FROM at)::bigint) END,
  CASE WHEN st = 'failed' THEN jsonb_build_object('code', 'upstream_rejected',
    'message', 'The video service refused the request: prompt violates content policy.', 'upstreamStatus', 422) END,
  CASE WHEN st = 'failed' THEN 'The video service refused the request: prompt violates content policy.' END,
  CASE WHEN st = 'succeeded' THEN jsonb_build_object('url', 'https://cdn.example.com/videos/' || g || '.mp4',
    'duration', '5') END,
  at,
  at + interval '40 seconds',
  NULL,
  CASE WHEN st IN ('submitted', 'processing') THEN 3 ELSE 6 END
FROM (
  SELECT g, at,
    (ARRAY['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded',
      'failed', 'submitted', 'processing'])[1 + (g * 7) % 10] AS st,
    CASE WHEN g > 60000 AND g % 40 = 7 THEN 'Harbourfest: ' ELSE '' END
      || CASE WHEN g % 4000 = 321 THEN 'Zeppelin over ' ELSE '' END || left('A ' || (${sqlArray(SUBJECTS)})[1 + g % 20]
      || ' ' || (${sqlArray(ACTIONS)})[1 + (g / 20) % 20]
      || ' ' || (${sqlArray(SETTINGS)})[1 + (g * 7 + g / 400) % 20]
      || ', ' || (${sqlArray(STYLES)})[1 + (g * 13) % 20]
      || coalesce((SELECT ', ' || string_agg((${sqlArray(EXTRAS)})[1 + (g * 31 + k * 17) % 20], ', ')
           FROM generate_series(1, g % 11) k), '')
      || '.', 300) AS p
  FROM (SELECT g, now() - g * interval '37 seconds' AS at FROM generate_series(${Number(first)}, ${Number(last)}) g) t
) s`;
}
