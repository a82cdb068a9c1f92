/**
 * HTML templates as TypeScript functions: a tagged template that escapes every interpolated
 * value unless it is already {@link Html}, and the page layout shared by every page.
 */
import type { Locale } from '../i18n.js';

/** Markup that is safe to insert as is (built by {@link html} or {@link raw}). */
export class Html {
  /** The markup. */
  readonly value: string;
  /** @param value - trusted markup */
  constructor(value: string) {
    this.value = value;
  }
  /** The markup. */
  toString(): string {
    return this.value;
  }
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** A value a template accepts. */
export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return (p as readonly Part[]).map(render).join('');
  return escapeHtml(String(p));
}

/**
 * The template tag: `html\`<p>${text}</p>\`` escapes `text`; nested `html` results, arrays of
 * them, `null`, `undefined` and `false` are inserted as markup / nothing.
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup (for generated SVG and the like). */
export function raw(s: string): Html {
  return new Html(s);
}

/** What every page's layout needs. */
export interface LayoutInput {
  /** The page's language. */
  readonly locale: Locale;
  /** The `<title>`. */
  readonly title: string;
  /** The main content. */
  readonly body: Html;
  /** The header's navigation (links). */
  readonly nav?: Html | undefined;
  /** The current path and query, for the language switch. */
  readonly path: string;
  /** Extra class on `<body>`. */
  readonly bodyClass?: string | undefined;
}

/** Adds or replaces `lang=` in a path. */
export function withLang(path: string, lang: Locale): string {
  const [p, q = ''] = path.split('?', 2) as [string, string?];
  const params = new URLSearchParams(q);
  params.set('lang', lang);
  return `${p}?${params.toString()}`;
}

/** The page shell: header with the language switch, skip link, main, footer; local CSS and JS. */
export function layout(i: LayoutInput): string {
  const other: Locale = i.locale === 'tr' ? 'en' : 'tr';
  const page = html`<!doctype html>
<html lang="${i.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${i.title}</title>
<link rel="stylesheet" href="/web/assets/app.css">
<script src="/web/assets/app.js" defer></script>
</head>
<body class="${i.bodyClass ?? ''}">
<a class="skip" href="#main">${i.locale === 'tr' ? 'İçeriğe geç' : 'Skip to content'}</a>
<header class="top">
<a class="logo" href="/web">izinkit</a>
${i.nav ? html`<nav aria-label="${i.locale === 'tr' ? 'Ana menü' : 'Main menu'}">${i.nav}</nav>` : ''}
<a class="lang" href="${withLang(i.path, other)}" hreflang="${other}" lang="${other}">${other === 'en' ? 'English' : 'Türkçe'}</a>
</header>
<main id="main" tabindex="-1">
${i.body}
</main>
<footer class="foot"><p>${i.locale === 'tr' ? 'izinkit – açık kaynak izin yönetimi' : 'izinkit – open-source consent management'}</p></footer>
</body>
</html>`;
  return page.value;
}
