// What `POST /api/submissions` adds on top of the upstream call itself, one request at a time:
// the same body sent to the app (which validates, stores, calls the fake upstream, stores the
// answer) and straight to the fake upstream's create endpoint with the Bearer key, interleaved.
import { keepAliveAgent, send } from './support/http-load.mjs';
import {
  BENCH_API_KEY,
  port,
  startFakeUpstreamProcess,
  startNext,
  upstreamEnv,
} from './support/processes.mjs';
import { typicalRequest } from './support/request-bodies.mjs';
import { summarize } from './support/stats.mjs';

const CREATE_PATH = '/kling/v1/videos/omni-video';

export default {
  name: 'post-latency',
  title: 'Added latency of POST /api/submissions (concurrency 1)',
  async run({ quick, log }) {
    const pairs = quick ? 150 : 1_000;
    const warmUp = quick ? 30 : 100;
    const fake = await startFakeUpstreamProcess({ port: port(2) });
    let app;
    const appAgent = keepAliveAgent(1);
    const fakeAgent = keepAliveAgent(1);
    try {
      app = await startNext({ port: port(3), env: upstreamEnv(fake) });
      const viaApp = () =>
        send(appAgent, `${app.url}/api/submissions`, { method: 'POST', body: typicalRequest });
      const direct = () =>
        send(fakeAgent, `${fake.url}${CREATE_PATH}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${BENCH_API_KEY}` },
          body: typicalRequest,
        });
      for (let i = 0; i < warmUp; i++) {
        await viaApp();
        await direct();
      }
      const appMs = [];
      const directMs = [];
      for (let i = 0; i < pairs; i++) {
        // Alternate which goes first, so neither side always runs right after the other.
        const appFirst = i % 2 === 0;
        const d0 = appFirst ? null : await direct();
        const a = await viaApp();
        const d = d0 ?? (await direct());
        if (a.status !== 201) throw new Error(`the app answered ${a.status}: ${a.text.slice(0, 300)}`);
        if (d.status !== 200) throw new Error(`the fake upstream answered ${d.status}`);
        appMs.push(a.ms);
        directMs.push(d.ms);
      }
      const viaAppStats = summarize(appMs);
      const directStats = summarize(directMs);
      log(
        `app p50 ${viaAppStats.p50.toFixed(2)} ms p99 ${viaAppStats.p99.toFixed(2)} ms; direct p50 ${directStats.p50.toFixed(2)} ms p99 ${directStats.p99.toFixed(2)} ms`,
      );
      return {
        rows: [
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
            budget: { max: 3, text: '≤ 3 ms' },
          },
          {
            id: 'post.added.p99',
            label: 'Added latency: p99',
            value: viaAppStats.p99 - directStats.p99,
            unit: 'ms',
            budget: { max: 15, text: '≤ 15 ms' },
          },
        ],
        method:
          `The fake upstream (e2e/fake-upstream) runs in a child process; one \`next start\` (embedded database, fresh ` +
          `data folder) points at it. After ${warmUp} warm-up pairs, ${pairs} pairs are timed one request at a time over ` +
          'keep-alive connections: the same body (a 220-character prompt and a first frame) as `POST /api/submissions` ' +
          'and as `POST /kling/v1/videos/omni-video` with the Bearer key straight to the fake. Added latency = the ' +
          "app's percentile minus the direct call's.",
        notes: [],
      };
    } finally {
      appAgent.destroy();
      fakeAgent.destroy();
      await app?.stop();
      await fake.stop();
    }
  },
};
