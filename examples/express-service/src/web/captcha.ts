/**
 * The hosted form's captcha hook. A {@link CaptchaProvider} renders its widget into the form and
 * checks the posted form; its result goes into the consent's evidence record (`captcha`).
 * The default, {@link ProofOfWorkCaptcha}, is self-hosted: the page's script finds a nonce so that
 * SHA-256(challenge ":" nonce) starts with `bits` zero bits (about 2^bits hashes: well under a
 * second for a person, a real cost for a bot posting thousands of forms). Challenges are signed,
 * expire, and are accepted once: per process by default, across every process of the hub when
 * `spend` records them in the shared database (as the service does).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { Locale } from '../i18n.js';
import { sameToken } from './context.js';
import { type Html, html } from './html.js';

/** A captcha check's result, as the evidence record stores it. */
export interface CaptchaResult {
  /** Which provider checked. */
  readonly provider: string;
  /** Passed? */
  readonly success: boolean;
  /** A score, where the provider gives one (0..1). */
  readonly score?: number | undefined;
}

/** A pluggable captcha: e.g. a hosted service's widget and its server-side verification. */
export interface CaptchaProvider {
  /** Provider name (recorded in the evidence). */
  readonly name: string;
  /** The markup to put inside the form (hidden fields, widget, a `<noscript>` note). */
  widget(locale: Locale): Html;
  /** Attributes for the `<form>` element (e.g. `data-pow` to start the solver). */
  formAttributes(): Readonly<Record<string, string>>;
  /** Checks the posted form. */
  verify(req: Request): Promise<CaptchaResult>;
}

function leadingZeroBits(b: Uint8Array): number {
  let n = 0;
  for (const byte of b) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

/** Options of {@link ProofOfWorkCaptcha}. */
export interface ProofOfWorkOptions {
  /** Secret the challenges are signed with. */
  readonly secret: Uint8Array;
  /** Difficulty in leading zero bits (default 14: ~16,000 hashes). */
  readonly bits?: number;
  /** Challenge lifetime (default 20 minutes). */
  readonly ttlMs?: number;
  /** The clock. */
  readonly now?: () => number;
  /**
   * Records a solved challenge as used; resolves `true` the first time, `false` if it was used
   * before (anywhere this record is shared). Default: a record in this process's memory.
   */
  readonly spend?: (challenge: string, expiresAtMs: number) => Promise<boolean>;
}

/** The default, self-hosted proof-of-work captcha. */
export class ProofOfWorkCaptcha implements CaptchaProvider {
  /** Provider name. */
  readonly name = 'izinkit-pow';
  readonly #secret: Uint8Array;
  readonly #bits: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #used = new Map<string, number>();
  readonly #spend: ((challenge: string, expiresAtMs: number) => Promise<boolean>) | undefined;

  /** @param o - secret, difficulty, lifetime */
  constructor(o: ProofOfWorkOptions) {
    this.#secret = o.secret;
    this.#bits = Math.min(Math.max(o.bits ?? 14, 1), 30);
    this.#ttlMs = o.ttlMs ?? 20 * 60_000;
    this.#now = o.now ?? Date.now;
    this.#spend = o.spend;
  }

  /** A new signed challenge: `<expiry ms>.<random>.<mac>`. */
  challenge(): string {
    const body = `${this.#now() + this.#ttlMs}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${this.#mac(body)}`;
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#secret)
      .update(`izinkit.pow.v1\0${this.#bits}\0${body}`)
      .digest('base64url');
  }

  /** Whether `nonce` solves `challenge` (signature, expiry, work; not single use). */
  check(challenge: string, nonce: string): boolean {
    const parts = challenge.split('.');
    if (parts.length !== 3 || !/^[0-9]{1,9}$/.test(nonce)) return false;
    const body = `${parts[0]}.${parts[1]}`;
    if (!sameToken(parts[2], this.#mac(body))) return false;
    if (Number(parts[0]) < this.#now()) return false;
    const h = createHash('sha256').update(`${challenge}:${nonce}`).digest();
    return leadingZeroBits(h) >= this.#bits;
  }

  /** Solves a challenge (tests and non-browser clients). */
  solve(challenge: string): string {
    for (let n = 0; ; n++) {
      const h = createHash('sha256').update(`${challenge}:${n}`).digest();
      if (leadingZeroBits(h) >= this.#bits) return String(n);
    }
  }

  /** Hidden fields, a status line and a no-script note. */
  widget(locale: Locale): Html {
    const tr = locale === 'tr';
    return html`<input type="hidden" name="pow_challenge" value="${this.challenge()}"><input type="hidden" name="pow_nonce" value="">
<p class="pow-status" id="pow-status" aria-live="polite" data-wait="${tr ? 'Güvenlik denetimi tamamlanıyor…' : 'Finishing the security check…'}" data-done="${tr ? 'Güvenlik denetimi tamam.' : 'Security check done.'}"></p>
<noscript><p class="error">${tr ? 'Bu form, otomatik gönderimleri engelleyen bir güvenlik denetimi için JavaScript gerektirir.' : 'This form needs JavaScript for a security check that stops automated submissions.'}</p></noscript>`;
  }

  /** Starts the page's solver. */
  formAttributes(): Readonly<Record<string, string>> {
    return { 'data-pow': '', 'data-pow-bits': String(this.#bits) };
  }

  /** Checks the posted challenge and nonce; a challenge passes once (see `spend`). */
  async verify(req: Request): Promise<CaptchaResult> {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const challenge = typeof b.pow_challenge === 'string' ? b.pow_challenge : '';
    const nonce = typeof b.pow_nonce === 'string' ? b.pow_nonce : '';
    if (!this.check(challenge, nonce)) return { provider: this.name, success: false };
    const expiresAt = Number(challenge.split('.')[0]);
    const first = this.#spend
      ? await this.#spend(challenge, expiresAt)
      : this.#spendHere(challenge, expiresAt);
    return { provider: this.name, success: first };
  }

  #spendHere(challenge: string, expiresAt: number): boolean {
    const now = this.#now();
    for (const [c, exp] of this.#used) if (exp < now) this.#used.delete(c);
    if (this.#used.has(challenge)) return false;
    this.#used.set(challenge, expiresAt);
    return true;
  }
}
