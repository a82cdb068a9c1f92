/**
 * zod schemas shared by the routes: path parameters, query helpers, common response parts and
 * the RFC 9457 problem body.
 */
import { parseIysDateTime } from '@izinkit/iys';
import { z } from 'zod';

/** `{brandCode}`: İYS brand codes are digits. */
export const BrandParams: z.ZodType<{ brandCode: string }> = z.strictObject({
  brandCode: z
    .string()
    .regex(/^[0-9]{1,12}$/, 'marka kodu rakamlardan oluşur / a brand code is digits')
    .meta({ description: 'İYS brand code', example: '600000' }),
});

/**
 * A query value that may repeat (`?recipient=a&recipient=b`): always an array.
 *
 * @example
 * ```ts
 * z.object({ recipient: many(z.string()) });
 * ```
 */
export function many<T extends z.ZodType>(item: T, max = 20): z.ZodType<z.output<T>[]> {
  return z.preprocess(
    (v) => (v === undefined ? v : Array.isArray(v) ? v : [v]),
    z.array(item).min(1).max(max),
  ) as unknown as z.ZodType<z.output<T>[]>;
}

/** One query value; a repeated parameter is refused (not silently merged). */
export const single = (s: z.ZodString = z.string()): z.ZodString => s;

/**
 * A date-time: ISO 8601 with an offset (`2026-03-13T10:00:00+03:00`), or İYS's
 * `YYYY-MM-DD HH:mm:ss` (Türkiye time). Output: a canonical UTC instant.
 */
export const DateTimeInput: z.ZodType<string, string> = z
  .string()
  .max(64)
  .transform((s, ctx) => {
    if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s)) {
      const r = parseIysDateTime(s);
      if (r.ok) return r.value.toISOString();
    } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
      const ms = Date.parse(s);
      if (!Number.isNaN(ms)) return new Date(ms).toISOString();
    }
    ctx.addIssue({
      code: 'custom',
      message:
        'ISO 8601 (saat dilimiyle) ya da YYYY-MM-DD HH:mm:ss bekleniyor / expected ISO 8601 with an offset, or YYYY-MM-DD HH:mm:ss',
    });
    return z.NEVER;
  })
  .meta({
    description: 'ISO 8601 with an offset, or İYS’s `YYYY-MM-DD HH:mm:ss` in Türkiye time',
    example: '2026-03-13T10:00:00+03:00',
  });

/** A recipient in any form @izinkit/identity accepts (phone in any Turkish or E.164 form, or e-mail). */
export const RecipientInput: z.ZodType<string> = z
  .string()
  .min(1)
  .max(320)
  .meta({ description: 'phone number (any common form) or e-mail address', example: '0532 123 45 67' });

/** Paging. */
export const Limit: z.ZodType<number, string | undefined> = z
  .string()
  .regex(/^\d{1,4}$/)
  .optional()
  .transform((v) => Math.min(Math.max(v === undefined ? 50 : Number(v), 1), 500)) as unknown as z.ZodType<
  number,
  string | undefined
>;

/** The RFC 9457 problem body. */
export const ProblemSchema: z.ZodType = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'query', 'path', 'header']),
          field: z.string(),
          pointer: z.string(),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

/** Any JSON object (documented loosely). */
export const AnyObject: z.ZodType = z.record(z.string(), z.unknown());
