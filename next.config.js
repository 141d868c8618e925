/** @type {import('next').NextConfig} */
module.exports = {
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  reactStrictMode: true,
};
