import type { NextConfig } from 'next';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './lib/security/security-headers';

const headerList = (headers: Record<string, string>) =>
  Object.entries(headers).map(([key, value]) => ({ key, value }));

const config: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      // Built assets and API answers skip the proxy (no page, no nonce): their headers are set here.
      { source: '/:path*', headers: headerList(SECURITY_HEADERS) },
      {
        source: '/api/:path*',
        headers: headerList({ 'Content-Security-Policy': API_CONTENT_SECURITY_POLICY }),
      },
    ];
  },
};

export default config;
