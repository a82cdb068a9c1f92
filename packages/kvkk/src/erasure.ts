/**
 * Erasure plans: what to do with each field of a person's data when they ask for deletion
 * (KVKK art. 11(1)(e), art. 7; Deletion Regulation, request-based destruction within 30 days).
 */
import { deadline } from '@izinkit/calendar';
import type { Localized } from './errors.js';
import { KvkkError } from './errors.js';
import { type DestructionMethod, type RetentionPolicy, retentionEndsAt } from './retention.js';

/**
 * One field of the person's data, with its category and when its retention clock started.
 *
 * @example
 * ```ts
 * const f: ErasureField = { path: 'consents[0]', category: 'etk-consent-records', retentionStartsAt: '2026-03-01T10:00:00+03:00' };
 * ```
 */
export interface ErasureField {
  /** Where the field is (table.column, a JSON path …). */
  readonly path: string;
  /** Its data category (a {@link RetentionPolicy}'s `category`). */
  readonly category: string;
  /**
   * When its retention period started (the event its policy names). When absent — say a consent
   * that the erasure request itself ends — the period starts at `now`.
   */
  readonly retentionStartsAt?: Date | string | undefined;
}

/**
 * The decision for one field.
 *
 * @example
 * ```ts
 * const d: ErasureDecision = { path: 'email', category: 'contact', action: 'delete', method: 'delete', reason: { tr: '…', en: '…' } };
 * ```
 */
export interface ErasureDecision {
  /** The field. */
  readonly path: string;
  /** Its category. */
  readonly category: string;
  /** Delete it, anonymise it, or keep it for now. */
  readonly action: 'delete' | 'anonymise' | 'keep';
  /** For delete/anonymise: the method of the category's policy (`delete` when there is none). */
  readonly method?: DestructionMethod | undefined;
  /** The technique of the category's policy. */
  readonly technique?: string | undefined;
  /** Why, for people. */
  readonly reason: Localized;
  /** For `keep`: the legal basis that requires keeping it. */
  readonly legalBasis?: string | undefined;
  /** For `keep`: when the obligation ends (ISO); the periodic destruction takes it from there. */
  readonly keepUntil?: string | undefined;
}

/**
 * The plan for one erasure request.
 *
 * @example
 * ```ts
 * const p: ErasurePlan = planErasure({ fields, policies, now: new Date() });
 * p.summary; // { delete: 3, anonymise: 1, keep: 2 }
 * ```
 */
export interface ErasurePlan {
  /** The instant the plan was made for (ISO). */
  readonly at: string;
  /** The application, when given. */
  readonly applicationId?: string | undefined;
  /**
   * When the request must be carried out: `deadline('KVKK_DELETION_REQUEST', requestReceivedAt)`
   * (30 days), when `requestReceivedAt` was given.
   */
  readonly dueBy?: string | undefined;
  /** One decision per field, in input order. */
  readonly decisions: readonly ErasureDecision[];
  /** Counts per action. */
  readonly summary: {
    /** Fields to delete. */
    readonly delete: number;
    /** Fields to anonymise. */
    readonly anonymise: number;
    /** Fields to keep for now. */
    readonly keep: number;
  };
  /** Categories no policy covers (their fields are deleted: nothing requires keeping them). */
  readonly unknownCategories: readonly string[];
}

/**
 * Input of {@link planErasure}.
 *
 * @example
 * ```ts
 * const input: ErasureInput = { fields, policies: [CONSENT_RECORD_POLICY], now: new Date(), applicationId: 'B-1' };
 * ```
 */
export interface ErasureInput {
  /** The person's data, field by field. */
  readonly fields: readonly ErasureField[];
  /** The retention policies, one per category. */
  readonly policies: readonly RetentionPolicy[];
  /** The instant to decide at. */
  readonly now: Date;
  /** The application that asked. */
  readonly applicationId?: string | undefined;
  /** When the request reached the controller, to compute `dueBy`. */
  readonly requestReceivedAt?: Date | string | undefined;
}

/**
 * Decides, field by field, what an erasure request leads to:
 * - **keep** when the category's policy says a legal duty overrides erasure
 *   (`keepOnErasureRequest`) and its retention has not ended — with the legal basis and the date
 *   the duty ends (e.g. ETK consent records: 3 years from the end of the consent, which the request
 *   itself may be);
 * - **anonymise** when the category's method is anonymisation;
 * - **delete** otherwise (the category's method: deletion or destruction), and for categories no
 *   policy covers.
 *
 * @throws {@link KvkkError} `invalid_argument` for an invalid `now` or date
 *
 * @example
 * ```ts
 * const plan = planErasure({
 *   fields: [
 *     { path: 'customer.email', category: 'contact' },
 *     { path: 'consents', category: 'etk-consent-records' },
 *   ],
 *   policies: [
 *     CONSENT_RECORD_POLICY,
 *     { category: 'contact', retention: { years: 1 }, retentionStartsAt: 'relationship_end', legalBasis: 'KVKK 5(2)(c)', method: 'delete', keepOnErasureRequest: false },
 *   ],
 *   now: new Date('2026-03-01T10:00:00+03:00'),
 *   requestReceivedAt: '2026-03-01T10:00:00+03:00',
 * });
 * plan.decisions.map((d) => d.action); // ['delete', 'keep']
 * plan.decisions[1]?.keepUntil; // '2029-03-01T20:59:59.999Z'
 * ```
 */
export function planErasure(input: ErasureInput): ErasurePlan {
  const now = input.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new KvkkError('invalid_argument', {
      tr: 'now geçerli bir Date olmalı',
      en: 'now must be a valid Date',
    });
  const policies = new Map<string, RetentionPolicy>();
  for (const p of input.policies) if (!policies.has(p.category)) policies.set(p.category, p);
  const unknown = new Set<string>();
  const summary = { delete: 0, anonymise: 0, keep: 0 };
  const decisions = input.fields.map((f): ErasureDecision => {
    const p = policies.get(f.category);
    if (!p) {
      unknown.add(f.category);
      summary.delete++;
      return {
        path: f.path,
        category: f.category,
        action: 'delete',
        method: 'delete',
        reason: {
          tr: 'Bu kategori için saklama politikası yok; saklamayı gerektiren bir yükümlülük tanımlanmamış.',
          en: 'No retention policy covers this category; no duty to keep it is defined.',
        },
      };
    }
    if (p.keepOnErasureRequest) {
      const end = retentionEndsAt(p, f.retentionStartsAt ?? now);
      if (end.getTime() > now.getTime()) {
        summary.keep++;
        return {
          path: f.path,
          category: f.category,
          action: 'keep',
          reason: {
            tr: 'Kanuni saklama yükümlülüğü sürüyor; süre bitince periyodik imhada yok edilecek.',
            en: 'A legal duty to keep it is still running; periodic destruction takes it when it ends.',
          },
          legalBasis: p.legalBasis,
          keepUntil: end.toISOString(),
        };
      }
    }
    const action = p.method === 'anonymise' ? 'anonymise' : 'delete';
    summary[action]++;
    return {
      path: f.path,
      category: f.category,
      action,
      method: p.method,
      ...(p.technique !== undefined ? { technique: p.technique } : {}),
      reason:
        action === 'anonymise'
          ? {
              tr: 'Politika bu kategori için anonimleştirme öngörüyor.',
              en: 'The policy anonymises this category.',
            }
          : {
              tr: 'Saklamayı gerektiren bir yükümlülük yok; talep üzerine silinir.',
              en: 'No duty to keep it; it is erased on request.',
            },
    };
  });
  let dueBy: string | undefined;
  if (input.requestReceivedAt !== undefined) {
    const r =
      input.requestReceivedAt instanceof Date ? input.requestReceivedAt : new Date(input.requestReceivedAt);
    if (Number.isNaN(r.getTime()))
      throw new KvkkError('invalid_argument', {
        tr: 'requestReceivedAt geçerli bir an değil',
        en: 'requestReceivedAt is not a valid instant',
      });
    dueBy = deadline('KVKK_DELETION_REQUEST', r).toISOString();
  }
  return {
    at: now.toISOString(),
    ...(input.applicationId !== undefined ? { applicationId: input.applicationId } : {}),
    ...(dueBy !== undefined ? { dueBy } : {}),
    decisions,
    summary,
    unknownCategories: [...unknown].sort(),
  };
}
