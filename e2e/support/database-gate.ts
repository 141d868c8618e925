import { createConnection, createServer, type Socket } from 'node:net';

type GateState = 'open' | 'hold' | 'refuse';

/**
 * A TCP relay in front of a PostgreSQL server that a test opens and shuts: with it an app can meet
 * a database that is slow to answer (`hold`) or not there at all (`refuse`), then a working one.
 */
export interface DatabaseGate {
  /** The DATABASE_URL to give the app: the database's URL, reached through the gate. */
  readonly url: string;
  /** Connections held so far go through, and new ones pass at once. */
  open(): void;
  close(): Promise<void>;
}

export async function startDatabaseGate(databaseUrl: string, initial: GateState): Promise<DatabaseGate> {
  const target = new URL(databaseUrl);
  let state = initial;
  const held: Socket[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const relay = (client: Socket) => {
    const server = createConnection(Number(target.port || 5432), target.hostname);
    track(server);
    client.pipe(server).pipe(client);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  };

  const gate = createServer((client) => {
    track(client);
    if (state === 'refuse') client.destroy();
    else if (state === 'hold') held.push(client.pause());
    else relay(client);
  });
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
  const address = gate.address();
  if (typeof address !== 'object' || !address) throw new Error('the database gate has no port');
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);

  return {
    url: url.toString(),
    open() {
      state = 'open';
      for (const client of held.splice(0)) relay(client);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        gate.close(() => resolve());
      }),
  };
}
