/**
 * Structured logs (pino) that never carry personal data: every string in a log line — the
 * message, URLs and query strings (percent-decoded first), error messages, any field — goes
 * through @izinkit/kvkk's `findPii` and `mask` before it is written.
 */
import { findPii, mask } from '@izinkit/kvkk';
import pino, { type DestinationStream, type Logger } from 'pino';

const KEEP: Readonly<Record<string, { keepFirst?: number; keepLast?: number }>> = {
  phone: { keepLast: 2 },
  email: { keepFirst: 1 },
  tckn: { keepLast: 2 },
};

/**
 * Masks every personal datum @izinkit/kvkk finds in a text (TCKN, VKN, phone, e-mail, IBAN,
 * plate, MERSİS, birth date).
 *
 * @example
 * ```ts
 * maskPii('recipient=0532 123 45 67'); // 'recipient=**** *** ** 67'
 * ```
 */
export function maskPii(text: string): string {
  if (text.length === 0 || !/[0-9@]/.test(text)) return text;
  const found = findPii(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.start) + mask(m.value, KEEP[m.kind] ?? {});
    at = m.end;
  }
  return out + text.slice(at);
}

/**
 * A URL (path and query) with percent-encoding undone and personal data masked, so
 * `?recipient=%2B905321234567` is logged as `?recipient=+90532*******67`.
 *
 * @example
 * ```ts
 * maskUrl('/v1/brands/600000/consents?recipient=ali%40example.com');
 * ```
 */
export function maskUrl(url: string): string {
  let decoded = url.replace(/\+/g, ' ');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    decoded = decoded.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) =>
      String.fromCharCode(Number.parseInt(h, 16)),
    );
  }
  return maskPii(decoded);
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskPii(value.message),
      code: (value as { code?: unknown }).code,
      stack: maskPii(value.stack ?? ''),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/**
 * The service's logger: JSON lines, every string masked.
 *
 * @example
 * ```ts
 * const log = createLogger('info');
 * log.info({ url: req.originalUrl }, 'request');
 * ```
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => scrub(obj, 0) as Record<string, unknown> },
      serializers: { err: (e: unknown) => scrub(e, 0) },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPii(a) : a)) as Parameters<
            typeof method
          >;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}
