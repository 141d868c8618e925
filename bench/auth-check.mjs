// What the session check adds to an API request: the history list asked for with a session cookie and
// with an API token, one at a time, each answer's `Server-Timing: auth;dur=<ms>` collected. That
// duration is the only step the signed-in list runs that the same list without accounts would not:
// it is timed around the check inside the route wrapper (lib/api/api-route.ts).
import { authDuration, signInWithToken } from './support/accounts.mjs';
import { keepAliveAgent, send } from './support/http-load.mjs';
import { startNext } from './support/processes.mjs';
import { formatValue } from './support/report.mjs';
import { typicalRequest } from './support/request-bodies.mjs';
import { summarize } from './support/stats.mjs';

const LIST_PATH = '/api/submissions?limit=50';
const BUDGET_MS = 1;

export default {
  name: 'auth',
  title: 'Session check on an authenticated list request',
  async run({ quick, log }) {
    const rounds = quick ? 200 : 1_000;
    const warmUp = 50;
    const app = await startNext({ readyPath: '/api/health' });
    const agent = keepAliveAgent(1);
    try {
      const { cookie, headers: bearer } = await signInWithToken(app);
      for (let i = 0; i < 50; i++) {
        await send(agent, `${app.url}/api/submissions`, {
          method: 'POST',
          headers: bearer,
          body: { ...typicalRequest, prompt: `${typicalRequest.prompt} #${i}` },
        });
      }
      const series = [
        { key: 'cookie', name: 'session cookie', headers: { cookie }, auth: [], ms: [] },
        { key: 'token', name: 'API token', headers: bearer, auth: [], ms: [] },
      ];
      for (let i = 0; i < warmUp + rounds; i++) {
        for (const s of i % 2 ? series : [...series].reverse()) {
          const answer = await send(agent, `${app.url}${LIST_PATH}`, { headers: s.headers });
          const dur = authDuration(answer.headers['server-timing']);
          if (answer.status !== 200 || dur === null)
            throw new Error(
              `GET ${LIST_PATH} by ${s.name}: ${answer.status}, Server-Timing "${answer.headers['server-timing']}"`,
            );
          if (i < warmUp) continue;
          s.auth.push(dur);
          s.ms.push(answer.ms);
        }
      }
      const rows = [];
      for (const s of series) {
        const auth = summarize(s.auth);
        const total = summarize(s.ms);
        log(
          `${s.name}: check p50 ${auth.p50.toFixed(3)} ms, p99 ${auth.p99.toFixed(3)} ms; request p50 ${total.p50.toFixed(2)} ms`,
        );
        rows.push(
          {
            id: `auth.${s.key}.p50`,
            label: `Authenticated list request by ${s.name}: session check p50`,
            value: auth.p50,
            unit: 'ms',
            figures: `list request p50 ${formatValue(total.p50, 'ms')}`,
            budget: { max: BUDGET_MS, text: `+ ≤ ${BUDGET_MS} ms` },
          },
          {
            id: `auth.${s.key}.p99`,
            label: `Authenticated list request by ${s.name}: session check p99`,
            value: auth.p99,
            unit: 'ms',
          },
          {
            id: `auth.${s.key}.request.p50`,
            label: `Authenticated list request by ${s.name}: whole request p50`,
            value: total.p50,
            unit: 'ms',
          },
        );
      }
      return {
        rows,
        method:
          'One `next start` (embedded database, demo mode) with its first admin from the environment; the bench signs in ' +
          '(a session cookie) and mints an API token, makes 50 submissions, then asks ' +
          `\`GET ${LIST_PATH}\` ${rounds} times with the cookie and ${rounds} times with the token, alternating, one at ` +
          `a time over one keep-alive connection, after ${warmUp} warm-up rounds. The session check's cost is each ` +
          "answer's `Server-Timing: auth;dur=<ms>`, timed in the route wrapper around the check alone (the cookie's " +
          'signature, the credential look-up, the role test): the one step a list request without the check would ' +
          'skip, so the difference between the two requests is that duration. The product has no route without the ' +
          'check, and a build that skips it for the bench would measure another program; the whole request p50 is ' +
          'shown beside it.',
        notes: [],
      };
    } finally {
      agent.destroy();
      await app.stop();
    }
  },
};
