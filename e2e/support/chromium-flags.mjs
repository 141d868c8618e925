// How Debian's Chromium runs here, for Playwright (e2e) and Lighthouse (bench) alike: no sandbox as
// root, no GPU, and none of the background connections this network refuses. Plain ESM for the bench;
// `tsc` checks it (checkJs).
/** @type {string} */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** @type {string[]} */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
