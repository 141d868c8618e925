import type { Me } from '@/lib/contract/accounts';

/**
 * "25 of 60 video seconds used in the last 24 hours": the creator's own limit, and the app-wide one if
 * any; shown beside Submit, under what the request will cost.
 */
export function SpendUsage({ me }: { me: Me }) {
  const used = me.usage.videoSecondsLast24h;
  const limit = me.dailyVideoSecondsLimit;
  return (
    <span id="spend-usage">
      {limit === null
        ? `${used} video seconds used in the last 24 hours (no personal daily limit).`
        : `${used} of ${limit} video seconds used in the last 24 hours.`}
      {me.appDailyVideoSecondsLimit !== null &&
        ` The whole studio may request ${me.appDailyVideoSecondsLimit} seconds a day.`}
    </span>
  );
}
