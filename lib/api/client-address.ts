/**
 * The address a request came from. Next sets X-Forwarded-For to the socket's address when the
 * request has none; a reverse proxy appends the address it saw. The last entry is therefore the one
 * nearest to this server, and the only one a client cannot choose when a proxy is in front.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last ? normalise(last) : 'unknown';
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
function normalise(address: string): string {
  return address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/** This machine itself: the operator's own scripts and tools. */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}
