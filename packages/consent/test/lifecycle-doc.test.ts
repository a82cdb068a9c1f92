/**
 * docs/consent-lifecycle.md embeds the diagram and the table generated from TRANSITION_TABLE.
 * This fails when the page drifts from the code. To regenerate the page:
 *   IZINKIT_UPDATE_DOCS=1 pnpm vitest run --project consent test/lifecycle-doc
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifecycleDiagram, lifecycleMarkdownTable, TRANSITION_TABLE } from '../src/index.js';

const DOC = join(import.meta.dirname, '..', '..', '..', 'docs', 'consent-lifecycle.md');

function section(text: string, name: string): { start: number; end: number } {
  const begin = text.indexOf(`<!-- BEGIN GENERATED: ${name}`);
  const endMarker = `<!-- END GENERATED: ${name} -->`;
  const end = text.indexOf(endMarker);
  if (begin < 0 || end < 0) throw new Error(`markers for ${name} missing in ${DOC}`);
  return { start: text.indexOf('\n', begin) + 1, end };
}

function generated(): Record<string, string> {
  return {
    'lifecycleDiagram()': `\`\`\`mermaid\n${lifecycleDiagram()}\`\`\`\n`,
    'lifecycleMarkdownTable()': lifecycleMarkdownTable(),
  };
}

describe('docs/consent-lifecycle.md', () => {
  it('holds exactly the diagram and the table generated from the machine’s transition table', () => {
    let text = readFileSync(DOC, 'utf8');
    if (process.env.IZINKIT_UPDATE_DOCS === '1') {
      for (const [name, body] of Object.entries(generated())) {
        const { start, end } = section(text, name);
        text = text.slice(0, start) + body + text.slice(end);
      }
      writeFileSync(DOC, text);
    }
    for (const [name, body] of Object.entries(generated())) {
      const { start, end } = section(text, name);
      expect(text.slice(start, end), `${name} in docs/consent-lifecycle.md is stale`).toBe(body);
    }
  });

  it('the diagram has every edge of the table', () => {
    const diagram = lifecycleDiagram();
    for (const row of TRANSITION_TABLE) {
      const from = row.from === '[*]' ? '[*]' : `${row.region}_${row.from}`;
      expect(diagram).toContain(`${from} --> ${row.region}_${row.to} : `);
      for (const event of row.events) {
        const line = diagram.split('\n').find((l) => l.includes(`${from} --> ${row.region}_${row.to} : `))!;
        expect(line).toContain(event);
      }
    }
  });
});
