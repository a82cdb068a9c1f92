/**
 * The browser suite (`pnpm test:browser`): real Chromium driven by playwright-core against the
 * service started in-process. Kept out of `pnpm test` (it needs a Chromium binary and takes longer).
 */
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const config: ViteUserConfig = defineConfig({
  resolve: { conditions: ['@izinkit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@izinkit/source', ...defaultServerConditions] } },
  test: {
    root: import.meta.dirname,
    include: ['test-browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});

export default config;
