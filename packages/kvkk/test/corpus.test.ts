import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateDetector, makeCorpus, README_CORPUS } from '@izinkit/test-utils/kvkk';
import { describe, expect, it } from 'vitest';
import { readmeSection } from '../scripts/pii-eval.js';
import { findPii } from '../src/index.js';

describe('precision and recall on the generated Turkish corpus', () => {
  const scores = evaluateDetector(findPii, makeCorpus(README_CORPUS.seed, README_CORPUS.documents));

  it('misses only values written in the forms documented as unsupported', () => {
    for (const s of scores)
      expect(s.falseNegatives, s.kind).toBeLessThanOrEqual(
        s.unsupported + (s.kind === 'plate' || s.kind === 'all' ? s.embedded * 0.01 : 0),
      );
  });

  it('keeps precision at 99 % or more for every kind', () => {
    for (const s of scores) expect(s.precision, s.kind).toBeGreaterThanOrEqual(0.99);
  });

  it('has the README table computed from this corpus, not typed by hand', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(readmeSection());
  });
});
