/**
 * The one build configuration every publishable package uses.
 *
 * tsup 8 is what runs on Node 20.19 today; its successor tsdown needs Node 22. Every package's
 * `tsup.config.ts` is a one-line call to {@link packageConfig}, so moving to tsdown is a change to
 * this file only.
 *
 * Output: `dist/index.js` + `dist/index.d.ts` (import, ESM because the package is `"type": "module"`) and `dist/index.cjs` + `dist/index.d.cts`
 * (require), each with source maps.
 */
import type { Options } from 'tsup';

export interface PackageBuildOptions {
  /** Entry points besides `src/index.ts` (for example command-line tools). */
  readonly extraEntries?: Record<string, string>;
  /** Entries that are command-line programs: built as ESM only, with a shebang kept from source. */
  readonly bins?: Record<string, string>;
  /** Extra dependencies to keep external. */
  readonly external?: string[];
}

export function packageConfig(options: PackageBuildOptions = {}): Options[] {
  const common: Options = {
    format: ['esm', 'cjs'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    splitting: false,
    treeshake: true,
    outDir: 'dist',
    external: options.external ?? [],
    // `"type": "module"` packages: ESM is `.js` + `.d.ts`, CommonJS is `.cjs` + `.d.cts`; each
    // condition gets its own declaration file, so neither format masquerades as the other.
    outExtension: ({ format }) => ({ js: format === 'esm' ? '.js' : '.cjs' }),
  };
  const configs: Options[] = [
    {
      ...common,
      entry: { index: 'src/index.ts', ...(options.extraEntries ?? {}) },
      dts: true,
      clean: true,
    },
  ];
  if (options.bins && Object.keys(options.bins).length > 0) {
    configs.push({
      ...common,
      format: ['esm'],
      entry: options.bins,
      dts: false,
      clean: false,
    });
  }
  return configs;
}
