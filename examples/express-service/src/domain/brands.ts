/**
 * The brands this hub serves, with what every message and agreement text must carry: the trade
 * name and MERSİS number (sender identity, ETK art. 6) and how to refuse (RET instructions, the
 * short number).
 */
import type { Database } from '@izinkit/postgres';
import { z } from 'zod';
import type { Localized } from '../i18n.js';

/** A brand of the hub. */
export interface Brand {
  /** İYS brand code. */
  readonly code: string;
  /** Brand name shown to people. */
  readonly name: string;
  /** Registered trade name (ticaret unvanı). */
  readonly tradeName: string;
  /** 16-digit MERSİS number. */
  readonly mersis: string;
  /** The RET short number, if the brand has one. */
  readonly shortNumber: string | null;
  /** How to refuse, per language. */
  readonly retInstructions: Localized;
  /** Contact e-mail for KVKK applications. */
  readonly contactEmail: string | null;
}

/** zod schema of a brand (API input). */
export const BrandSchema: z.ZodType<Brand> = z.strictObject({
  code: z.string().regex(/^[0-9]{1,12}$/),
  name: z.string().min(1).max(200),
  tradeName: z.string().min(1).max(300),
  mersis: z.string().regex(/^[0-9]{16}$/),
  shortNumber: z
    .string()
    .regex(/^[0-9]{3,6}$/)
    .nullable(),
  retInstructions: z.strictObject({ tr: z.string().min(1).max(300), en: z.string().min(1).max(300) }),
  contactEmail: z.email().max(254).nullable(),
});

/** The two demo brands the simulator knows (codes 600000 and 600001). */
export const DEMO_BRANDS: readonly Brand[] = [
  {
    code: '600000',
    name: 'Örnek Market',
    tradeName: 'Örnek Market Ticaret A.Ş.',
    mersis: '0720106477000001',
    shortNumber: '3338',
    retInstructions: {
      tr: "RET ORNEK yazıp 3338'e ücretsiz SMS gönderin",
      en: 'text RET ORNEK to 3338 (free of charge)',
    },
    contactEmail: 'kvkk@ornek-market.example',
  },
  {
    code: '600001',
    name: 'Örnek Yayın',
    tradeName: 'Örnek Yayıncılık Ltd. Şti.',
    mersis: '0720106477000002',
    shortNumber: '3339',
    retInstructions: {
      tr: "RET YAYIN yazıp 3339'a ücretsiz SMS gönderin",
      en: 'text RET YAYIN to 3339 (free of charge)',
    },
    contactEmail: 'kvkk@ornek-yayin.example',
  },
];

interface BrandRow {
  code: string;
  name: string;
  trade_name: string;
  mersis: string;
  short_number: string | null;
  ret_instructions: Localized;
  contact_email: string | null;
}

const toBrand = (r: BrandRow): Brand => ({
  code: r.code,
  name: r.name,
  tradeName: r.trade_name,
  mersis: r.mersis,
  shortNumber: r.short_number,
  retInstructions: r.ret_instructions,
  contactEmail: r.contact_email,
});

/**
 * The brand directory, cached in memory for a few seconds (every process reads the same table).
 *
 * @example
 * ```ts
 * const brands = new BrandDirectory(db);
 * const b = await brands.get('600000');
 * ```
 */
export class BrandDirectory {
  readonly #db: Database;
  #cache: { at: number; brands: Map<string, Brand> } | undefined;
  #loading: Promise<Map<string, Brand>> | undefined;
  readonly #ttlMs: number;

  /**
   * @param db - the migrated database
   * @param ttlMs - how long a read is reused
   */
  constructor(db: Database, ttlMs = 5000) {
    this.#db = db;
    this.#ttlMs = ttlMs;
  }

  /** Every brand, by code. */
  async all(): Promise<Map<string, Brand>> {
    const now = Date.now();
    if (this.#cache && now - this.#cache.at < this.#ttlMs) return this.#cache.brands;
    // One read for all the requests that find the cache expired at the same moment (not one each).
    if (!this.#loading) {
      const loading = this.#db
        .query<BrandRow>('select * from service_brands order by code')
        .then(({ rows }) => {
          const brands = new Map(rows.map((r) => [r.code, toBrand(r)]));
          if (this.#loading === loading) this.#cache = { at: now, brands };
          return brands;
        })
        .finally(() => {
          if (this.#loading === loading) this.#loading = undefined;
        });
      this.#loading = loading;
    }
    return this.#loading;
  }

  /** One brand, or `undefined`. */
  async get(code: string): Promise<Brand | undefined> {
    return (await this.all()).get(code);
  }

  /** Creates or updates a brand. */
  async upsert(brand: Brand): Promise<void> {
    await this.#db.query(
      `insert into service_brands (code, name, trade_name, mersis, short_number, ret_instructions, contact_email)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7)
       on conflict (code) do update set name = excluded.name, trade_name = excluded.trade_name, mersis = excluded.mersis,
         short_number = excluded.short_number, ret_instructions = excluded.ret_instructions,
         contact_email = excluded.contact_email, updated_at = now()`,
      [
        brand.code,
        brand.name,
        brand.tradeName,
        brand.mersis,
        brand.shortNumber,
        JSON.stringify(brand.retInstructions),
        brand.contactEmail,
      ],
    );
    this.#forget();
  }

  /** Creates a brand only if it does not exist (demo seeding). */
  async ensure(brand: Brand): Promise<boolean> {
    const r = await this.#db.query(
      `insert into service_brands (code, name, trade_name, mersis, short_number, ret_instructions, contact_email)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7) on conflict (code) do nothing`,
      [
        brand.code,
        brand.name,
        brand.tradeName,
        brand.mersis,
        brand.shortNumber,
        JSON.stringify(brand.retInstructions),
        brand.contactEmail,
      ],
    );
    this.#forget();
    return r.rowCount > 0;
  }

  /** Drops the cache, and a read in flight that started before a write (its answer may be stale). */
  #forget(): void {
    this.#cache = undefined;
    this.#loading = undefined;
  }
}
