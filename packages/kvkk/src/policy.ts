/**
 * Declarative anonymisation policies: plain JSON, validated with zod, so they can live in a
 * configuration file or a database row and be reviewed by a person.
 */
import { z } from 'zod';
import type { KvkkIssue, KvkkResult, ValidationIssue } from './errors.js';
import { err, issue, ok } from './internal/result.js';
import { type GeneraliseSpec, GeneraliseSpecSchema, type Linkability, OPERATORS } from './operators.js';
import { PII_KINDS, type PiiKind } from './pii.js';

const KeyIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'key id: 1–64 of [A-Za-z0-9_-]');
const PurposeSchema = z.string().min(1).max(200);

/**
 * What to do with one value found in free text (see {@link TextPolicy}):
 * - `keep` — leave it;
 * - `redact` — replace it with `replacement` (default `[TCKN]`, `[TELEFON]`, `[E-POSTA]` … per kind);
 * - `mask` — star it out, keeping `keepFirst`/`keepLast` characters;
 * - `generalise` — coarsen it (`birthDate` → `{ kind: 'date', to: 'year' }`, `phone` → prefix,
 *   `plate` → province); a value that cannot be generalised is redacted;
 * - `pseudonymize` — keyed HMAC pseudonym with the key `keyId` for `purpose`;
 * - `saltedHash` — random-salt hash;
 * - `tokenize` — reversible token with the key `keyId`.
 *
 * @example
 * ```ts
 * const r: TextRule = { op: 'mask', keepLast: 2 };
 * ```
 */
export type TextRule =
  | {
      /** Leave the value as it is. */
      readonly op: 'keep';
    }
  | {
      /** Replace the value. */
      readonly op: 'redact';
      /** The text written instead (default: a label per kind, or `[GİZLİ]` in records). */
      readonly replacement?: string | undefined;
    }
  | {
      /** Star the value out. */
      readonly op: 'mask';
      /** Characters left readable at the start. */
      readonly keepFirst?: number | undefined;
      /** Characters left readable at the end. */
      readonly keepLast?: number | undefined;
      /** The masking character (default `*`). */
      readonly char?: string | undefined;
    }
  | {
      /** Coarsen the value. */
      readonly op: 'generalise';
      /** How (see {@link GeneraliseSpec}). */
      readonly spec: GeneraliseSpec;
    }
  | {
      /** Replace the value by its keyed HMAC pseudonym. */
      readonly op: 'pseudonymize';
      /** Id of the key, looked up in the context's keys. */
      readonly keyId: string;
      /** What the pseudonyms are for. */
      readonly purpose: string;
    }
  | {
      /** Replace the value by a random-salt hash. */
      readonly op: 'saltedHash';
    }
  | {
      /** Replace the value by a reversible AES-GCM token. */
      readonly op: 'tokenize';
      /** Id of the key, looked up in the context's keys. */
      readonly keyId: string;
      /** Binds the token to a purpose. */
      readonly purpose?: string | undefined;
    };

const MaskFields = {
  keepFirst: z.number().int().min(0).max(1000).optional(),
  keepLast: z.number().int().min(0).max(1000).optional(),
  char: z.string().min(1).max(4).optional(),
};

const textRuleVariants = [
  z.object({ op: z.literal('keep') }).strict(),
  z.object({ op: z.literal('redact'), replacement: z.string().max(200).optional() }).strict(),
  z.object({ op: z.literal('mask'), ...MaskFields }).strict(),
  z.object({ op: z.literal('generalise'), spec: GeneraliseSpecSchema }).strict(),
  z.object({ op: z.literal('pseudonymize'), keyId: KeyIdSchema, purpose: PurposeSchema }).strict(),
  z.object({ op: z.literal('saltedHash') }).strict(),
  z.object({ op: z.literal('tokenize'), keyId: KeyIdSchema, purpose: PurposeSchema.optional() }).strict(),
] as const;

/**
 * zod schema for {@link TextRule}.
 *
 * @example
 * ```ts
 * TextRuleSchema.parse({ op: 'redact' });
 * ```
 */
export const TextRuleSchema: z.ZodType<TextRule> = z.discriminatedUnion('op', [...textRuleVariants]);

/**
 * How {@link anonymizeText} treats each kind of personal data it finds: a rule per kind, and a
 * default for the kinds not listed (itself defaulting to `redact`).
 *
 * @example
 * ```ts
 * const p: TextPolicy = {
 *   kinds: { phone: { op: 'mask', keepLast: 2 }, birthDate: { op: 'generalise', spec: { kind: 'date', to: 'year' } } },
 *   default: { op: 'redact' },
 * };
 * ```
 */
export interface TextPolicy {
  /** Rules per kind. */
  readonly kinds?: Readonly<Partial<Record<PiiKind, TextRule>>> | undefined;
  /** The rule for kinds not in `kinds` (default `{ op: 'redact' }`). */
  readonly default?: TextRule | undefined;
}

/**
 * zod schema for {@link TextPolicy}.
 *
 * @example
 * ```ts
 * TextPolicySchema.parse({ default: { op: 'redact' } });
 * ```
 */
export const TextPolicySchema: z.ZodType<TextPolicy> = z
  .object({
    kinds: z.partialRecord(z.enum(PII_KINDS), TextRuleSchema).optional(),
    default: TextRuleSchema.optional(),
  })
  .strict();

/**
 * What to do with one field of a record (see {@link AnonymizationPolicy}): every {@link TextRule},
 * plus
 * - `drop` — remove the field;
 * - `text` — the field is free text: find the personal data in it and treat each value by `policy`.
 *
 * A value that is `null` or `undefined` is left as it is (except by `drop`). Rules on a field that
 * holds an array apply to each element. `generalise` writes `*` when the value cannot be
 * generalised (not a date, no province in the address …).
 *
 * @example
 * ```ts
 * const r: FieldRule = { op: 'generalise', spec: { kind: 'ageBand', asOf: '2026-01-01' } };
 * ```
 */
export type FieldRule =
  | TextRule
  | {
      /** Star the value out. */
      readonly op: 'mask';
      /** Characters left readable at the start. */
      readonly keepFirst?: number | undefined;
      /** Characters left readable at the end. */
      readonly keepLast?: number | undefined;
      /** The masking character (default `*`). */
      readonly char?: string | undefined;
      /** Mask each word on its own. */
      readonly perWord?: boolean | undefined;
      /** Keep separators as they are (default `true`). */
      readonly keepSeparators?: boolean | undefined;
    }
  | {
      /** Remove the field. */
      readonly op: 'drop';
    }
  | {
      /** Treat the field as free text. */
      readonly op: 'text';
      /** How to treat what {@link findPii} finds in it. */
      readonly policy: TextPolicy;
    };

/**
 * zod schema for {@link FieldRule}.
 *
 * @example
 * ```ts
 * FieldRuleSchema.parse({ op: 'pseudonymize', keyId: 'k2026', purpose: 'analytics' });
 * FieldRuleSchema.safeParse({ op: 'hash' }).success; // false
 * ```
 */
export const FieldRuleSchema: z.ZodType<FieldRule> = z.discriminatedUnion('op', [
  textRuleVariants[0],
  textRuleVariants[1],
  z
    .object({
      op: z.literal('mask'),
      ...MaskFields,
      perWord: z.boolean().optional(),
      keepSeparators: z.boolean().optional(),
    })
    .strict(),
  textRuleVariants[3],
  textRuleVariants[4],
  textRuleVariants[5],
  textRuleVariants[6],
  z.object({ op: z.literal('drop') }).strict(),
  z.object({ op: z.literal('text'), policy: TextPolicySchema }).strict(),
]);

/**
 * A per-field anonymisation policy for records (objects, and arrays of them).
 *
 * Field paths are dotted (`address.city`); arrays are walked transparently, so `orders.phone`
 * reaches the `phone` of every element of `orders` (`orders[].phone` is the same path, written to
 * show the array). Fields not listed are dropped unless `otherFields` is `'keep'` — data
 * minimisation by default.
 *
 * @example
 * ```ts
 * const policy: AnonymizationPolicy = {
 *   fields: {
 *     name: { op: 'mask', keepFirst: 1, perWord: true },
 *     tckn: { op: 'redact' },
 *     birthDate: { op: 'generalise', spec: { kind: 'date', to: 'year' } },
 *     email: { op: 'pseudonymize', keyId: 'k2026', purpose: 'analytics' },
 *     'address.city': { op: 'keep' },
 *     notes: { op: 'text', policy: { default: { op: 'redact' } } },
 *   },
 *   otherFields: 'drop',
 * };
 * ```
 */
export interface AnonymizationPolicy {
  /** Rules by field path. */
  readonly fields: { readonly [path: string]: FieldRule };
  /** Fields not listed: `'drop'` (default) or `'keep'`. */
  readonly otherFields?: 'keep' | 'drop' | undefined;
}

const PATH = /^[^.\s[\]]+(?:\[\])?(?:\.[^.\s[\]]+(?:\[\])?)*$/u;

/**
 * zod schema for {@link AnonymizationPolicy}. It also rejects two rules where one path is inside
 * the other (`address` and `address.city`), since only one of them could apply.
 *
 * @example
 * ```ts
 * AnonymizationPolicySchema.parse({ fields: { tckn: { op: 'redact' } } });
 * AnonymizationPolicySchema.safeParse({ fields: { a: { op: 'drop' }, 'a.b': { op: 'keep' } } }).success; // false
 * ```
 */
export const AnonymizationPolicySchema: z.ZodType<AnonymizationPolicy> = z
  .object({
    fields: z.record(
      z.string().regex(PATH, 'a dotted field path such as address.city or orders[].phone'),
      FieldRuleSchema,
    ),
    otherFields: z.enum(['keep', 'drop']).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const paths = Object.keys(p.fields).map((k) => ({ k, norm: normalisePath(k) }));
    const seen = new Map<string, string>();
    for (const { k, norm } of paths) {
      const prev = seen.get(norm);
      if (prev !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['fields', k],
          message: `same path as ${JSON.stringify(prev)}`,
        });
      seen.set(norm, k);
    }
    for (const a of paths)
      for (const b of paths)
        if (a !== b && b.norm.startsWith(`${a.norm}.`))
          ctx.addIssue({
            code: 'custom',
            path: ['fields', b.k],
            message: `inside ${JSON.stringify(a.k)}, which already has a rule`,
          });
  });

/** `orders[].phone` → `orders.phone`. @internal */
export function normalisePath(path: string): string {
  return path.replace(/\[\]/g, '');
}

/**
 * Why a policy was rejected: the zod issues, flattened to paths and messages.
 *
 * @example
 * ```ts
 * const r = parseAnonymizationPolicy({ fields: { x: { op: 'nope' } } });
 * if (!r.ok) {
 *   const e: PolicyError = r.error;
 *   console.log(e.issues[0]?.path); // ['fields', 'x', 'op']
 * }
 * ```
 */
export interface PolicyError extends KvkkIssue<'invalid_policy'> {
  /** Each problem with its path in the policy. */
  readonly issues: readonly ValidationIssue[];
}

/** @internal */
export function policyError(e: z.ZodError): PolicyError {
  return {
    ...issue('invalid_policy', 'Anonimleştirme politikası geçersiz', 'The anonymisation policy is invalid'),
    issues: e.issues.map((i) => ({ path: i.path, message: i.message })),
  };
}

/**
 * Validates an anonymisation policy that comes from outside (a JSON file, a database row).
 *
 * @example
 * ```ts
 * const r = parseAnonymizationPolicy(JSON.parse(readFileSync('policy.json', 'utf8')));
 * if (!r.ok) throw new Error(r.error.issues.map((i) => i.message).join('; '));
 * anonymizeRecord(customer, r.value);
 * ```
 */
export function parseAnonymizationPolicy(input: unknown): KvkkResult<AnonymizationPolicy, PolicyError> {
  const r = AnonymizationPolicySchema.safeParse(input);
  return r.success ? ok(r.data) : err(policyError(r.error));
}

/**
 * One field of a {@link PolicyDescription}.
 *
 * @example
 * ```ts
 * const f: PolicyFieldDescription = { path: 'email', op: 'pseudonymize', linkability: 'keyed' };
 * ```
 */
export interface PolicyFieldDescription {
  /** The field path. */
  readonly path: string;
  /** Its operation. */
  readonly op: FieldRule['op'];
  /** The operation's linkability; `kept` for `keep`, `removed` for `drop`. */
  readonly linkability: Linkability | 'kept' | 'removed';
}

/**
 * What a policy does to linkability, for reviews and for destruction records.
 *
 * @example
 * ```ts
 * const d: PolicyDescription = describeAnonymizationPolicy({ fields: { tckn: { op: 'redact' } } });
 * d.stillPersonalData; // 'no'
 * ```
 */
export interface PolicyDescription {
  /** Each field with its operation and that operation's linkability (`kept` for `keep`). */
  readonly fields: readonly PolicyFieldDescription[];
  /** The strongest linkability of any operator the policy uses (`none` when it uses none). */
  readonly linkability: Linkability;
  /**
   * Whether the output is still personal data: `yes` when a keyed or reversible operator is used,
   * `depends` when values are kept, masked or generalised (check k-anonymity) or other fields are
   * kept, `no` otherwise.
   */
  readonly stillPersonalData: 'yes' | 'no' | 'depends';
  /** Every key id the policy uses, sorted — list them in the destruction record. */
  readonly keyIds: readonly string[];
}

const RANK: Record<Linkability, number> = { none: 0, keyed: 1, reversible: 2 };

function ruleLinkability(r: TextRule | FieldRule): Linkability | 'kept' | 'removed' {
  switch (r.op) {
    case 'keep':
      return 'kept';
    case 'drop':
      return 'removed';
    case 'text': {
      let worst: Linkability = 'none';
      const rules = [...Object.values(r.policy.kinds ?? {}), r.policy.default ?? { op: 'redact' as const }];
      for (const x of rules) {
        const l = x ? ruleLinkability(x) : 'none';
        if (l === 'kept') return 'kept';
        if (l !== 'removed' && RANK[l] > RANK[worst]) worst = l;
      }
      return worst;
    }
    default:
      return OPERATORS[r.op].linkability;
  }
}

/**
 * Describes a policy: each field's operation and linkability, the strongest linkability overall,
 * whether the output is still personal data, and the key ids used.
 *
 * @throws {@link KvkkError} `invalid_policy` when the policy does not validate
 *
 * @example
 * ```ts
 * describeAnonymizationPolicy({
 *   fields: { email: { op: 'pseudonymize', keyId: 'k2026', purpose: 'analytics' }, tckn: { op: 'redact' } },
 * });
 * // { linkability: 'keyed', stillPersonalData: 'yes', keyIds: ['k2026'], fields: [...] }
 * ```
 */
export function describeAnonymizationPolicy(policy: AnonymizationPolicy): PolicyDescription {
  const fields: PolicyFieldDescription[] = [];
  let worst: Linkability = 'none';
  let depends = policy.otherFields === 'keep';
  const keyIds = new Set<string>();
  const collectKeys = (r: TextRule | FieldRule): void => {
    if (r.op === 'pseudonymize' || r.op === 'tokenize') keyIds.add(r.keyId);
    if (r.op === 'text')
      for (const x of [...Object.values(r.policy.kinds ?? {}), r.policy.default]) if (x) collectKeys(x);
  };
  for (const [path, rule] of Object.entries(policy.fields)) {
    const l = ruleLinkability(rule);
    fields.push({ path, op: rule.op, linkability: l });
    collectKeys(rule);
    if (l === 'kept' || rule.op === 'mask' || rule.op === 'generalise') depends = true;
    if (rule.op === 'text') {
      for (const x of [...Object.values(rule.policy.kinds ?? {}), rule.policy.default])
        if (x && (x.op === 'mask' || x.op === 'generalise')) depends = true;
    }
    if (l !== 'kept' && l !== 'removed' && RANK[l] > RANK[worst]) worst = l;
  }
  return {
    fields,
    linkability: worst,
    stillPersonalData: worst !== 'none' ? 'yes' : depends ? 'depends' : 'no',
    keyIds: [...keyIds].sort(),
  };
}
