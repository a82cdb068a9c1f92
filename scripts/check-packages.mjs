#!/usr/bin/env node
// Runs `publint --strict` and `attw --pack` on every publishable package (packages/* that are not
// private). Both need the build output, so run `pnpm build` first. Exits non-zero on any finding.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const dirs = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .filter((dir) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private);

let failed = 0;
for (const dir of dirs) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
  if (!existsSync(join(dir, 'dist'))) {
    console.error(`✗ ${name}: no dist/ — run \`pnpm build\` first`);
    failed++;
    continue;
  }
  for (const [tool, args] of [
    ['publint', ['--strict']],
    // Every export is dual (ESM + CJS with their own .d.mts / .d.cts); attw's default rules apply.
    ['attw', ['--pack', '.', '--format', 'ascii', '--no-emoji']],
  ]) {
    const r = spawnSync(bin(tool), args, { cwd: dir, encoding: 'utf8' });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    if (r.status === 0) {
      console.log(`✓ ${name}: ${tool}`);
    } else {
      failed++;
      console.error(`✗ ${name}: ${tool}\n${out}\n`);
    }
  }
}
if (failed > 0) {
  console.error(`\n${failed} package check(s) failed`);
  process.exit(1);
}
console.log(`\nall ${dirs.length} packages pass publint --strict and attw --pack`);
