import { describe, expect, it } from 'vitest';
import { origin, selfTimes } from './cpu-profile.mjs';

describe('origin', () => {
  it('names the package, Next.js compiled copies, Node, the app build and V8 frames', () => {
    expect(origin('file:///w/node_modules/drizzle-orm/pg-core/session.js')).toBe('drizzle-orm');
    expect(origin('file:///w/node_modules/@better-auth/core/dist/index.mjs')).toBe('@better-auth/core');
    expect(origin('file:///w/node_modules/next/dist/compiled/react-dom/cjs/server.js')).toBe(
      'next (compiled react-dom)',
    );
    expect(origin('node:internal/http')).toBe('node');
    expect(origin('file:///w/.next/server/chunks/123.js')).toBe('app build (.next)');
    expect(origin('')).toBe('V8 / native');
  });
});

describe('selfTimes', () => {
  const frame = (functionName, url, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });
  const profile = {
    startTime: 1000,
    nodes: [
      { id: 1, callFrame: frame('(root)', '') },
      { id: 2, callFrame: frame('(idle)', '') },
      { id: 3, callFrame: frame('query', 'file:///w/node_modules/pg/lib/client.js', 9) },
      { id: 4, callFrame: frame('', 'file:///w/.next/server/app.js') },
    ],
    samples: [2, 3, 3, 4],
    timeDeltas: [5000, 1000, 2000, 500],
  };

  it('adds each sample’s delta to its function and its origin, largest first', () => {
    const { total, functions, origins } = selfTimes(profile);
    expect(total).toBe(8.5);
    expect(functions[0]).toEqual({ name: '(idle)', ms: 5 });
    expect(functions[1]).toEqual({ name: 'query (pg:10)', ms: 3 });
    expect(functions[2]).toEqual({ name: '(anonymous) (app build (.next):1)', ms: 0.5 });
    expect(origins.map((o) => o.name)).toEqual(['(idle)', 'pg', 'app build (.next)']);
  });
});

describe('selfTimes from a moment on', () => {
  it('leaves out the samples taken before it (start-up)', () => {
    const frame = (functionName) => ({ functionName, url: '', lineNumber: 0, columnNumber: 0 });
    const profile = {
      startTime: 0,
      nodes: [
        { id: 1, callFrame: frame('compile') },
        { id: 2, callFrame: frame('serve') },
      ],
      samples: [1, 1, 2, 2],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    expect(selfTimes(profile, { fromUs: 2500 }).functions).toEqual([{ name: 'serve', ms: 2 }]);
  });
});
