#!/usr/bin/env node
// Creates the skeleton of a new publishable package under packages/<name> with the layout and
// package.json shape every @izinkit package shares (see CONTRIBUTING.md).
//
//   node scripts/new-package.mjs <name> "<one-line description>"
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [name, description] = process.argv.slice(2);
if (!name || !/^[a-z][a-z0-9-]*$/.test(name) || !description) {
  console.error('usage: node scripts/new-package.mjs <name> "<description>"  (name: lower-case, dashes)');
  process.exit(2);
}
const dir = join(import.meta.dirname, '..', 'packages', name);
if (existsSync(dir)) {
  console.error(`packages/${name} already exists`);
  process.exit(2);
}
for (const sub of ['src/internal', 'test', 'bench']) mkdirSync(join(dir, sub), { recursive: true });

const pkg = {
  name: `@izinkit/${name}`,
  version: '0.0.0',
  description,
  license: 'Apache-2.0',
  author: 'izinkit contributors',
  repository: {
    type: 'git',
    url: 'git+https://github.com/izinkit/izinkit.git',
    directory: `packages/${name}`,
  },
  homepage: `https://github.com/izinkit/izinkit/tree/main/packages/${name}#readme`,
  bugs: 'https://github.com/izinkit/izinkit/issues',
  keywords: ['izinkit', 'iys', 'etk', 'kvkk', 'turkey'],
  type: 'module',
  sideEffects: false,
  exports: {
    '.': {
      '@izinkit/source': './src/index.ts',
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './internal/*': null,
    './package.json': './package.json',
  },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  files: ['dist', 'src', '!**/*.test.*'],
  engines: { node: '>=20.19' },
  publishConfig: { access: 'public' },
  scripts: { build: 'tsup', bench: 'node ../../scripts/bench.mjs --package .' },
  dependencies: {},
};
const w = (f, s) => writeFileSync(join(dir, f), s);
w('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
w(
  'tsconfig.json',
  `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['src', 'test', 'bench'] }, null, 2)}\n`,
);
w(
  'tsup.config.ts',
  "import type { Options } from 'tsup';\nimport { packageConfig } from '../../tsup.shared.js';\n\nconst config: Options[] = packageConfig();\nexport default config;\n",
);
w(
  'typedoc.json',
  `${JSON.stringify({ $schema: 'https://typedoc.org/schema.json', extends: ['../../typedoc.base.json'], entryPoints: ['src/index.ts'] }, null, 2)}\n`,
);
w('src/index.ts', `/**\n * ${description}\n *\n * @packageDocumentation\n */\n`);
w('README.md', `# @izinkit/${name}\n\n${description}\n`);
// Leave the files formatted the way `pnpm lint` expects.
spawnSync(join(import.meta.dirname, '..', 'node_modules', '.bin', 'biome'), ['format', '--write', dir], {
  stdio: 'ignore',
});
console.log(`created packages/${name}`);
