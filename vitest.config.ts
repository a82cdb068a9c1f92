import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { projects } from './vitest.workspace.js';

const config: ViteUserConfig = defineConfig({
  test: {
    projects,
    passWithNoTests: false,
  },
});

export default config;
