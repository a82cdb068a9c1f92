/**
 * Runs every ```ts block of the README and of docs/agreements.md, so the examples people copy
 * keep working. Each block is a self-contained program that imports '@izinkit/agreements' and
 * asserts what it prints about.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const pkg = resolve(import.meta.dirname, '..');
const entry = pathToFileURL(join(pkg, 'src', 'index.ts')).href;
const dir = mkdtempSync(join(tmpdir(), 'izinkit-agreements-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function blocks(file: string): string[] {
  const md = readFileSync(file, 'utf8');
  return [...md.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const sources: [string, string][] = [
  ['README.md', join(pkg, 'README.md')],
  ['docs/agreements.md', join(pkg, '..', '..', 'docs', 'agreements.md')],
];

for (const [name, file] of sources) {
  describe(name, () => {
    const found = blocks(file);
    it('has examples', () => {
      expect(found.length).toBeGreaterThan(0);
    });
    found.forEach((code, i) => {
      it(`example ${i + 1} runs`, async () => {
        expect(code).toContain("from '@izinkit/agreements'");
        const path = join(dir, `${name.replace(/\W/g, '_')}-${i + 1}.ts`);
        writeFileSync(path, code.replaceAll("from '@izinkit/agreements'", `from '${entry}'`));
        await import(pathToFileURL(path).href);
      });
    });
  });
}
