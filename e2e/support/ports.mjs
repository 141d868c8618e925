// Ports for the servers the tests and benchmarks start, and how to tell that a started `next start`
// is the one answering on its port. Plain ESM for the bench; `tsc` checks it (checkJs).
import { createServer } from 'node:net';

/**
 * A port nothing listens on at `host` right now: the system hands out a free one for port 0, which
 * is read and released. Another process can still take it before the caller binds it, so whoever
 * starts a server on it must check that its own server came up (see nextListeningPort).
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port was assigned'))));
    });
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are control characters.
const COLOURS = /\u001b\[[0-9;]*m/g;

/**
 * The port a `next start` says it listens on ("- Local: http://127.0.0.1:3000"), or null before it
 * says so. Next prints the line once its own server is bound, so an answer on that port is its own,
 * never a foreign server's that held the port first (Next then exits with EADDRINUSE instead).
 * @param {string} output everything the process printed so far
 * @returns {number | null}
 */
export function nextListeningPort(output) {
  const match = /- Local:\s+https?:\/\/[^\s/]+:(\d+)/.exec(output.replace(COLOURS, ''));
  return match?.[1] ? Number(match[1]) : null;
}
