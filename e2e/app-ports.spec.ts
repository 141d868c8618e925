import { createServer } from 'node:http';
import { authHeaders } from './support/accounts';
import { startApp } from './support/app-process';
import { expect, test } from './support/fixtures';
import { freePort } from './support/ports.mjs';

test('an app started on a port another server holds fails loudly; that server is never taken for the app', async () => {
  // A foreign server that answers every request with 200, as a stale app of another run would.
  const asked: string[] = [];
  const foreign = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Someone else</title>');
  });
  const port = await freePort();
  await new Promise<void>((resolve) => foreign.listen(port, '127.0.0.1', resolve));
  try {
    await expect(startApp({ port })).rejects.toThrow(
      new RegExp(`the app for port ${port} exited with code \\d+ before serving it:[^]*EADDRINUSE`),
    );
    expect(asked).toEqual([]);
  } finally {
    foreign.closeAllConnections();
    await new Promise((resolve) => foreign.close(resolve));
  }
});

test('apps started without a port get a free one each and answer on it', async ({ launchApp }) => {
  const [a, b] = await Promise.all([launchApp(), launchApp()]);
  expect(a.port).not.toBe(b.port);
  for (const app of [a, b]) {
    expect(app.output()).toContain(`http://127.0.0.1:${app.port}`);
    expect((await fetch(`${app.url}/api/submissions?limit=1`, { headers: authHeaders(app) })).status).toBe(
      200,
    );
  }
});
