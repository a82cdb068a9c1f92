/**
 * Applying anonymisation policies: to records (objects and arrays of them) and to free text.
 * Policies are validated and compiled once per policy object, then applied at full speed.
 */
import { type KeyLookup, pseudonymizer, type RandomSource, saltedHash, tokenize } from './crypto.js';
import { KvkkError } from './errors.js';
import { generalise, generaliser, masker, redact } from './operators.js';
import { findPii, type PiiKind } from './pii.js';
import {
  type AnonymizationPolicy,
  AnonymizationPolicySchema,
  type FieldRule,
  normalisePath,
  policyError,
  type TextPolicy,
  TextPolicySchema,
  type TextRule,
} from './policy.js';

/**
 * Keys and randomness for the keyed operators of a policy. Policies name keys by id only, so that a
 * policy is plain data that can be stored and reviewed; the keys come from here.
 *
 * @example
 * ```ts
 * const ctx: AnonymizeContext = { keys: { k2026: randomBytes(32) } };
 * ```
 */
export interface AnonymizeContext {
  /** Keys by id, for `pseudonymize` and `tokenize` rules. */
  readonly keys?: KeyLookup | undefined;
  /** Randomness for `saltedHash` and `tokenize` (default `crypto.randomBytes`). */
  readonly random?: RandomSource | undefined;
}

type Fn = (v: unknown) => unknown;

const DROP: unique symbol = Symbol('drop');

/**
 * The label {@link anonymizeText} writes for a redacted value of each kind when the rule gives no
 * replacement.
 *
 * @example
 * ```ts
 * REDACTION_LABELS.phone; // '[TELEFON]'
 * ```
 */
export const REDACTION_LABELS: { readonly [K in PiiKind]: string } = {
  tckn: '[TCKN]',
  vkn: '[VKN]',
  iban: '[IBAN]',
  phone: '[TELEFON]',
  email: '[E-POSTA]',
  plate: '[PLAKA]',
  mersis: '[MERSİS]',
  birthDate: '[TARİH]',
};

function keyFor(ctx: AnonymizeContext | undefined, keyId: string): Uint8Array {
  const keys = ctx?.keys;
  const key =
    keys === undefined
      ? undefined
      : typeof keys === 'function'
        ? keys(keyId)
        : Object.hasOwn(keys, keyId)
          ? keys[keyId]
          : undefined;
  if (!key)
    throw new KvkkError('unknown_key', {
      tr: `Politikadaki anahtar bağlamda yok: ${keyId}`,
      en: `The policy uses key id ${keyId}, which the context does not hold`,
    });
  return key;
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** Compiles a rule for strings. `label` is the default redaction text. */
function compileStringRule(
  rule: TextRule | FieldRule,
  ctx: AnonymizeContext | undefined,
  label: string,
): (s: string) => string {
  switch (rule.op) {
    case 'keep':
      return (s) => s;
    case 'redact': {
      const r = redact(undefined, rule.replacement ?? label);
      return () => r;
    }
    case 'mask':
      return masker(rule);
    case 'generalise': {
      const g = generaliser(rule.spec);
      return (s) => g(s) ?? '*';
    }
    case 'pseudonymize': {
      return pseudonymizer({ key: keyFor(ctx, rule.keyId), keyId: rule.keyId, purpose: rule.purpose });
    }
    case 'saltedHash': {
      const o = ctx?.random ? { random: ctx.random } : undefined;
      return (s) => saltedHash(s, o);
    }
    case 'tokenize': {
      const o = {
        key: keyFor(ctx, rule.keyId),
        keyId: rule.keyId,
        ...(rule.purpose !== undefined ? { purpose: rule.purpose } : {}),
        ...(ctx?.random ? { random: ctx.random } : {}),
      };
      return (s) => tokenize(s, o);
    }
    case 'text': {
      const t = compileText(rule.policy, ctx);
      return (s) => t(s).text;
    }
    case 'drop':
      return () => '';
  }
}

interface TextResult {
  readonly text: string;
  readonly counts: Partial<Record<PiiKind, number>>;
}

function compileText(policy: TextPolicy, ctx: AnonymizeContext | undefined): (text: string) => TextResult {
  const def: TextRule = policy.default ?? { op: 'redact' };
  const rules = {} as Record<PiiKind, (s: string) => string>;
  const kept = new Set<PiiKind>();
  for (const kind of Object.keys(REDACTION_LABELS) as PiiKind[]) {
    const rule = policy.kinds?.[kind] ?? def;
    if (rule.op === 'keep') kept.add(kind);
    const f = compileStringRule(rule, ctx, REDACTION_LABELS[kind]);
    // A value that cannot be generalised is redacted, never left in clear.
    rules[kind] =
      rule.op === 'generalise'
        ? (s) => {
            const r = generalise(s, rule.spec);
            return r.ok ? r.value : REDACTION_LABELS[kind];
          }
        : f;
  }
  return (text) => {
    const matches = findPii(text);
    const counts: Partial<Record<PiiKind, number>> = {};
    if (matches.length === 0) return { text, counts };
    let out = '';
    let last = 0;
    for (const m of matches) {
      counts[m.kind] = (counts[m.kind] ?? 0) + 1;
      if (kept.has(m.kind)) continue;
      out += text.slice(last, m.start) + rules[m.kind](m.value);
      last = m.end;
    }
    return { text: out + text.slice(last), counts };
  };
}

function compileFieldRule(rule: FieldRule, ctx: AnonymizeContext | undefined): Fn {
  if (rule.op === 'drop') return () => DROP;
  if (rule.op === 'keep') return (v) => v;
  const f = compileStringRule(rule, ctx, '[GİZLİ]');
  // Numbers and dates go to the generaliser as they are; everything else as a string.
  const g = rule.op === 'generalise' ? generaliser(rule.spec) : undefined;
  const one = g
    ? (v: unknown): unknown => (v === null || v === undefined ? v : (g(v) ?? '*'))
    : (v: unknown): unknown => (v === null || v === undefined ? v : f(str(v)));
  return (v) => (Array.isArray(v) ? v.map(one) : one(v));
}

interface Node {
  rule?: Fn;
  readonly children: Map<string, Node>;
}

function compilePolicy(policy: AnonymizationPolicy, ctx: AnonymizeContext | undefined): Fn {
  const root: Node = { children: new Map() };
  for (const [path, rule] of Object.entries(policy.fields)) {
    let node = root;
    for (const seg of normalisePath(path).split('.')) {
      let next = node.children.get(seg);
      if (!next) {
        next = { children: new Map() };
        node.children.set(seg, next);
      }
      node = next;
    }
    node.rule = compileFieldRule(rule, ctx);
  }
  const keepOthers = policy.otherFields === 'keep';
  const apply = (node: Node, v: unknown): unknown => {
    if (node.rule) return node.rule(v);
    if (Array.isArray(v)) return v.map((e) => apply(node, e));
    if (v === null || typeof v !== 'object' || v instanceof Date) return keepOthers ? v : DROP;
    const out: Record<string, unknown> = {};
    const obj = v as Record<string, unknown>;
    // Own enumerable keys in Object.keys order, without allocating the keys array per record.
    for (const k in obj) {
      if (!Object.hasOwn(obj, k)) continue;
      const child = node.children.get(k);
      if (child === undefined) {
        if (keepOthers) out[k] = obj[k];
        continue;
      }
      const r = apply(child, obj[k]);
      if (r !== DROP) out[k] = r;
    }
    return out;
  };
  return (record) => {
    const r = apply(root, record);
    return r === DROP ? {} : r;
  };
}

const NO_CTX = {};
const compiled = new WeakMap<object, WeakMap<object, Fn>>();
const compiledText = new WeakMap<object, WeakMap<object, (t: string) => TextResult>>();

function cached<F>(
  cache: WeakMap<object, WeakMap<object, F>>,
  policy: object,
  ctx: AnonymizeContext | undefined,
  build: () => F,
): F {
  let byCtx = cache.get(policy);
  if (!byCtx) {
    byCtx = new WeakMap();
    cache.set(policy, byCtx);
  }
  const c = ctx ?? NO_CTX;
  let f = byCtx.get(c);
  if (!f) {
    f = build();
    byCtx.set(c, f);
  }
  return f;
}

function invalid(cause: unknown): KvkkError {
  return new KvkkError(
    'invalid_policy',
    { tr: 'Anonimleştirme politikası geçersiz', en: 'The anonymisation policy is invalid' },
    { cause },
  );
}

/**
 * What {@link anonymizeRecord} returns for an input of type `T`: an array of plain objects for an
 * array, a plain object otherwise.
 *
 * @example
 * ```ts
 * type One = Anonymized<{ tckn: string }>; // Record<string, unknown>
 * type Many = Anonymized<{ tckn: string }[]>; // Record<string, unknown>[]
 * ```
 */
export type Anonymized<T> = T extends readonly unknown[]
  ? Record<string, unknown>[]
  : Record<string, unknown>;

/**
 * Applies an {@link AnonymizationPolicy} to a record — or to each record of an array — and returns
 * new objects (the input is not modified). Nested fields and arrays are walked as the policy's paths
 * say; fields the policy does not name are dropped unless `otherFields: 'keep'`.
 *
 * The policy is validated with zod and compiled the first time it is used (per policy object and
 * context), so reuse the same policy object for many records.
 *
 * @param record - an object or an array of objects
 * @param policy - the per-field rules
 * @param context - keys for `pseudonymize`/`tokenize` rules, randomness for `saltedHash`/`tokenize`
 * @throws {@link KvkkError} `invalid_policy` (with the zod error as `cause`), `unknown_key` when a
 * rule names a key id the context does not hold
 *
 * @example
 * ```ts
 * const policy: AnonymizationPolicy = {
 *   fields: {
 *     name: { op: 'mask', keepFirst: 1, perWord: true },
 *     tckn: { op: 'redact' },
 *     birthDate: { op: 'generalise', spec: { kind: 'date', to: 'year' } },
 *     phone: { op: 'generalise', spec: { kind: 'phone' } },
 *     city: { op: 'keep' },
 *   },
 * };
 * anonymizeRecord(
 *   { name: 'Ayşe Yılmaz', tckn: '10000000146', birthDate: '1990-05-17', phone: '0532 123 45 67', city: 'İzmir', iban: 'TR…' },
 *   policy,
 * );
 * // { name: 'A*** Y*****', tckn: '[GİZLİ]', birthDate: '1990', phone: '+90 532', city: 'İzmir' }
 * ```
 */
export function anonymizeRecord<T extends object>(
  record: T,
  policy: AnonymizationPolicy,
  context?: AnonymizeContext,
): Anonymized<T> {
  const f = cached(compiled, policy, context, () => {
    const r = AnonymizationPolicySchema.safeParse(policy);
    if (!r.success) throw invalid(policyError(r.error));
    return compilePolicy(r.data, context);
  });
  return f(record) as Anonymized<T>;
}

/**
 * The result of {@link anonymizeTextWithReport}: the text and how many values of each kind were found.
 *
 * @example
 * ```ts
 * const r: AnonymizedText = anonymizeTextWithReport('TCKN 10000000146');
 * r.counts.tckn; // 1
 * ```
 */
export interface AnonymizedText {
  /** The anonymised text. */
  readonly text: string;
  /** Values found per kind (kept ones included). */
  readonly counts: Readonly<Partial<Record<PiiKind, number>>>;
}

function textFn(
  policy: TextPolicy | undefined,
  context: AnonymizeContext | undefined,
): (t: string) => TextResult {
  const p = policy ?? DEFAULT_TEXT_POLICY;
  return cached(compiledText, p, context, () => {
    const r = TextPolicySchema.safeParse(p);
    if (!r.success) throw invalid(policyError(r.error));
    return compileText(r.data, context);
  });
}

const DEFAULT_TEXT_POLICY: TextPolicy = { default: { op: 'redact' } };

/**
 * Finds personal data in free text with {@link findPii} and replaces each value as the policy says
 * for its kind — by default every value is redacted to a label such as `[TCKN]` or `[TELEFON]`
 * ({@link REDACTION_LABELS}).
 *
 * @throws {@link KvkkError} `invalid_policy`, `unknown_key`
 *
 * @example
 * ```ts
 * anonymizeText('Ayşe, TCKN 10000000146, tel 0532 123 45 67');
 * // 'Ayşe, TCKN [TCKN], tel [TELEFON]'
 * anonymizeText('tel 0532 123 45 67', { kinds: { phone: { op: 'mask', keepLast: 2 } } });
 * // 'tel **** *** ** 67'
 * ```
 */
export function anonymizeText(text: string, policy?: TextPolicy, context?: AnonymizeContext): string {
  return textFn(policy, context)(text).text;
}

/**
 * {@link anonymizeText}, also returning how many values of each kind were found — the counts a
 * destruction or anonymisation record asks for.
 *
 * @example
 * ```ts
 * anonymizeTextWithReport('ali@example.com, 0532 123 45 67');
 * // { text: '[E-POSTA], [TELEFON]', counts: { email: 1, phone: 1 } }
 * ```
 */
export function anonymizeTextWithReport(
  text: string,
  policy?: TextPolicy,
  context?: AnonymizeContext,
): AnonymizedText {
  return textFn(policy, context)(text);
}
