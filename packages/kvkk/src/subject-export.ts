/**
 * The export of a person's data for an application under KVKK art. 11 — what is processed, why,
 * on what basis, who received it — as JSON and as XML.
 */
import { z } from 'zod';
import type { KvkkIssue, KvkkResult, ValidationIssue } from './errors.js';
import { err, issue, ok } from './internal/result.js';
import { type JsonValue, toXml } from './xml.js';

/**
 * One category of the person's data with the facts art. 11(1)(b), (c) and (ç) ask for.
 *
 * @example
 * ```ts
 * const c: SubjectDataCategory = {
 *   category: 'iletişim',
 *   purposes: ['sipariş teslimi'],
 *   legalBasis: 'KVKK 5(2)(c) — sözleşmenin ifası',
 *   recipients: ['kargo şirketi'],
 *   records: [{ telefon: '+905321234567', eposta: 'ayse@example.com' }],
 * };
 * ```
 */
export interface SubjectDataCategory {
  /** The data category. */
  readonly category: string;
  /** Why it is processed. */
  readonly purposes: readonly string[];
  /** The processing condition (KVKK art. 5 or 6). */
  readonly legalBasis?: string | undefined;
  /** Third parties (in Türkiye or abroad) it was transferred to. */
  readonly recipients?: readonly string[] | undefined;
  /** Where it came from, when not from the person. */
  readonly source?: string | undefined;
  /** How long it is kept. */
  readonly retention?: string | undefined;
  /** The data itself. */
  readonly records: readonly { readonly [field: string]: JsonValue }[];
}

/**
 * The data controller (veri sorumlusu) producing an export.
 *
 * @example
 * ```ts
 * const c: DataController = { name: 'Örnek A.Ş.', contact: 'kvkk@ornek.com.tr', verbisNo: '12345' };
 * ```
 */
export interface DataController {
  /** Name or trade name. */
  readonly name: string;
  /** Where to reach the controller about personal data. */
  readonly contact?: string | undefined;
  /** VERBİS registration number, if registered. */
  readonly verbisNo?: string | undefined;
}

/**
 * The person an export is about.
 *
 * @example
 * ```ts
 * const s: SubjectReference = { reference: 'customer-42', name: 'Ayşe Yılmaz' };
 * ```
 */
export interface SubjectReference {
  /** The controller's reference to the person. */
  readonly reference: string;
  /** The person's name. */
  readonly name?: string | undefined;
}

/**
 * A person's data export.
 *
 * @example
 * ```ts
 * const r = buildSubjectExport(input);
 * if (r.ok) {
 *   const e: SubjectDataExport = r.value;
 *   console.log(e.categories.length);
 * }
 * ```
 */
export interface SubjectDataExport {
  /** Format identifier and version. */
  readonly format: 'izinkit.kvkk.subject-export/1';
  /** When it was produced (ISO instant). */
  readonly generatedAt: string;
  /** The data controller. */
  readonly controller: DataController;
  /** The person, as the controller refers to them. */
  readonly subject: SubjectReference;
  /** The application answered by this export. */
  readonly applicationId?: string | undefined;
  /** The data, by category. */
  readonly categories: readonly SubjectDataCategory[];
}

const Json: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().finite(),
    z.boolean(),
    z.null(),
    z.array(Json),
    z.record(z.string(), Json),
  ]),
);

/**
 * zod schema for {@link SubjectDataExport}.
 *
 * @example
 * ```ts
 * SubjectDataExportSchema.parse(JSON.parse(json));
 * ```
 */
export const SubjectDataExportSchema: z.ZodType<SubjectDataExport> = z
  .object({
    format: z.literal('izinkit.kvkk.subject-export/1'),
    generatedAt: z.iso.datetime(),
    controller: z
      .object({ name: z.string().min(1), contact: z.string().optional(), verbisNo: z.string().optional() })
      .strict(),
    subject: z.object({ reference: z.string().min(1), name: z.string().optional() }).strict(),
    applicationId: z.string().optional(),
    categories: z.array(
      z
        .object({
          category: z.string().min(1),
          purposes: z.array(z.string()),
          legalBasis: z.string().optional(),
          recipients: z.array(z.string()).optional(),
          source: z.string().optional(),
          retention: z.string().optional(),
          records: z.array(z.record(z.string(), Json)),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * Input of {@link buildSubjectExport}: the export without `format`, with `generatedAt` as a `Date`.
 *
 * @example
 * ```ts
 * const input: SubjectExportInput = {
 *   generatedAt: new Date(),
 *   controller: { name: 'Örnek A.Ş.' },
 *   subject: { reference: 'customer-42' },
 *   categories: [],
 * };
 * ```
 */
export interface SubjectExportInput extends Omit<SubjectDataExport, 'format' | 'generatedAt'> {
  /** When it is produced. */
  readonly generatedAt: Date;
}

/**
 * Why {@link buildSubjectExport} refused its input.
 *
 * @example
 * ```ts
 * const r = buildSubjectExport({ generatedAt: new Date(), controller: { name: '' }, subject: { reference: 'x' }, categories: [] });
 * if (!r.ok) {
 *   const e: SubjectExportError = r.error;
 *   console.log(e.issues);
 * }
 * ```
 */
export interface SubjectExportError extends KvkkIssue<'invalid_export'> {
  /** The validation problems. */
  readonly issues: readonly ValidationIssue[];
}

/**
 * Builds and validates a data-subject export. Records must be JSON (no `Date`, no `undefined` in
 * arrays, finite numbers): convert dates to ISO strings first.
 *
 * @example
 * ```ts
 * const r = buildSubjectExport({
 *   generatedAt: new Date('2026-01-20T12:00:00Z'),
 *   controller: { name: 'Örnek A.Ş.', contact: 'kvkk@ornek.com.tr' },
 *   subject: { reference: 'customer-42', name: 'Ayşe Yılmaz' },
 *   applicationId: 'B-2026-0001',
 *   categories: [
 *     { category: 'iletişim', purposes: ['sipariş'], records: [{ telefon: '+905321234567' }] },
 *   ],
 * });
 * if (r.ok) {
 *   subjectExportToJson(r.value);
 *   subjectExportToXml(r.value);
 * }
 * ```
 */
export function buildSubjectExport(
  input: SubjectExportInput,
): KvkkResult<SubjectDataExport, SubjectExportError> {
  const at = input?.generatedAt;
  const candidate = {
    format: 'izinkit.kvkk.subject-export/1' as const,
    ...input,
    generatedAt: at instanceof Date && !Number.isNaN(at.getTime()) ? at.toISOString() : String(at),
  };
  const r = SubjectDataExportSchema.safeParse(candidate);
  if (!r.success)
    return err({
      ...issue('invalid_export', 'Veri dökümü geçersiz', 'The data export is invalid'),
      issues: r.error.issues.map((i) => ({ path: i.path, message: i.message })),
    });
  return ok(r.data);
}

/**
 * The export as pretty-printed JSON (UTF-8 text, 2-space indent, trailing newline).
 *
 * @example
 * ```ts
 * writeFileSync('kisisel-veriler.json', subjectExportToJson(exported));
 * ```
 */
export function subjectExportToJson(data: SubjectDataExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * The export as XML 1.0 with {@link toXml}'s mapping: root `subjectDataExport`, array items as
 * `<item>`. Every special character is escaped; keys that are not XML names (e.g. `e-posta adresi`)
 * become `<entry key="…">`.
 *
 * @example
 * ```ts
 * subjectExportToXml(exported).startsWith('<?xml version="1.0" encoding="UTF-8"?>'); // true
 * ```
 */
export function subjectExportToXml(data: SubjectDataExport): string {
  return toXml(data as unknown as JsonValue, { root: 'subjectDataExport' });
}
