/**
 * Page fragments shared by the public pages, the portal and the admin: agreement texts,
 * channel and status labels, the success message.
 */

import type { ResolvedText } from '../domain/agreement-texts.js';
import type { Brand } from '../domain/brands.js';
import { normalizedRecipient } from '../domain/consents.js';
import type { Locale } from '../i18n.js';
import { translator } from './context.js';
import { type Html, html } from './html.js';

const CHANNELS: Readonly<Record<string, readonly [string, string]>> = {
  MESAJ: ['SMS / mesaj', 'SMS / message'],
  ARAMA: ['Sesli arama', 'Voice call'],
  EPOSTA: ['E-posta', 'E-mail'],
  ANY: ['Tüm kanallar', 'All channels'],
};

/** The label of an İYS channel (`MESAJ`, `ARAMA`, `EPOSTA`). */
export function channelLabel(locale: Locale, channel: string): string {
  const l = CHANNELS[channel];
  return l ? l[locale === 'tr' ? 0 : 1] : channel;
}

const STATUSES: Readonly<Record<string, readonly [string, string]>> = {
  ONAY: ['Onay', 'Granted'],
  RET: ['Ret', 'Refused'],
};

/** The label of a consent status. */
export function statusLabel(locale: Locale, status: string | null | undefined): string {
  if (!status) return locale === 'tr' ? 'Kayıt yok' : 'No record';
  const l = STATUSES[status];
  return l ? l[locale === 'tr' ? 0 : 1] : status;
}

/**
 * An agreement text exactly as published (rendered for the brand), with its version: in a
 * scrollable, focusable region (keyboard users can scroll it) or in a `<details>` when `open` is false.
 */
export function agreementBlock(locale: Locale, title: string, text: ResolvedText, open: boolean): Html {
  const tx = translator(locale);
  const meta = html`<p class="meta">${tx('Sürüm', 'Version')} ${text.version.revision} · <code title="${text.rendered.hash}">${text.version.id.slice(0, 12)}</code></p>`;
  const body = html`<div class="agreement" tabindex="0" role="region" aria-label="${title}"><pre>${text.rendered.text}</pre></div>${meta}`;
  return open
    ? html`<section class="doc"><h2 class="h3">${title}</h2>${body}</section>`
    : html`<details class="doc"><summary>${title}</summary>${body}</details>`;
}

/** What the person reads after confirming: what was recorded and how to withdraw. */
export function successBody(
  locale: Locale,
  brand: Brand,
  choice: { readonly etk: boolean; readonly kvkk: boolean },
): Html {
  const tx = translator(locale);
  return html`<section class="card success" aria-live="polite">
<h1>${tx('Tercihleriniz kaydedildi', 'Your choices were recorded')}</h1>
<ul>
<li>${tx('Ticari elektronik ileti', 'Commercial messages')}: <strong>${choice.etk ? tx('onay verdiniz', 'granted') : tx('onay vermediniz', 'not granted')}</strong></li>
<li>${tx('KVKK açık rıza', 'KVKK explicit consent')}: <strong>${choice.kvkk ? tx('verdiniz', 'given') : tx('vermediniz', 'not given')}</strong></li>
</ul>
<h2 class="h3">${tx('İzninizi nasıl geri alırsınız?', 'How to withdraw')}</h2>
<p>${brand.retInstructions[locale]}.</p>
<p>${tx('İzinlerinizi dilediğiniz an', 'You can also see and withdraw your consents at any time in')} <a href="/web/portal">${tx('kişisel portalda', 'the self-service portal')}</a>${tx(' görebilir ve geri alabilirsiniz; ret talebiniz 3 iş günü içinde İYS’ye iletilir.', '; a withdrawal reaches İYS within 3 business days.')}</p>
<p class="meta">${brand.tradeName} · MERSİS ${brand.mersis}</p>
</section>`;
}

/** Formats an instant for people in Europe/Istanbul. */
export function when(locale: Locale, d: Date | string | null | undefined): string {
  if (!d) return '–';
  const date = typeof d === 'string' ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) return '–';
  return date.toLocaleString(locale === 'tr' ? 'tr-TR' : 'en-GB', {
    timeZone: 'Europe/Istanbul',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/**
 * The 6-digit one-time-code field of a sign-in or verification form, tied to the error message
 * shown above it (`aria-describedby`) when there is one.
 *
 * @example
 * ```ts
 * html`<form …>${codeField('tr', error ? 'code-error' : undefined)}</form>`;
 * ```
 */
export function codeField(locale: Locale, errorId: string | undefined): Html {
  const tx = translator(locale);
  return html`<div><label for="code">${tx('Kod', 'Code')}</label>
<input id="code" name="code" class="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required${errorId ? html` aria-describedby="${errorId}"` : ''}></div>`;
}

/**
 * The error message at the top of a form (`role="alert"`, with the id the form's fields point
 * at), or nothing.
 *
 * @example
 * ```ts
 * html`<section>${formError(error, 'login-error')}<form …></form></section>`;
 * ```
 */
export function formError(message: string | undefined, id: string): Html | '' {
  return message ? html`<p class="error" role="alert" id="${id}">${message}</p>` : '';
}

/**
 * The sentence for the one-time code a person typed wrong (`left` tries remain) or can no longer
 * use (expired, locked, unknown) — `again` says what to do then.
 *
 * @example
 * ```ts
 * codeRefused('en', { reason: 'wrong', left: 2 }, ['Yeni kod isteyin.', 'Ask for a new code.']);
 * ```
 */
export function codeRefused(
  locale: Locale,
  result: { readonly reason: string; readonly left?: number },
  unusable: readonly [string, string],
): string {
  const tx = translator(locale);
  return result.reason === 'wrong'
    ? tx(
        `Kod yanlış; ${result.left ?? 0} deneme hakkınız kaldı.`,
        `The code is wrong; ${result.left ?? 0} attempt(s) left.`,
      )
    : tx(unusable[0], unusable[1]);
}

/**
 * A phone number or e-mail address a person typed, normalised as the API does (@izinkit/identity),
 * or `null` when it is neither.
 *
 * @example
 * ```ts
 * recipientOrNull(' 0532 123 45 67 '); // '+905321234567'
 * ```
 */
export function recipientOrNull(value: string, where: 'body' | 'query' = 'body'): string | null {
  try {
    return normalizedRecipient(value.trim(), where, 'recipient');
  } catch {
    return null;
  }
}

/** The sentence for a phone number or e-mail address that is neither. */
export function invalidRecipient(locale: Locale): string {
  return translator(locale)(
    'Telefon numarası ya da e-posta adresi geçersiz.',
    'The phone number or e-mail address is not valid.',
  );
}
