/**
 * Every TypeScript example in docs/iys.md runs, as written, against the simulator.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const guide = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'iys.md'), 'utf8');
const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const dir = join(import.meta.dirname, '..', '.docs-run');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/iys.md', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });
  blocks.forEach((code, i) => {
    it(`example ${i + 1} runs`, async () => {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `example-${i + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        await import(file);
        expect(log).toHaveBeenCalled();
      } finally {
        log.mockRestore();
        warn.mockRestore();
      }
    });
  });
});
