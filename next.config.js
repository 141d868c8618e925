const { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } = require('./lib/security/security-headers');

/** @param {Readonly<Record<string, string>>} headers */
const headerList = (headers) => Object.entries(headers).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
module.exports = {
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
