import { randomBytes } from 'node:crypto';

/** What the server knows of the TCP connection a request came on, which no header can change. */
export interface SocketPeer {
  scheme: 'http' | 'https';
  address: string;
}

const holder = globalThis as typeof globalThis & { __omniSocketHeader?: string };

/**
 * Route handlers see headers, not the socket, so the server stamps each request with its socket's
 * scheme and address (lib/server/request-edge.ts). The header's name is random per process: a client
 * cannot send one the app would believe.
 */
export function socketHeaderName(): string {
  holder.__omniSocketHeader ??= `x-omni-socket-${randomBytes(12).toString('hex')}`;
  return holder.__omniSocketHeader;
}

/** `::ffff:127.0.0.1`, `127.0.0.1:51234` and `127.0.0.1` are one client; `[::1]:80` is `::1`. */
export function normaliseAddress(address: string): string {
  return address
    .trim()
    .toLowerCase()
    .replace(/^\[([^\]]*)\](?::\d+)?$/, '$1')
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

export function encodeSocketPeer(peer: SocketPeer): string {
  return `${peer.scheme} ${normaliseAddress(peer.address)}`;
}

/** The stamped socket, or null for a request that did not come through the server (a unit test). */
export function socketPeerOf(request: Request): SocketPeer | null {
  const stamp = request.headers.get(socketHeaderName());
  const [scheme, address] = stamp?.split(' ') ?? [];
  if ((scheme !== 'http' && scheme !== 'https') || !address) return null;
  return { scheme, address };
}
