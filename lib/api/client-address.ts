import 'server-only';
import { BlockList, isIP } from 'node:net';
import { getEnv } from '@/lib/config/env';
import { normaliseAddress, socketPeerOf } from '@/lib/server/socket-peer';

const cache = globalThis as typeof globalThis & {
  __omniTrustedProxies?: { entries: readonly string[]; list: BlockList };
};

function trustedProxies(): BlockList {
  const { trustedProxies: entries } = getEnv();
  if (cache.__omniTrustedProxies?.entries !== entries) {
    const list = new BlockList();
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(normaliseAddress(address), family);
      else list.addSubnet(normaliseAddress(address), Number(prefix), family);
    }
    cache.__omniTrustedProxies = { entries, list };
  }
  return cache.__omniTrustedProxies.list;
}

function isTrusted(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trustedProxies().check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** True when the socket peer is a reverse proxy listed in TRUSTED_PROXIES: its X-Forwarded-* headers count. */
export function fromTrustedProxy(request: Request): boolean {
  const peer = socketPeerOf(request);
  return peer !== null && isTrusted(peer.address);
}

/**
 * The address a request came from: the socket's, unless the socket peer is a trusted proxy; then the
 * right-most X-Forwarded-For hop that is not one (each proxy appends the address it saw, so hops to
 * its left are whatever the client wrote). "unknown" when the server did not stamp the socket.
 */
export function clientAddress(request: Request): string {
  const peer = socketPeerOf(request);
  if (!peer) return 'unknown';
  if (!isTrusted(peer.address)) return peer.address;
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map(normaliseAddress)
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (!isTrusted(hop)) return hop;
  }
  return hops[0] ?? peer.address;
}

/** This machine itself: the operator's own scripts and tools. */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}
