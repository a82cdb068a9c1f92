/**
 * Measures findPii's precision and recall on the generated Turkish corpus and prints the table;
 * with `--write`, replaces the table in README.md between the pii-eval markers.
 *
 *   pnpm --filter @izinkit/kvkk run eval:pii            print
 *   pnpm --filter @izinkit/kvkk run eval:pii -- --write  update README.md
 *
 * test/corpus.test.ts recomputes the same table and fails when README.md differs from it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateDetector, makeCorpus, README_CORPUS, scoreTable } from '@izinkit/test-utils/kvkk';
import { findPii } from '../src/index.js';

const START = '<!-- pii-eval:start -->';
const END = '<!-- pii-eval:end -->';

export function readmeSection(): string {
  const corpus = makeCorpus(README_CORPUS.seed, README_CORPUS.documents);
  return `${START}\n${scoreTable(evaluateDetector(findPii, corpus))}\n${END}`;
}

export function replaceSection(readme: string, section: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md has no pii-eval markers');
  return readme.slice(0, a) + section + readme.slice(b + END.length);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const section = readmeSection();
  console.log(section);
  if (process.argv.includes('--write')) {
    const file = join(import.meta.dirname, '..', 'README.md');
    writeFileSync(file, replaceSection(readFileSync(file, 'utf8'), section));
    console.log(`\nwritten to ${file}`);
  }
}
