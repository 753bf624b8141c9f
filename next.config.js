/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) with tsc; a type error in a test file must not
  // stop `npm start` from building the app.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Native or Node-only server packages: loaded from node_modules at run time instead of bundled.
  serverExternalPackages: ["@node-rs/argon2", "pg", "bullmq", "ioredis", "@prisma/adapter-pg"],
  // The build writes here so `npm run build` while `npm start` serves does not break the running server. (Next.js
  // loads this file as plain JavaScript before any app code, so this one setting cannot come from lib/config.ts;
  // only scripts/start.ts and the tests set it.)
  distDir: process.env.COUNTDOWN_DIST_DIR || ".next",
};

export default nextConfig;
