import { AppError } from '@/lib/errors/app-error';

/**
 * Browsers send Origin on cross-site POSTs; when present it must be this app's own origin
 * (the host the request came to, or APP_PUBLIC_URL). Clients that send no Origin are not browsers.
 */
export function assertSameOrigin(request: Request, publicUrl: string | null): void {
  const origin = request.headers.get('origin');
  if (origin === null) return;
  const allowed = new Set<string>();
  for (const host of [request.headers.get('host'), request.headers.get('x-forwarded-host')]) {
    if (host) allowed.add(host.toLowerCase());
  }
  if (publicUrl) allowed.add(new URL(publicUrl).host.toLowerCase());
  let originHost: string | null = null;
  if (URL.canParse(origin)) {
    const url = new URL(origin);
    if (url.protocol === 'http:' || url.protocol === 'https:') originHost = url.host.toLowerCase();
  }
  if (!originHost || !allowed.has(originHost)) {
    throw new AppError(
      'forbidden_origin',
      'Submissions are accepted only from this app’s own pages. Open the composer on this site to submit.',
    );
  }
}
