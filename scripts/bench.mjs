#!/usr/bin/env node
// `pnpm bench`: runs every packages/*/bench/*.bench.ts and examples/*/bench/*.bench.ts, each in its
// own Node process (so peak-memory figures belong to that benchmark alone), through tsx with the
// `@izinkit/source` condition so no build is needed.
//
//   pnpm bench                      all benchmarks
//   pnpm bench --filter identity    only files whose path contains "identity"
//   pnpm bench --quick              smaller inputs: a smoke run, not figures to publish
//   (in a package) pnpm bench       that package only (--package .)
//
// Results are printed and written as JSON to bench-results/ (see packages/test-utils/src/bench.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const filter = opt('--filter');
const pkgDir = opt('--package');
const quick = args.includes('--quick');

function benchFiles(dir) {
  const b = join(dir, 'bench');
  if (!existsSync(b)) return [];
  return readdirSync(b)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()
    .map((f) => join(b, f));
}

let files;
if (pkgDir) {
  files = benchFiles(resolve(process.cwd(), pkgDir));
} else {
  files = ['packages', 'examples'].flatMap((group) => {
    const g = join(root, group);
    return existsSync(g)
      ? readdirSync(g)
          .sort()
          .flatMap((d) => benchFiles(join(g, d)))
      : [];
  });
}
if (filter) files = files.filter((f) => relative(root, f).includes(filter));
if (files.length === 0) {
  console.error('no benchmark files matched');
  process.exit(1);
}

const tsx = join(root, 'node_modules', '.bin', 'tsx');
let failed = 0;
for (const file of files) {
  console.log(`\n━━ ${relative(root, file)} ━━`);
  const r = spawnSync(tsx, ['--conditions=@izinkit/source', file], {
    stdio: 'inherit',
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc --max-old-space-size=8192`.trim(),
      ...(quick ? { IZINKIT_BENCH_QUICK: '1' } : {}),
    },
  });
  if (r.status !== 0) {
    failed++;
    console.error(`✗ ${relative(root, file)} exited with ${r.status ?? r.signal}`);
  }
}
if (failed) process.exit(1);
