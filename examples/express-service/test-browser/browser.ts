/**
 * Browser-suite harness: Debian's Chromium through playwright-core (fresh profile, no network
 * side traffic), the service in-process on a free port, and an axe-core check injected from the
 * local npm file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A started browser. */
export interface TestBrowser {
  /** The browser. */
  readonly browser: Browser;
  /** A new isolated context (its own cookies and storage). */
  context(options?: { width?: number; height?: number; locale?: string }): Promise<BrowserContext>;
  /** Closes the browser. */
  close(): Promise<void>;
}

/**
 * Launches Chromium (`CHROMIUM_PATH`, default `/usr/bin/chromium`). playwright's `launch` runs it
 * on a fresh, temporary user-data-dir that it deletes on close.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    context: (o = {}) =>
      browser.newContext({
        viewport: { width: o.width ?? 1280, height: o.height ?? 900 },
        locale: o.locale ?? 'tr-TR',
        acceptDownloads: true,
      }),
    close: () => browser.close(),
  };
}

/** An axe-core violation, reduced. */
export interface AxeViolation {
  /** Rule id. */
  readonly id: string;
  /** minor, moderate, serious, critical. */
  readonly impact: string | null;
  /** What the rule checks. */
  readonly help: string;
  /** Offending elements (selectors). */
  readonly targets: string[];
}

/** Runs axe-core (WCAG 2.1 A/AA rules and best practices) on the page; returns serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the pages' CSP (script-src 'self') stays on.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: unknown,
            o: unknown,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
