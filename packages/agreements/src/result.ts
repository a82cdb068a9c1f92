/**
 * Results, expected failures and the one thrown error class of `@izinkit/agreements`.
 *
 * Expected failures (a bad template, a publication in the past, a lost race) are values:
 * `{ ok: false, error }` where `error.code` is a stable string and `error.message` is readable in
 * Turkish and English. Exceptions are for bugs, and for callers who ask for them with
 * {@link orThrow}.
 */

/**
 * The outcome of an operation that can fail in an expected way.
 *
 * @example
 * ```ts
 * const r: Result<number, string> = Math.random() > 0.5 ? { ok: true, value: 1 } : { ok: false, error: 'no' };
 * if (r.ok) console.log(r.value);
 * ```
 */
export type Result<T, E = AgreementsIssue> =
  | {
      /** It worked. */
      readonly ok: true;
      /** The value. */
      readonly value: T;
    }
  | {
      /** It failed in an expected way. */
      readonly ok: false;
      /** Why. */
      readonly error: E;
    };

/**
 * A text in both languages people read here.
 *
 * @example
 * ```ts
 * const t: LocalizedText = { tr: 'Sürüm bulunamadı', en: 'Version not found' };
 * ```
 */
export interface LocalizedText {
  /** Turkish. */
  readonly tr: string;
  /** English. */
  readonly en: string;
}

/**
 * Every stable error code this package returns.
 *
 * - `INVALID_INPUT` — an argument failed its zod schema (`issues` lists where).
 * - `INVALID_TEXT` — an agreement text is empty, too long, or holds control characters.
 * - `TEMPLATE_SYNTAX` — a `{{` that does not open a well-formed placeholder (`line`, `column`).
 * - `TEMPLATE_VARIABLE` — a placeholder without a type, with an unknown type, or with two types.
 * - `INVALID_VALUES` — rendering values missing or of the wrong form (`valueIssues`).
 * - `DUPLICATE_VERSION` — the same canonical text already exists in this document (`versionId`).
 * - `VERSION_NOT_FOUND` — no version with that id in this document.
 * - `NOT_A_DRAFT` — publish or discard of a version that is not a draft.
 * - `NOT_PUBLISHED` — retire of a version that is not the published one.
 * - `NOT_YET_IN_FORCE` — retire of a published version whose effective date is still ahead.
 * - `EFFECTIVE_IN_PAST` — a publication may not take effect before now (history is not rewritten).
 * - `EFFECTIVE_BEFORE_CURRENT` — a publication may not take effect before the published version does.
 * - `RULE_FINDINGS` — the text breaks a content rule that was not acknowledged (`findings`).
 * - `NO_VERSION_IN_FORCE` — nothing is in force for that document at that instant.
 * - `ACCEPTANCE_NOT_IN_FORCE` — an acceptance names a version that was not in force by then.
 * - `CONFLICT` — another writer kept changing the document; the retries ran out.
 *
 * @example
 * ```ts
 * const code: AgreementsErrorCode = 'DUPLICATE_VERSION';
 * ```
 */
export type AgreementsErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_TEXT'
  | 'TEMPLATE_SYNTAX'
  | 'TEMPLATE_VARIABLE'
  | 'INVALID_VALUES'
  | 'DUPLICATE_VERSION'
  | 'VERSION_NOT_FOUND'
  | 'NOT_A_DRAFT'
  | 'NOT_PUBLISHED'
  | 'NOT_YET_IN_FORCE'
  | 'EFFECTIVE_IN_PAST'
  | 'EFFECTIVE_BEFORE_CURRENT'
  | 'RULE_FINDINGS'
  | 'NO_VERSION_IN_FORCE'
  | 'ACCEPTANCE_NOT_IN_FORCE'
  | 'CONFLICT';

/**
 * One input field that failed validation.
 *
 * @example
 * ```ts
 * const i: InputIssue = { path: ['document', 'brand'], message: 'Invalid string' };
 * ```
 */
export interface InputIssue {
  /** Where in the input (property names and array indexes). */
  readonly path: readonly (string | number)[];
  /** What is wrong, as zod reports it. */
  readonly message: string;
}

/**
 * One rendering value that is missing or malformed.
 *
 * @example
 * ```ts
 * const v: ValueIssue = {
 *   variable: 'mersis',
 *   type: 'mersis',
 *   code: 'INVALID_VALUE',
 *   messages: { tr: '16 haneli MERSİS numarası bekleniyor', en: 'expected a 16-digit MERSİS number' },
 * };
 * ```
 */
export interface ValueIssue {
  /** The placeholder's name. */
  readonly variable: string;
  /** The placeholder's declared type. */
  readonly type: string;
  /** `MISSING_VALUE` or `INVALID_VALUE`. */
  readonly code: 'MISSING_VALUE' | 'INVALID_VALUE';
  /** What was expected, in both languages. */
  readonly messages: LocalizedText;
}

/**
 * An expected failure: a stable `code`, a message in Turkish and English, and the details that
 * apply to that code.
 *
 * @example
 * ```ts
 * const r = parseTemplate('Merhaba {{ad}}');
 * if (!r.ok) console.log(r.error.code, r.error.message); // TEMPLATE_VARIABLE …
 * ```
 */
export interface AgreementsIssue {
  /** Stable code to match on. */
  readonly code: AgreementsErrorCode;
  /** `"<Turkish> / <English>"`, for logs. */
  readonly message: string;
  /** The message in each language, for people. */
  readonly messages: LocalizedText;
  /** Input problems, for `INVALID_INPUT`. */
  readonly issues?: readonly InputIssue[];
  /** Value problems, for `INVALID_VALUES`. */
  readonly valueIssues?: readonly ValueIssue[];
  /** Content-rule findings, for `RULE_FINDINGS`. */
  readonly findings?: readonly RuleFindingLike[];
  /** The version concerned, where one is. */
  readonly versionId?: string;
  /** 1-based line in the text, for text and template errors. */
  readonly line?: number;
  /** 1-based column (UTF-16 code units) in that line. */
  readonly column?: number;
  /** The placeholder concerned, for `TEMPLATE_VARIABLE`. */
  readonly variable?: string;
  /** How many attempts were made, for `CONFLICT`. */
  readonly attempts?: number;
}

/**
 * The shape of a content-rule finding as carried inside an {@link AgreementsIssue}. See
 * `RuleFinding` for the full type.
 *
 * @example
 * ```ts
 * const f: RuleFindingLike = { code: 'ETK_RET_ROUTE_MISSING', severity: 'error', messages: { tr: '…', en: '…' } };
 * ```
 */
export interface RuleFindingLike {
  /** Stable finding code. */
  readonly code: string;
  /** `error` blocks publication unless acknowledged; `warning` never does. */
  readonly severity: 'error' | 'warning';
  /** Explanation in both languages. */
  readonly messages: LocalizedText;
}

/** Extra fields an issue may carry. */
type IssueDetails = Omit<AgreementsIssue, 'code' | 'message' | 'messages'>;

/** @internal Builds an issue. */
export function issue(
  code: AgreementsErrorCode,
  messages: LocalizedText,
  details: IssueDetails = {},
): AgreementsIssue {
  return { code, message: `${messages.tr} / ${messages.en}`, messages, ...details };
}

/** @internal A failed result. */
export function fail<T = never>(
  code: AgreementsErrorCode,
  messages: LocalizedText,
  details: IssueDetails = {},
): Result<T> {
  return { ok: false, error: issue(code, messages, details) };
}

/** @internal A successful result. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

const BRAND = Symbol.for('izinkit.error');

/**
 * The error this package throws: from {@link orThrow}, and for bugs (a repository that breaks its
 * contract). It carries a stable `code`, keeps `cause`, and is branded with
 * `Symbol.for('izinkit.error')` so {@link isIzinkitError} recognises it across duplicate copies of
 * the package.
 *
 * @example
 * ```ts
 * try {
 *   orThrow(parseTemplate('{{x'));
 * } catch (e) {
 *   if (e instanceof AgreementsError) console.log(e.code); // 'TEMPLATE_SYNTAX'
 * }
 * ```
 */
export class AgreementsError extends Error {
  /** Stable code (an {@link AgreementsErrorCode}, or `REPOSITORY_CONTRACT` for a broken store). */
  readonly code: string;
  /** The expected failure this error wraps, if it came from a result. */
  readonly issue: AgreementsIssue | undefined;

  /**
   * @param code - stable code
   * @param message - readable message
   * @param options - `cause` (kept) and the wrapped `issue`
   */
  constructor(message: string, code: string, options: { cause?: unknown; issue?: AgreementsIssue } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AgreementsError';
    this.code = code;
    this.issue = options.issue;
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }
}

/**
 * True for any error thrown by an izinkit package (branded with `Symbol.for('izinkit.error')`),
 * even when two copies of the package are loaded.
 *
 * @example
 * ```ts
 * try {
 *   orThrow(parseTemplate('{{x'));
 * } catch (e) {
 *   isIzinkitError(e); // true
 * }
 * ```
 */
export function isIzinkitError(value: unknown): value is Error & {
  /** The error's stable code. */
  readonly code: string;
} {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/**
 * Returns the value of a successful result, or throws an {@link AgreementsError} carrying the
 * failure's code and issue.
 *
 * @example
 * ```ts
 * const template = orThrow(parseTemplate('Merhaba {{brandName}}'));
 * ```
 */
export function orThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AgreementsError(result.error.message, result.error.code, { issue: result.error });
}
