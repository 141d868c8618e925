import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { authHeaders } from './support/accounts';
import { expect, test } from './support/fixtures';

/** Sends one GET on the socket and resolves with the whole answer's head once its body has arrived. */
function get(socket: net.Socket, host: string, path: string, authorization: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(received)?.[1] ?? Number.NaN);
      const chunkedDone = /\r\ntransfer-encoding: *chunked/i.test(received) && received.endsWith('0\r\n\r\n');
      if (received.length - headEnd - 4 >= length || chunkedDone) {
        socket.off('data', onData);
        socket.off('close', onClose);
        resolve(received.slice(0, headEnd));
      }
    };
    const onClose = () => reject(new Error(`the server closed the connection; received: ${received}`));
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${authorization}\r\nConnection: keep-alive\r\n\r\n`,
    );
  });
}

test('an idle keep-alive connection stays open past 5 s, and the next request on it is answered', async ({
  app,
}) => {
  const { hostname, port } = new URL(app.url);
  const socket = net.connect(Number(port), hostname);
  let closedAt = 0;
  socket.once('close', () => {
    closedAt = Date.now();
  });
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const { authorization } = authHeaders(app);
    const first = await get(socket, `${hostname}:${port}`, '/api/submissions?limit=1', authorization);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    // The server says how long it keeps the connection: clients that read the hint pause less than that.
    expect(first).toMatch(/\r\nkeep-alive: timeout=65\r\n/i);

    // Longer than Node's default of 5 s, after which a client reusing the connection could get a reset.
    await sleep(6_000);
    expect(closedAt).toBe(0);
    const second = await get(socket, `${hostname}:${port}`, '/api/submissions?limit=1', authorization);
    expect(second).toMatch(/^HTTP\/1\.1 200/);
  } finally {
    socket.destroy();
  }
});
