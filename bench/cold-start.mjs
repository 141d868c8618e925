// From spawning `next start` to the first 200 on `/`, polled every 20 ms, on the embedded database:
// with a new data folder (the database is created) and with one that already holds a database.
import { newDataDir, startNext } from './support/processes.mjs';
import { median } from './support/stats.mjs';

async function timeStart(dataDir) {
  const app = await startNext({ dataDir, pollEveryMs: 20 });
  await app.stop();
  return app.readyAfterMs;
}

export default {
  name: 'cold-start',
  title: 'Cold start to the first 200 on /',
  async run({ quick, log }) {
    const runs = quick ? 1 : 3;
    const fresh = [];
    const existing = [];
    let kept = null;
    for (let i = 0; i < runs; i++) {
      kept = newDataDir();
      fresh.push(await timeStart(kept));
      log(`new data folder: ${fresh.at(-1)} ms`);
    }
    for (let i = 0; i < runs; i++) {
      existing.push(await timeStart(kept));
      log(`existing data folder: ${existing.at(-1)} ms`);
    }
    return {
      rows: [
        {
          id: 'cold-start.fresh',
          label: 'New data folder: median',
          value: median(fresh),
          unit: 'ms',
          budget: { below: 2000, text: '< 2 s' },
        },
        {
          id: 'cold-start.existing',
          label: 'Existing data folder: median',
          value: median(existing),
          unit: 'ms',
          budget: { below: 2000, text: '< 2 s' },
        },
      ],
      method:
        `\`node_modules/.bin/next start\` is spawned (demo mode) and \`/\` is fetched every 20 ms until it answers 200; ` +
        `the time from spawn to that answer, median of ${runs}. First with a new, empty data folder each time, then ` +
        'with the folder the last of those left (a database already there). Each server is stopped before the next.',
      notes: [`All runs (ms): new ${fresh.join(', ')}; existing ${existing.join(', ')}.`],
    };
  },
};
