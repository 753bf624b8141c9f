import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".countdown/**",
      ".countdown-test/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // Imports run one way: app/, components/ and lib/ never import workers/, so the web build carries no worker
    // code (docs/queue.md). Tests may drive a worker's handler directly, so *.test.ts files are exempt.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "proxy.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/workers/*", "**/workers/*"], message: "workers/ is the worker's: app/, components/ and lib/ must not import it." }] },
      ],
    },
  },
  {
    // Settings are read once, in lib/config.ts (parsed with zod, checked at start); scripts/ set them up.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "workers/**/*.ts", "proxy.ts"],
    ignores: ["**/*.test.ts", "lib/config.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings through config() from lib/config.ts." }],
    },
  },
];

export default config;
