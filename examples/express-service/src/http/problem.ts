/**
 * RFC 9457 problem details: every error the API answers is `application/problem+json` with
 * `type`, `title`, `status`, `detail`, `instance`, a stable `code`, and for validation errors an
 * `errors` list naming each field — in Turkish or English by `Accept-Language`.
 */
import type { Response } from 'express';
import type { z } from 'zod';
import { type Locale, type MessageKey, t } from '../i18n.js';

/** One invalid field. */
export interface FieldError {
  /** Where: `body`, `query`, `path` or `header`. */
  readonly in: 'body' | 'query' | 'path' | 'header';
  /** The field path, dotted (`consentDate`, `evidence.client.ip`, `rows.3`). */
  readonly field: string;
  /** JSON pointer into that part of the request. */
  readonly pointer: string;
  /** What is wrong. */
  readonly detail: string;
}

/** The JSON body of a problem response. */
export interface ProblemBody {
  /** A URI naming the problem type. */
  readonly type: string;
  /** A short, human summary of the type. */
  readonly title: string;
  /** The HTTP status. */
  readonly status: number;
  /** What went wrong this time. */
  readonly detail: string;
  /** The request path. */
  readonly instance: string;
  /** A stable machine-readable code. */
  readonly code: string;
  /** Invalid fields, for validation problems. */
  readonly errors?: readonly FieldError[];
  /** Extra members (e.g. `iysCode`, `attemptsLeft`). */
  readonly [extra: string]: unknown;
}

const TYPE_BASE = 'https://izinkit.dev/problems/';

/**
 * A problem to answer with: thrown from handlers and middleware, rendered by the error handler.
 *
 * @example
 * ```ts
 * throw new Problem(404, 'not_found', 'problem.not_found', { detail: { tr: 'Yok', en: 'None' } });
 * ```
 */
export class Problem extends Error {
  /** HTTP status. */
  readonly status: number;
  /** Stable code (also the last segment of `type`). */
  readonly code: string;
  /** Catalogue key of the title. */
  readonly titleKey: MessageKey;
  /** The detail, per locale (or a catalogue key with parameters). */
  readonly detail:
    | { readonly tr: string; readonly en: string }
    | { readonly key: MessageKey; readonly params?: Record<string, string | number> }
    | undefined;
  /** Field errors. */
  readonly errors: readonly FieldError[] | undefined;
  /** Extra members. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** Extra response headers. */
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @param status - HTTP status
   * @param code - stable code
   * @param titleKey - catalogue key of the title
   * @param options - detail, field errors, extra members, headers
   */
  constructor(
    status: number,
    code: string,
    titleKey: MessageKey,
    options: {
      detail?: Problem['detail'];
      errors?: readonly FieldError[];
      extra?: Record<string, unknown>;
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.titleKey = titleKey;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
    Object.defineProperty(this, Symbol.for('izinkit.error'), { value: true });
  }

  /** The body in one locale. */
  body(locale: Locale, instance: string): ProblemBody {
    const d = this.detail;
    const detail =
      d === undefined ? t(locale, this.titleKey) : 'key' in d ? t(locale, d.key, d.params ?? {}) : d[locale];
    return {
      type: `${TYPE_BASE}${this.code}`,
      title: t(locale, this.titleKey),
      status: this.status,
      detail,
      instance,
      code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

/**
 * Writes a problem response.
 *
 * @example
 * ```ts
 * sendProblem(res, new Problem(401, 'unauthorized', 'problem.unauthorized'), 'en', req.originalUrl);
 * ```
 */
export function sendProblem(res: Response, problem: Problem, locale: Locale, instance: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [k, v] of Object.entries(problem.headers)) res.setHeader(k, v);
  res.status(problem.status);
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.setHeader('Content-Language', locale);
  res.end(JSON.stringify(problem.body(locale, instance.split('?')[0] ?? instance)));
}

const pointerOf = (path: readonly PropertyKey[]): string =>
  `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/**
 * Field errors from a zod error, for one part of the request.
 *
 * @example
 * ```ts
 * const r = Body.safeParse(req.body);
 * if (!r.success) throw validationProblem(fieldErrors('body', r.error));
 * ```
 */
export function fieldErrors(where: FieldError['in'], error: z.ZodError): FieldError[] {
  return error.issues.slice(0, 50).map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    let detail = i.message;
    if (i.code === 'unrecognized_keys') {
      detail = `bilinmeyen alan / unknown field: ${(i as { keys: string[] }).keys.join(', ')}`;
      const keys = (i as { keys: string[] }).keys;
      return {
        in: where,
        field: [...path, keys[0] ?? ''].join('.'),
        pointer: pointerOf([...path, keys[0] ?? '']),
        detail,
      };
    }
    return { in: where, field: path.join('.') || '(root)', pointer: pointerOf(path), detail };
  });
}

/**
 * A 400 validation problem naming every invalid field.
 *
 * @example
 * ```ts
 * throw validationProblem([{ in: 'query', field: 'recipient', pointer: '/recipient', detail: 'required' }]);
 * ```
 */
export function validationProblem(errors: readonly FieldError[], code = 'validation_failed'): Problem {
  const fields = [...new Set(errors.map((e) => `${e.in}.${e.field}`))].join(', ');
  return new Problem(400, code, 'problem.validation', {
    errors,
    detail: { key: 'problem.validation.detail', params: { count: errors.length, fields } },
  });
}
