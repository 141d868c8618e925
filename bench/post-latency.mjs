// What `POST /api/submissions` adds on top of the upstream call itself, one request at a time:
// the same body sent to the app (which validates, stores, calls the fake upstream, stores the
// answer) and straight to the fake upstream's create endpoint with the Bearer key, interleaved.
// For reference, two more series go through the bare Next.js app: a route that only forwards the body
// to the fake, and a route that only reads the body and answers: what the framework alone adds here.
import path from 'node:path';
import { BARE_DIR, BARE_ECHO_PATH, BARE_FORWARD_PATH, ensureBareApp } from './bundle.mjs';
import { signInWithToken } from './support/accounts.mjs';
import { cpuProfileArgs, profileClockUs, summariseProfiles } from './support/cpu-profile.mjs';
import { keepAliveAgent, send } from './support/http-load.mjs';
import { BENCH_API_KEY, startFakeUpstreamProcess, startNext, upstreamEnv } from './support/processes.mjs';
import { formatValue, ratio } from './support/report.mjs';
import { typicalRequest } from './support/request-bodies.mjs';
import { summarize } from './support/stats.mjs';

const CREATE_PATH = '/kling/v1/videos/omni-video';

/** Round `i`'s order of `n` series: each rotation, forward and backward, in turn, so no series always
 * runs first or right after the same other one. */
export function roundOrder(i, n) {
  const start = Math.floor(i / 2) % n;
  const order = Array.from({ length: n }, (_, k) => (start + k) % n);
  return i % 2 ? order.reverse() : order;
}

export default {
  name: 'post-latency',
  title: 'Added latency of POST /api/submissions (concurrency 1)',
  async run({ quick, log }) {
    const rounds = quick ? 150 : 1_000;
    const warmUp = quick ? 30 : 100;
    await ensureBareApp(log);
    const fake = await startFakeUpstreamProcess();
    let app;
    let bare;
    const appAgent = keepAliveAgent(1);
    const fakeAgent = keepAliveAgent(1);
    const bareAgent = keepAliveAgent(1);
    const echoAgent = keepAliveAgent(1);
    // BENCH_CPU_PROFILE_DIR: the app runs under `node --cpu-prof`, its profile summarised in the notes.
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    let result;
    let timedFromUs;
    try {
      app = await startNext({
        env: upstreamEnv(fake),
        nodeArgs: profileDir ? cpuProfileArgs(path.join(profileDir, 'app')) : undefined,
      });
      bare = await startNext({
        cwd: BARE_DIR,
        env: upstreamEnv(fake),
        nodeArgs: profileDir ? cpuProfileArgs(path.join(profileDir, 'bare')) : undefined,
      });
      const { headers: authorization } = await signInWithToken(app);
      const series = [
        {
          name: 'the app',
          status: 201,
          ms: [],
          send: () =>
            send(appAgent, `${app.url}/api/submissions`, {
              method: 'POST',
              headers: authorization,
              body: typicalRequest,
            }),
        },
        {
          name: 'the fake upstream',
          status: 200,
          ms: [],
          send: () =>
            send(fakeAgent, `${fake.url}${CREATE_PATH}`, {
              method: 'POST',
              headers: { authorization: `Bearer ${BENCH_API_KEY}` },
              body: typicalRequest,
            }),
        },
        {
          name: 'the bare app',
          status: 201,
          ms: [],
          send: () =>
            send(bareAgent, `${bare.url}${BARE_FORWARD_PATH}`, { method: 'POST', body: typicalRequest }),
        },
        {
          name: 'the bare echo route',
          status: 201,
          ms: [],
          send: () =>
            send(echoAgent, `${bare.url}${BARE_ECHO_PATH}`, { method: 'POST', body: typicalRequest }),
        },
      ];
      // The bare route answers 201 whatever the fake said: check once that the fake created a task.
      const forwarded = await series[2].send();
      if (forwarded.status !== 201 || typeof JSON.parse(forwarded.text).task_id !== 'string') {
        throw new Error(`the bare app answered ${forwarded.status}: ${forwarded.text.slice(0, 300)}`);
      }
      for (let i = 0; i < warmUp; i++) {
        for (const s of series) await s.send();
      }
      timedFromUs = profileClockUs();
      for (let i = 0; i < rounds; i++) {
        for (const s of roundOrder(i, series.length).map((k) => series[k])) {
          const result = await s.send();
          if (result.status !== s.status) {
            throw new Error(`${s.name} answered ${result.status}: ${result.text.slice(0, 300)}`);
          }
          s.ms.push(result.ms);
        }
      }
      const stats = series.map((s) => summarize(s.ms));
      const [viaAppStats, directStats, bareStats, echoStats] = stats;
      const figures = (p) =>
        `app ${formatValue(viaAppStats[p], 'ms')}, bare forwarding route ${formatValue(bareStats[p], 'ms')}`;
      log(
        series
          .map((s, k) => `${s.name} p50 ${stats[k].p50.toFixed(2)} ms p99 ${stats[k].p99.toFixed(2)} ms`)
          .join('; '),
      );
      result = {
        rows: [
          {
            id: 'post.ratio.p50',
            label: 'POST /api/submissions vs the bare forwarding route, concurrency 1: p50',
            value: ratio(viaAppStats.p50, bareStats.p50),
            unit: 'x',
            figures: figures('p50'),
            budget: { max: 1.6, text: '≤ 1.6x' },
          },
          {
            id: 'post.ratio.p99',
            label: 'POST /api/submissions vs the bare forwarding route, concurrency 1: p99',
            value: ratio(viaAppStats.p99, bareStats.p99),
            unit: 'x',
            figures: figures('p99'),
            budget: { max: 2, text: '≤ 2.0x' },
          },
          { id: 'post.app.p50', label: 'POST /api/submissions: p50', value: viaAppStats.p50, unit: 'ms' },
          { id: 'post.app.p99', label: 'POST /api/submissions: p99', value: viaAppStats.p99, unit: 'ms' },
          {
            id: 'post.direct.p50',
            label: 'Fake upstream called directly: p50',
            value: directStats.p50,
            unit: 'ms',
          },
          {
            id: 'post.direct.p99',
            label: 'Fake upstream called directly: p99',
            value: directStats.p99,
            unit: 'ms',
          },
          {
            id: 'post.added.p50',
            label: 'Added latency: p50',
            value: viaAppStats.p50 - directStats.p50,
            unit: 'ms',
          },
          {
            id: 'post.added.p99',
            label: 'Added latency: p99',
            value: viaAppStats.p99 - directStats.p99,
            unit: 'ms',
          },
          {
            id: 'post.bare.p50',
            label: 'Bare Next.js route forwarding to the fake (reference): p50',
            value: bareStats.p50,
            unit: 'ms',
          },
          {
            id: 'post.bare.p99',
            label: 'Bare Next.js route forwarding to the fake (reference): p99',
            value: bareStats.p99,
            unit: 'ms',
          },
          {
            id: 'post.bare.added.p50',
            label: 'Bare Next.js route: added latency p50',
            value: bareStats.p50 - directStats.p50,
            unit: 'ms',
          },
          {
            id: 'post.bare.added.p99',
            label: 'Bare Next.js route: added latency p99',
            value: bareStats.p99 - directStats.p99,
            unit: 'ms',
          },
          {
            id: 'post.echo.p50',
            label: 'Bare Next.js route answering by itself, no upstream call (reference): p50',
            value: echoStats.p50,
            unit: 'ms',
          },
          {
            id: 'post.echo.p99',
            label: 'Bare Next.js route answering by itself, no upstream call (reference): p99',
            value: echoStats.p99,
            unit: 'ms',
          },
        ],
        method:
          `The fake upstream (e2e/fake-upstream) runs in a child process; one \`next start\` (embedded database, fresh ` +
          'data folder) points at it, and so does `next start` of the bare Next.js app of the bundle measurement, whose ' +
          `API route \`POST ${BARE_FORWARD_PATH}\` reads the JSON body, forwards it with \`fetch\` and the Bearer ` +
          'key to the fake and answers its JSON with 201 (no validation, no database), and whose route ' +
          `\`POST ${BARE_ECHO_PATH}\` reads the body and answers 201 itself: the references for what Next.js alone ` +
          `adds here. After ${warmUp} warm-up rounds, ${rounds} rounds are timed one request at a time over ` +
          'keep-alive connections, each round sending the same body (a 220-character prompt and a first frame) as ' +
          '`POST /api/submissions`, as `POST /kling/v1/videos/omni-video` with the Bearer key straight to the fake, ' +
          'and to both bare routes, the four in every rotation, forward and backward, in turn. Added latency = the ' +
          "percentile minus the direct call's. The app's requests carry an API token of its first admin " +
          "(`Authorization: Bearer ovs_...`, minted after signing in); the budgets are the ratio of the app's " +
          "percentile to the bare forwarding route's.",
        notes: [],
      };
    } finally {
      appAgent.destroy();
      fakeAgent.destroy();
      bareAgent.destroy();
      echoAgent.destroy();
      await app?.stop();
      await bare?.stop();
      await fake.stop();
    }
    // The profile is written when the server exits, so it is read after the stop.
    if (profileDir) {
      // The timed rounds only: start-up, sign-in and warm-up left out.
      for (const which of ['app', 'bare']) {
        const top = summariseProfiles(path.join(profileDir, which), {
          requests: rounds,
          fromUs: timedFromUs,
        });
        log(`CPU profile of ${which} in ${profileDir}/${which}:\n${top.join('\n')}`);
        result.notes.push(
          `CPU profile of the ${which} server during the run, top self time: ${top.join('; ')}.`,
        );
      }
    }
    return result;
  },
};
